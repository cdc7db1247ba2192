/** Reading closure requests, scoped like assignments, with their evidence. */
import type { Closure, ClosuresQuery, ClosuresResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { evidenceOf } from '../evidence/evidence.service.ts';
import { assignmentResource } from '../supervision/assignment.ts';
import { pageOf, userNames } from '../supervision/common.ts';
import {
  awaitingUser,
  decisionResource,
  requestAssignments,
  visibleRequests,
} from '../supervision/requests.ts';
import { isHeld, presentSignoff } from '../workflow/request-signoff.ts';

/** The requests with their measure and unit, unscoped (the office's own documents read them all). */
function joined(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('closure_requests as x')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .innerJoin('units as u', 'u.id', 'x.unit_id');
}

function base(ctx: AppContext, user: Principal) {
  return joined(ctx).where(visibleRequests(user, 'x'));
}
const rowsOf = (q: ReturnType<typeof base>) =>
  q.selectAll('x').select(['m.task_no', 'm.seq', 'u.name as unit_name']);
type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>['execute']>>[number];

async function present(ctx: AppContext, user: Principal, rows: Row[]): Promise<Closure[]> {
  const names = await userNames(
    ctx.db.kysely,
    rows.flatMap((r) => [r.requested_by, r.lead_by, r.decided_by, r.signed_off_by]),
  );
  const evidence = await evidenceOf(
    ctx,
    'closure',
    rows.map((r) => r.id),
  );
  const who = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const assignments = await requestAssignments(ctx.db.kysely, rows);
  return rows.map((r) => {
    const a = assignments.get(r.assignment_id);
    const open = !!a && a.planStatus === 'published' && !a.closedOn;
    const own = !!a && authorize(user, 'closure.request', assignmentResource(a));
    const pending = (r.state === 'pending_lead' || r.state === 'pending_supervisor') && !isHeld(r);
    return {
      id: r.id,
      planId: r.plan_id,
      assignmentId: r.assignment_id,
      measureId: r.measure_id,
      task: r.task_no,
      seq: r.seq,
      unitId: r.unit_id,
      unitName: r.unit_name,
      summary: r.summary,
      state: r.state,
      requestedAt: r.requested_at,
      requestedBy: who(r.requested_by),
      signoff: presentSignoff(r, who),
      submittedAt: r.submitted_at,
      leadAt: r.lead_at,
      leadBy: who(r.lead_by),
      leadComment: r.lead_comment,
      decidedAt: r.decided_at,
      decidedBy: who(r.decided_by),
      decisionComment: r.decision_comment,
      closedOn: r.closed_on,
      version: r.version,
      evidence: evidence.get(r.id) ?? [],
      actions: {
        submit: open && own && r.state === 'draft',
        uploadEvidence: open && own && r.state === 'draft',
        decide:
          open &&
          pending &&
          authorize(
            user,
            'closure.decide',
            decisionResource(
              r.state === 'pending_lead' ? 'lead' : 'supervisor',
              a as NonNullable<typeof a>,
              r,
            ),
          ),
      },
    };
  });
}

export async function listClosures(
  ctx: AppContext,
  user: Principal,
  q: ClosuresQuery,
): Promise<ClosuresResponse> {
  let b = base(ctx, user);
  if (q.planId) b = b.where('x.plan_id', '=', q.planId);
  if (q.state) b = b.where('x.state', '=', q.state);
  if (q.assignmentId) b = b.where('x.assignment_id', '=', q.assignmentId);
  if (q.awaitingMe === 'true') b = b.where(awaitingUser(user, 'x'));
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [total, rows] = await Promise.all([
    b.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    rowsOf(b).orderBy('x.requested_at', 'desc').orderBy('x.id').limit(limit).offset(offset).execute(),
  ]);
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    closures: await present(ctx, user, rows),
  };
}

export async function closureDetail(ctx: AppContext, user: Principal, id: string) {
  const row = await rowsOf(base(ctx, user).where('x.id', '=', id)).executeTakeFirst();
  if (!row) throw notFound('销号申请');
  const [closure] = await present(ctx, user, [row]);
  return { closure: closure as Closure };
}

/** The closures of a plan closed within `[from, before)` (UTC instants), oldest first: for the bulletin. */
export async function closuresClosedBetween(ctx: AppContext, planId: string, from: string, before: string) {
  const rows = await rowsOf(
    joined(ctx)
      .where('x.plan_id', '=', planId)
      .where('x.state', '=', 'closed')
      .where('x.decided_at', '>=', from)
      .where('x.decided_at', '<', before),
  )
    .orderBy('x.decided_at')
    .orderBy('x.id')
    .execute();
  return rows.map((r) => ({
    task: r.task_no,
    seq: r.seq,
    unitName: r.unit_name,
    closedOn: r.closed_on,
    decidedAt: r.decided_at as string,
  }));
}
