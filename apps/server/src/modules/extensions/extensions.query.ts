/** Reading extension requests, scoped like assignments (workflow/request-query.ts). */
import type { ExtensionsQuery, ExtensionsResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { requestAssignments } from '../supervision/requests.ts';
import { mayDecide, requestReader } from '../workflow/request-query.ts';

/** The requests with their measure, unit and milestone, unscoped (the office's own documents read them all). */
const from = (db: Executor) =>
  db
    .selectFrom('extension_requests as x')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .leftJoin('milestones as ms', 'ms.id', 'x.milestone_id');
const columns = (q: ReturnType<typeof from>) =>
  q
    .selectAll('x')
    .select(['m.task_no', 'm.seq', 'm.deadline_raw', 'u.name as unit_name', 'ms.raw as milestone_raw']);
type Row = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

/** What the extension moves: a milestone or the final deadline, in the plan's words. */
const subjectOf = (r: Row) =>
  r.milestone_id ? `节点“${r.milestone_raw ?? ''}”` : `完成时限“${r.deadline_raw}”`;

async function present(ctx: AppContext, user: Principal, rows: Row[]) {
  const assignments = await requestAssignments(
    ctx.db.kysely,
    rows.filter((r) => r.state === 'pending_lead' || r.state === 'pending_supervisor'),
  );
  return rows.map((r) => ({
    state: r.state,
    milestoneId: r.milestone_id,
    subject: subjectOf(r),
    originalDue: r.original_due,
    requestedDue: r.requested_due,
    reason: r.reason,
    actions: { decide: mayDecide(user, 'extension.decide', r, assignments.get(r.assignment_id)) },
  }));
}

const extensions = requestReader({
  label: '延期申请',
  many: 'extensions',
  one: 'extension',
  from,
  columns,
  present,
});

export const listExtensions: (
  ctx: AppContext,
  user: Principal,
  q: ExtensionsQuery,
) => Promise<ExtensionsResponse> = extensions.list;
export const extensionDetail = extensions.detail;

/** The extensions of a plan approved within `[from, before)` (UTC instants), oldest first: for the bulletin. */
export async function extensionsApprovedBetween(
  ctx: AppContext,
  planId: string,
  from: string,
  before: string,
) {
  const rows = await extensions.decidedBetween(ctx, planId, 'approved', from, before);
  return rows.map((r) => ({
    task: r.task_no,
    seq: r.seq,
    unitName: r.unit_name,
    subject: subjectOf(r),
    originalDue: r.original_due,
    requestedDue: r.requested_due,
    decidedAt: r.decided_at as string,
  }));
}
