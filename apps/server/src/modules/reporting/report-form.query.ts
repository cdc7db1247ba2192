/** Reading reports: the report form of an assignment, one report with its history, an assignment's ledger. */

import type { AssignmentStatusView, ReportFormResponse, ReportResponse } from '@lantian/contract';
import { periodOf } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { openClosureOf } from '../closures/closures.service.ts';
import { evidenceOf } from '../evidence/evidence.service.ts';
import { isSoleSigner } from '../signoff/sole-signer.ts';
import { computePlanStatuses } from '../status/summary.ts';
import {
  type AssignmentContext,
  assignmentResource,
  loadAssignment,
  presentAssignmentBrief,
  visibleAssignment,
} from '../supervision/assignment.ts';
import { userNames } from '../supervision/common.ts';
import { todayOf } from '../supervision/day.ts';
import { reportingFromRow } from '../supervision/settings.ts';
import { briefWithScopes } from '../targets/target-scope.ts';
import { owedPeriods } from './report-rules.ts';
import { presentEvent, presentReport } from './reports.presenters.ts';
import type { ReportRow } from './reports.repository.ts';
import * as repo from './reports.repository.ts';
import { reviewResource, writersOf } from './reports.service.ts';

const delivered = (s: string | undefined) => s === 'submitted' || s === 'accepted';

/** The status of one assignment today, computed from its facts. */
async function assignmentStatusNow(ctx: AppContext, a: AssignmentContext): Promise<AssignmentStatusView> {
  const asOf = todayOf(ctx.clock);
  const [s] = await computePlanStatuses(ctx, ctx.db.kysely, a.planId, asOf, { assignmentIds: [a.id] });
  if (!s) throw notFound('任务分工');
  return {
    assignmentId: a.id,
    light: s.light,
    reasons: s.reasons.map((r) => ({ ...r, due: r.due ?? null, period: r.period ?? null })),
    progress: s.progress,
    completed: s.completed,
    closedOn: s.closedOn,
    nextDue: s.nextDue,
    lastPeriod: s.lastPeriod,
    lastState: s.lastState,
    asOf,
  };
}

async function openClosure(ctx: AppContext, assignmentId: string): Promise<boolean> {
  return !!(await openClosureOf(ctx.db.kysely, assignmentId));
}

/** What the user may do now, so the page shows only those buttons. */
export function reportActions(
  user: Principal,
  a: AssignmentContext,
  report: ReportRow | null,
  hasPeriod: boolean,
  closurePending: boolean,
  /** The office marked the unit a sole signer (its leader may sign off what it wrote). */
  soleSigner = false,
) {
  const open = a.planStatus === 'published' && !a.closedOn;
  const res = assignmentResource(a);
  const editable = open && hasPeriod && (!report || report.state === 'draft' || report.state === 'returned');
  const mayEdit = authorize(user, 'report.edit', res);
  return {
    save: editable && mayEdit,
    submit: editable && mayEdit,
    signoff:
      open &&
      report?.state === 'pending_signoff' &&
      authorize(user, 'report.signoff', {
        type: 'signoff',
        unitId: report.unit_id,
        writtenBy: writersOf(report),
        soleSigner,
      }),
    review:
      open && report?.state === 'submitted' && authorize(user, 'report.review', reviewResource(report, a)),
    uploadEvidence: editable && mayEdit && !!report,
    requestExtension: open && authorize(user, 'extension.request', res),
    requestClosure: open && !closurePending && authorize(user, 'closure.request', res),
  };
}

async function presentOne(ctx: AppContext, a: AssignmentContext, r: ReportRow) {
  const [names, evidence, events] = await Promise.all([
    userNames(ctx.db.kysely, [r.updated_by, r.submitted_by, r.signed_off_by, r.reviewed_by]),
    evidenceOf(ctx, 'report', [r.id]),
    repo.eventsOf(ctx.db.kysely, r.id),
  ]);
  return {
    report: presentReport(r, a.unitName, names, evidence.get(r.id) ?? []),
    history: events.map(presentEvent),
  };
}

export async function reportForm(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  periodKey?: string,
): Promise<ReportFormResponse> {
  const a = await visibleAssignment(ctx.db.kysely, user, assignmentId);
  const today = todayOf(ctx.clock);
  const reporting = reportingFromRow(ctx, a.planId, a.planYear, a.reportingRow, a.planPeriod);
  const owed = owedPeriods(a, reporting, today);
  const reports = await repo.reportsOfAssignment(ctx.db.kysely, a.id);
  const byPeriod = new Map(reports.map((r) => [r.period, r]));
  const periods = owed.map((p) => {
    const r = byPeriod.get(p.key);
    return {
      key: p.key,
      start: p.start,
      end: p.end,
      due: p.due,
      reportId: r?.id ?? null,
      state: r?.state ?? null,
      late: p.due < today && !delivered(r?.state),
    };
  });
  let period: (typeof owed)[number] | null = null;
  if (periodKey) {
    period = owed.find((p) => p.key === periodKey) ?? null;
    if (!period && !byPeriod.has(periodKey))
      throw new AppError('INVALID_INPUT', `报告期 ${periodKey} 不在本项任务的填报期内`);
    if (!period) {
      const r = byPeriod.get(periodKey) as ReportRow;
      period = { key: r.period, start: r.period_start, end: r.period_end, due: r.period_due };
    }
  } else {
    const current = periodOf(today, reporting.settings).key;
    period = owed.find((p) => p.key === current) ?? owed[owed.length - 1] ?? null;
  }
  const report = period ? (byPeriod.get(period.key) ?? null) : null;
  const shown = report ? await presentOne(ctx, a, report) : { report: null, history: [] };
  const closure = await openClosureOf(ctx.db.kysely, a.id);
  return {
    assignment: await briefWithScopes(ctx.db.kysely, presentAssignmentBrief(a)),
    status: await assignmentStatusNow(ctx, a),
    period: period ? { key: period.key, start: period.start, end: period.end, due: period.due } : null,
    periods,
    report: shown.report,
    history: shown.history,
    actions: reportActions(
      user,
      a,
      report,
      !!period && owed.some((p) => p.key === period.key),
      !!closure,
      await isSoleSigner(ctx.db.kysely, a.unitId),
    ),
    openClosure:
      closure && authorize(user, 'closure.read', assignmentResource(a))
        ? { id: closure.id, state: closure.state }
        : null,
  };
}

export async function reportDetail(
  ctx: AppContext,
  user: Principal,
  reportId: string,
  /** The report's assignment, when the caller has just loaded and checked it. */
  known?: AssignmentContext,
  /** The report as the caller has just written it (in a committed transaction). */
  written?: ReportRow,
): Promise<ReportResponse> {
  const r = written?.id === reportId ? written : await repo.reportById(ctx.db.kysely, reportId);
  const a = r
    ? known?.id === r.assignment_id
      ? known
      : await loadAssignment(ctx.db.kysely, r.assignment_id)
    : undefined;
  if (!r || !a || !authorize(user, 'report.read', assignmentResource(a))) throw notFound('进展报告');
  const [shown, closurePending, soleSigner] = await Promise.all([
    presentOne(ctx, a, r),
    openClosure(ctx, a.id),
    isSoleSigner(ctx.db.kysely, a.unitId),
  ]);
  return { ...shown, actions: reportActions(user, a, r, true, closurePending, soleSigner) };
}

/** Every report of an assignment, oldest period first (its ledger). */
/** One page of an assignment's ledger (台账), newest period first. */
export async function assignmentReports(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  q: { page: number; pageSize: number },
) {
  const a = await visibleAssignment(ctx.db.kysely, user, assignmentId);
  const { total, rows: reports } = await repo.reportsOfAssignmentPage(ctx.db.kysely, a.id, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const [names, evidence] = await Promise.all([
    userNames(
      ctx.db.kysely,
      reports.flatMap((r) => [r.updated_by, r.submitted_by, r.signed_off_by, r.reviewed_by]),
    ),
    evidenceOf(
      ctx,
      'report',
      reports.map((r) => r.id),
    ),
  ]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    assignment: await briefWithScopes(ctx.db.kysely, presentAssignmentBrief(a)),
    reports: reports.map((r) => presentReport(r, a.unitName, names, evidence.get(r.id) ?? [])),
  };
}
