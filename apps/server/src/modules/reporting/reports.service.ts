/**
 * The report flow (填报流程): unit staff save a draft and submit it → the unit leader signs it off (or
 * sends it back) → the lead unit reviews it (the office, for a lead unit's own report): accept, or
 * return with a comment, which reopens it. Every step is one transaction with its audit record, its
 * history event, its notifications and the assignment's refreshed status. Saves are optimistically
 * locked; a submit carries a request id so a retry changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type {
  ReviewRequest,
  SaveReportRequest,
  SignoffRequest,
  SubmitReportRequest,
} from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { ReportStateValue } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize, ensureAuthorized, type Resource } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { notify, supervisorRecipients, unitRecipients, unitsRecipients } from '../notifications/notify.ts';
import { sentence } from '../notifications/sentence.ts';
import { signoffResource } from '../signoff/sole-signer.ts';
import { refreshAssignments } from '../status/summary.ts';
import {
  type AssignmentContext,
  assignmentResource,
  directingLeadIds,
  ensureWritable,
  loadAssignment,
  reviewRouteOf,
} from '../supervision/assignment.ts';
import { isUniqueViolation, versionConflict } from '../supervision/common.ts';
import { todayOf } from '../supervision/day.ts';
import { reportingFromRow } from '../supervision/settings.ts';
import { checkContent, reportablePeriod } from './report-rules.ts';
import type { ReportRow } from './reports.repository.ts';
import * as repo from './reports.repository.ts';

const EDITABLE: ReportStateValue[] = ['draft', 'returned'];
const STATE_NAMES: Record<ReportStateValue, string> = {
  draft: '草稿',
  pending_signoff: '待单位领导签发',
  submitted: '已报送待审核',
  accepted: '已审核通过',
  returned: '已退回',
};

/** The assignment inside the transaction, visible to the user (else 404) and theirs to write (else 403). */
async function writableAssignment(
  db: Executor,
  user: Principal,
  assignmentId: string,
): Promise<AssignmentContext> {
  // A report's content does not depend on approved extensions: not read here.
  const a = await loadAssignment(db, assignmentId, { extensions: false });
  if (!a || a.planStatus === 'draft' || !authorize(user, 'report.read', assignmentResource(a)))
    throw notFound('任务分工');
  ensureAuthorized(user, 'report.edit', assignmentResource(a));
  ensureWritable(a);
  return a;
}

async function recordStep(
  ctx: AppContext,
  trx: Trx,
  user: Principal,
  r: ReportRow,
  step: { action: string; from: ReportStateValue | null; comment?: string | null },
) {
  await repo.insertEvent(trx, {
    id: randomUUID(),
    report_id: r.id,
    plan_id: r.plan_id,
    at: ctx.clock.now().toISOString(),
    user_id: user.userId,
    action: step.action,
    from_state: step.from,
    to_state: r.state,
    status: r.status,
    milestones_reached: r.milestones_reached,
    target_values: r.target_values,
    comment: step.comment ?? null,
  });
  await audit(ctx, trx, actorOf(user), {
    action: `report.${step.action}`,
    objectType: 'progress_report',
    objectId: r.id,
    before: step.from ? { state: step.from } : undefined,
    after: { state: r.state, status: r.status, version: r.version },
    detail: {
      assignmentId: r.assignment_id,
      period: r.period,
      ...(step.comment ? { comment: step.comment } : {}),
    },
  });
}

function newReport(
  ctx: AppContext,
  user: Principal,
  a: AssignmentContext,
  period: { key: string; start: string; end: string; due: string },
  content: ReturnType<typeof checkContent>,
): ReportRow {
  const now = ctx.clock.now().toISOString();
  return {
    id: randomUUID(),
    plan_id: a.planId,
    assignment_id: a.id,
    measure_id: a.measureId,
    unit_id: a.unitId,
    period: period.key,
    period_start: period.start,
    period_end: period.end,
    period_due: period.due,
    state: 'draft',
    ...content,
    review_route: reviewRouteOf(a),
    version: 1,
    created_by: user.userId,
    created_at: now,
    updated_by: user.userId,
    updated_at: now,
    submitted_by: null,
    submitted_at: null,
    signed_off_by: null,
    signed_off_at: null,
    reviewed_by: null,
    reviewed_at: null,
    review_decision: null,
    review_comment: null,
    signoff_comment: null,
    last_request_id: null,
  };
}

/**
 * What a save needs to know, read before its write transaction (on PostgreSQL these reads run side by
 * side on the pool; a unit's save is the hot path): the assignment, checked, and the period.
 */
async function prepare(ctx: AppContext, user: Principal, assignmentId: string, periodKey: string) {
  const a = await writableAssignment(ctx.db.kysely, user, assignmentId);
  const today = todayOf(ctx.clock);
  const reporting = reportingFromRow(ctx, a.planId, a.planYear, a.reportingRow, a.planPeriod);
  const period = reportablePeriod(a, reporting, today, periodKey);
  return { a, today, period };
}

/** Inside the write transaction: the assignment is still open, and the period's report as it is now (one query). */
async function current(trx: Trx, a: AssignmentContext, period: string) {
  const found = await repo.reportAndClosure(trx, a.id, period);
  if (found.closedOn) ensureWritable({ ...a, closedOn: found.closedOn });
  return found.report;
}

/** The report written, and the assignment it was checked against (so the answer need not load it again). */
export interface Saved {
  id: string;
  assignment?: AssignmentContext;
  /** The row as written (for the answer). */
  row?: ReportRow;
}

/** Save the period's draft (version 0 creates it). */
export async function saveReport(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  periodKey: string,
  input: SaveReportRequest,
): Promise<Saved> {
  const { a, today, period } = await prepare(ctx, user, assignmentId, periodKey);
  const content = checkContent(a, input, today);
  try {
    return await transaction(ctx, async (trx) => {
      const existing = await current(trx, a, period.key);
      if (!existing) {
        if (input.version !== 0) throw versionConflict('进展报告');
        const row = newReport(ctx, user, a, period, content);
        await repo.insertReport(trx, row);
        await recordStep(ctx, trx, user, row, { action: 'create', from: null });
        return { id: row.id, assignment: a, row };
      }
      if (existing.version !== input.version) throw versionConflict('进展报告');
      if (!EDITABLE.includes(existing.state))
        throw new AppError('INVALID_STATE', `报告${STATE_NAMES[existing.state]}，不能再修改`);
      const changes = { ...content, updated_by: user.userId, updated_at: ctx.clock.now().toISOString() };
      if (!(await repo.updateReport(trx, existing.id, input.version, changes)))
        throw versionConflict('进展报告');
      await audit(ctx, trx, actorOf(user), {
        action: 'report.save',
        objectType: 'progress_report',
        objectId: existing.id,
        after: { state: existing.state, status: content.status, version: input.version + 1 },
        detail: { assignmentId: a.id, period: period.key },
      });
      return { id: existing.id, assignment: a, row: { ...existing, ...changes, version: input.version + 1 } };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw versionConflict('进展报告');
    throw e;
  }
}

/**
 * Submit for sign-off, with the content. A retry with the same `requestId` returns the report as the
 * first attempt left it and changes nothing; two racing first submits create one report.
 */
export async function submitReport(
  ctx: AppContext,
  user: Principal,
  assignmentId: string,
  periodKey: string,
  input: SubmitReportRequest,
): Promise<Saved> {
  const { a, today, period } = await prepare(ctx, user, assignmentId, periodKey);
  try {
    return await transaction(ctx, async (trx) => {
      const existing = await current(trx, a, period.key);
      if (existing && existing.last_request_id === input.requestId) return { id: existing.id, assignment: a };
      const content = checkContent(a, input, today);
      const now = ctx.clock.now().toISOString();
      const submitted = {
        ...content,
        state: 'pending_signoff' as const,
        updated_by: user.userId,
        updated_at: now,
        submitted_by: user.userId,
        submitted_at: now,
        last_request_id: input.requestId,
      };
      let row: ReportRow;
      if (!existing) {
        if (input.version !== 0) throw versionConflict('进展报告');
        row = { ...newReport(ctx, user, a, period, content), ...submitted };
        await repo.insertReport(trx, row);
      } else {
        if (existing.version !== input.version) throw versionConflict('进展报告');
        if (!EDITABLE.includes(existing.state))
          throw new AppError('INVALID_STATE', `报告${STATE_NAMES[existing.state]}，不能再次提交`);
        if (!(await repo.updateReport(trx, existing.id, input.version, submitted)))
          throw versionConflict('进展报告');
        row = { ...existing, ...submitted, version: input.version + 1 };
      }
      await recordStep(ctx, trx, user, row, { action: 'submit', from: existing?.state ?? null });
      await notify(ctx, trx, await unitRecipients(trx, a.unitId, ['unit_leader']), {
        kind: 'report.pending_signoff',
        title: `待签发：${measureNo(a.taskNo, a.seq)} ${period.key} 进展报告`,
        body: `${a.unitName}的 ${period.key} 期进展报告已提交，请单位领导签发。`,
        objectType: 'report',
        objectId: row.id,
        planId: a.planId,
      });
      await refreshAssignments(ctx, trx, a.planId, [a.id]);
      return { id: row.id, assignment: a, row };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // A racing submit created the report first: the same request is a success, another is a conflict.
    const again = await loadAndCheckRace(ctx, assignmentId, periodKey, input.requestId);
    if (again) return { id: again };
    throw versionConflict('进展报告');
  }
}

async function loadAndCheckRace(ctx: AppContext, assignmentId: string, period: string, requestId: string) {
  const r = await repo.reportOf(ctx.db.kysely, assignmentId, period);
  return r && r.last_request_id === requestId ? r.id : null;
}

/** The report and its assignment, if the user may see it (else 404). */
async function visibleReport(trx: Trx, user: Principal, reportId: string) {
  const r = await repo.reportById(trx, reportId);
  const a = r ? await loadAssignment(trx, r.assignment_id) : undefined;
  if (!r || !a || !authorize(user, 'report.read', assignmentResource(a))) throw notFound('进展报告');
  return { r, a };
}

export function reviewResource(
  r: Pick<
    ReportRow,
    'unit_id' | 'review_route' | 'created_by' | 'updated_by' | 'submitted_by' | 'signed_off_by'
  >,
  a: AssignmentContext,
): Resource {
  return {
    type: 'review',
    unitId: r.unit_id,
    leadUnitIds: directingLeadIds(a),
    route: r.review_route,
    handledBy: [r.created_by, r.updated_by, r.submitted_by, r.signed_off_by],
  };
}

/** Who wrote a report: they do not sign it off (four eyes). */
export const writersOf = (r: Pick<ReportRow, 'created_by' | 'updated_by' | 'submitted_by'>) => [
  r.created_by,
  r.updated_by,
  r.submitted_by,
];

/** The unit leader signs the report off (it goes to the reviewer) or sends it back to the staff. */
export async function signoffReport(
  ctx: AppContext,
  user: Principal,
  reportId: string,
  input: SignoffRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const { r, a } = await visibleReport(trx, user, reportId);
    ensureAuthorized(user, 'report.signoff', await signoffResource(trx, r.unit_id, writersOf(r)));
    ensureWritable(a);
    if (r.version !== input.version) throw versionConflict('进展报告');
    if (r.state !== 'pending_signoff')
      throw new AppError('INVALID_STATE', `报告${STATE_NAMES[r.state]}，不在待签发状态`);
    const now = ctx.clock.now().toISOString();
    const approve = input.decision === 'approve';
    const state: ReportStateValue = approve
      ? 'submitted'
      : r.review_decision === 'returned'
        ? 'returned'
        : 'draft';
    const changes = approve
      ? {
          state,
          signed_off_by: user.userId,
          signed_off_at: now,
          signoff_comment: input.comment ?? null,
          review_route: reviewRouteOf(a),
          updated_at: now,
        }
      : { state, signoff_comment: input.comment ?? null, updated_at: now };
    if (!(await repo.updateReport(trx, r.id, r.version, changes))) throw versionConflict('进展报告');
    const row = { ...r, ...changes, version: r.version + 1 };
    await recordStep(ctx, trx, user, row, {
      action: approve ? 'signoff' : 'signoff_reject',
      from: r.state,
      comment: input.comment,
    });
    const label = `${measureNo(a.taskNo, a.seq)} ${a.unitName} ${r.period}`;
    if (approve) {
      const reviewers =
        row.review_route === 'lead'
          ? await unitsRecipients(trx, directingLeadIds(a))
          : await supervisorRecipients(trx);
      await notify(ctx, trx, reviewers, {
        kind: 'report.submitted',
        title: `待审核：${label} 进展报告`,
        body: `${a.unitName}报送了 ${r.period} 期进展报告（${measureNo(a.taskNo, a.seq)}），请审核。`,
        objectType: 'report',
        objectId: r.id,
        planId: a.planId,
      });
    } else {
      await notify(ctx, trx, await unitRecipients(trx, a.unitId, ['unit_staff']), {
        kind: 'report.signoff_rejected',
        title: `未签发：${label} 进展报告`,
        body: `单位领导未签发 ${r.period} 期进展报告${input.comment ? `：${input.comment}` : ''}，请修改后重新提交。`,
        objectType: 'report',
        objectId: r.id,
        planId: a.planId,
      });
    }
    await refreshAssignments(ctx, trx, a.planId, [a.id]);
  });
}

/** The lead unit (or the office) accepts the report, or returns it with a comment. */
export async function reviewReport(
  ctx: AppContext,
  user: Principal,
  reportId: string,
  input: ReviewRequest,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const { r, a } = await visibleReport(trx, user, reportId);
    ensureAuthorized(user, 'report.review', reviewResource(r, a));
    ensureWritable(a);
    if (r.version !== input.version) throw versionConflict('进展报告');
    if (r.state !== 'submitted')
      throw new AppError('INVALID_STATE', `报告${STATE_NAMES[r.state]}，不在待审核状态`);
    const now = ctx.clock.now().toISOString();
    const accept = input.decision === 'accept';
    const changes = {
      state: (accept ? 'accepted' : 'returned') as ReportStateValue,
      reviewed_by: user.userId,
      reviewed_at: now,
      review_decision: (accept ? 'accepted' : 'returned') as 'accepted' | 'returned',
      review_comment: input.comment?.trim() || null,
      updated_at: now,
    };
    if (!(await repo.updateReport(trx, r.id, r.version, changes))) throw versionConflict('进展报告');
    const row = { ...r, ...changes, version: r.version + 1 };
    await recordStep(ctx, trx, user, row, {
      action: accept ? 'accept' : 'return',
      from: r.state,
      comment: input.comment,
    });
    await notify(ctx, trx, await unitRecipients(trx, a.unitId), {
      kind: accept ? 'report.accepted' : 'report.returned',
      title: `${accept ? '审核通过' : '被退回'}：${measureNo(a.taskNo, a.seq)} ${r.period} 进展报告`,
      body: accept
        ? `${r.period} 期进展报告已审核通过${input.comment ? `：${sentence(input.comment)}` : '。'}`
        : `${r.period} 期进展报告被退回：${sentence(input.comment ?? '')}请修改后重新提交。`,
      objectType: 'report',
      objectId: r.id,
      planId: a.planId,
    });
    await refreshAssignments(ctx, trx, a.planId, [a.id]);
  });
}
