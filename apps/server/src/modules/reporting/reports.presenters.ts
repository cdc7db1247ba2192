/** Report rows to the API's shapes. */
import type { Attachment, Report } from '@lantian/contract';
import type { ReportRow } from './reports.repository.ts';

export function presentReport(
  r: ReportRow,
  unitName: string,
  names: Map<string, string>,
  evidence: Attachment[],
): Report {
  const who = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    planId: r.plan_id,
    measureId: r.measure_id,
    unitId: r.unit_id,
    unitName,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    periodDue: r.period_due,
    state: r.state,
    status: r.status,
    summary: r.summary,
    targetValues: JSON.parse(r.target_values),
    milestonesReached: JSON.parse(r.milestones_reached),
    reviewRoute: r.review_route,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: who(r.updated_by),
    submittedAt: r.submitted_at,
    submittedBy: who(r.submitted_by),
    signedOffAt: r.signed_off_at,
    signedOffBy: who(r.signed_off_by),
    reviewedAt: r.reviewed_at,
    reviewedBy: who(r.reviewed_by),
    reviewDecision: r.review_decision,
    reviewComment: r.review_comment,
    signoffComment: r.signoff_comment,
    evidence,
  };
}

export function presentEvent(e: {
  at: string;
  action: string;
  from_state: string | null;
  to_state: Report['state'];
  comment: string | null;
  display_name: string | null;
}) {
  return {
    at: e.at,
    action: e.action,
    fromState: e.from_state,
    toState: e.to_state,
    by: e.display_name,
    comment: e.comment,
  };
}
