/** Reading extension requests, scoped like assignments. */
import type { Extension, ExtensionsQuery, ExtensionsResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
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
    .selectFrom('extension_requests as x')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .leftJoin('milestones as ms', 'ms.id', 'x.milestone_id');
}

function base(ctx: AppContext, user: Principal) {
  return joined(ctx).where(visibleRequests(user, 'x'));
}

type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>['execute']>>[number];
const rowsOf = (q: ReturnType<typeof base>) =>
  q
    .selectAll('x')
    .select(['m.task_no', 'm.seq', 'm.deadline_raw', 'u.name as unit_name', 'ms.raw as milestone_raw']);

/** What the extension moves: a milestone or the final deadline, in the plan's words. */
const subjectOf = (r: Row) =>
  r.milestone_id ? `节点“${r.milestone_raw ?? ''}”` : `完成时限“${r.deadline_raw}”`;

async function present(ctx: AppContext, user: Principal, rows: Row[]): Promise<Extension[]> {
  const names = await userNames(
    ctx.db.kysely,
    rows.flatMap((r) => [r.requested_by, r.lead_by, r.decided_by, r.signed_off_by]),
  );
  const who = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const assignments = await requestAssignments(
    ctx.db.kysely,
    rows.filter((r) => r.state === 'pending_lead' || r.state === 'pending_supervisor'),
  );
  return rows.map((r) => {
    const a = assignments.get(r.assignment_id);
    const decide =
      !!a &&
      !isHeld(r) &&
      a.planStatus === 'published' &&
      authorize(
        user,
        'extension.decide',
        decisionResource(r.state === 'pending_lead' ? 'lead' : 'supervisor', a, r),
      );
    return {
      id: r.id,
      planId: r.plan_id,
      assignmentId: r.assignment_id,
      measureId: r.measure_id,
      task: r.task_no,
      seq: r.seq,
      unitId: r.unit_id,
      unitName: r.unit_name,
      milestoneId: r.milestone_id,
      subject: subjectOf(r),
      originalDue: r.original_due,
      requestedDue: r.requested_due,
      reason: r.reason,
      state: r.state,
      requestedAt: r.requested_at,
      requestedBy: who(r.requested_by),
      signoff: presentSignoff(r, who),
      leadAt: r.lead_at,
      leadBy: who(r.lead_by),
      leadComment: r.lead_comment,
      decidedAt: r.decided_at,
      decidedBy: who(r.decided_by),
      decisionComment: r.decision_comment,
      version: r.version,
      actions: { decide },
    };
  });
}

export async function listExtensions(
  ctx: AppContext,
  user: Principal,
  q: ExtensionsQuery,
): Promise<ExtensionsResponse> {
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
    extensions: await present(ctx, user, rows),
  };
}

export async function extensionDetail(ctx: AppContext, user: Principal, id: string) {
  const row = await rowsOf(base(ctx, user).where('x.id', '=', id)).executeTakeFirst();
  if (!row) throw notFound('延期申请');
  const [extension] = await present(ctx, user, [row]);
  return { extension: extension as Extension };
}

/** The extensions of a plan approved within `[from, before)` (UTC instants), oldest first: for the bulletin. */
export async function extensionsApprovedBetween(
  ctx: AppContext,
  planId: string,
  from: string,
  before: string,
) {
  const rows = await rowsOf(
    joined(ctx)
      .where('x.plan_id', '=', planId)
      .where('x.state', '=', 'approved')
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
    subject: subjectOf(r),
    originalDue: r.original_due,
    requestedDue: r.requested_due,
    decidedAt: r.decided_at as string,
  }));
}
