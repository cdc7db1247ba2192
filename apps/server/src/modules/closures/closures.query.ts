/** Reading closure requests, scoped like assignments, with their evidence (workflow/request-query.ts). */
import type { ClosuresQuery, ClosuresResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { evidenceOf } from '../evidence/evidence.service.ts';
import { assignmentResource } from '../supervision/assignment.ts';
import { requestAssignments } from '../supervision/requests.ts';
import { mayDecide, requestReader } from '../workflow/request-query.ts';

/** The requests with their measure and unit, unscoped (the office's own documents read them all). */
const from = (db: Executor) =>
  db
    .selectFrom('closure_requests as x')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .innerJoin('units as u', 'u.id', 'x.unit_id');
const columns = (q: ReturnType<typeof from>) =>
  q.selectAll('x').select(['m.task_no', 'm.seq', 'u.name as unit_name']);
type Row = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

async function present(ctx: AppContext, user: Principal, rows: Row[]) {
  const evidence = await evidenceOf(
    ctx,
    'closure',
    rows.map((r) => r.id),
  );
  const assignments = await requestAssignments(ctx.db.kysely, rows);
  return rows.map((r) => {
    const a = assignments.get(r.assignment_id);
    const open = !!a && a.planStatus === 'published' && !a.closedOn;
    const own = !!a && authorize(user, 'closure.request', assignmentResource(a));
    return {
      summary: r.summary,
      state: r.state,
      submittedAt: r.submitted_at,
      closedOn: r.closed_on,
      evidence: evidence.get(r.id) ?? [],
      actions: {
        submit: open && own && r.state === 'draft',
        uploadEvidence: open && own && r.state === 'draft',
        decide: mayDecide(user, 'closure.decide', r, a),
      },
    };
  });
}

const closures = requestReader({
  label: '销号申请',
  many: 'closures',
  one: 'closure',
  from,
  columns,
  present,
});

export const listClosures: (ctx: AppContext, user: Principal, q: ClosuresQuery) => Promise<ClosuresResponse> =
  closures.list;
export const closureDetail = closures.detail;

/** The closures of a plan closed within `[from, before)` (UTC instants), oldest first: for the bulletin. */
export async function closuresClosedBetween(ctx: AppContext, planId: string, from: string, before: string) {
  const rows = await closures.decidedBetween(ctx, planId, 'closed', from, before);
  return rows.map((r) => ({
    task: r.task_no,
    seq: r.seq,
    unitName: r.unit_name,
    closedOn: r.closed_on,
    decidedAt: r.decided_at as string,
  }));
}
