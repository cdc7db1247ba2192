/**
 * A unit leader's sign-off queue of requests (beside the reports awaiting sign-off): the 督办单
 * replies, extension and closure requests held in their unit, oldest first, paged.
 */
import type { SignoffItem, SignoffQueueQuery, SignoffQueueResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { authorize } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { pageOf, userNames } from '../supervision/common.ts';
import { isSoleSigner } from './sole-signer.ts';

type Item = Omit<SignoffItem, 'unitName' | 'writtenBy' | 'canSignOff'> & { writerId: string | null };
const ACTION = {
  notice: 'notice.signoff',
  extension: 'extension.signoff',
  closure: 'closure.signoff',
} as const;

function held(db: Executor, unitId: string, upTo: number) {
  const extensions = db
    .selectFrom('extension_requests as x')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .select([
      'x.id',
      'x.version',
      'x.plan_id',
      'x.reason as text',
      'x.requested_due',
      'x.requested_by as writer',
      'x.requested_at as at',
      'm.task_no',
      'm.seq',
    ])
    .where('x.unit_id', '=', unitId)
    .where('x.signoff_state', '=', 'pending')
    .orderBy('x.requested_at')
    .limit(upTo)
    .execute();
  const closures = db
    .selectFrom('closure_requests as x')
    .innerJoin('measures as m', 'm.id', 'x.measure_id')
    .select([
      'x.id',
      'x.version',
      'x.plan_id',
      'x.summary as text',
      'x.requested_by as writer',
      (eb) => eb.fn.coalesce('x.submitted_at', 'x.requested_at').as('at'),
      'm.task_no',
      'm.seq',
    ])
    .where('x.unit_id', '=', unitId)
    .where('x.signoff_state', '=', 'pending')
    .orderBy('at')
    .limit(upTo)
    .execute();
  const replies = db
    .selectFrom('notice_replies as r')
    .innerJoin('supervision_notices as n', 'n.id', 'r.notice_id')
    .select(['n.id', 'n.version', 'n.plan_id', 'r.text', 'r.replied_by as writer', 'r.replied_at as at'])
    .where('n.unit_id', '=', unitId)
    .where('r.signoff_state', '=', 'pending')
    .orderBy('r.replied_at')
    .limit(upTo)
    .execute();
  return Promise.all([extensions, closures, replies]);
}

async function count(db: Executor, unitId: string): Promise<number> {
  const n = (t: 'extension_requests' | 'closure_requests') =>
    db
      .selectFrom(t)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('unit_id', '=', unitId)
      .where('signoff_state', '=', 'pending')
      .executeTakeFirstOrThrow();
  const replies = db
    .selectFrom('notice_replies as r')
    .innerJoin('supervision_notices as s', 's.id', 'r.notice_id')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('s.unit_id', '=', unitId)
    .where('r.signoff_state', '=', 'pending')
    .executeTakeFirstOrThrow();
  const all = await Promise.all([n('extension_requests'), n('closure_requests'), replies]);
  return all.reduce((sum, r) => sum + Number(r.n), 0);
}

/** The measure numbers of each notice. */
async function noticeMeasures(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('notice_measures as nm')
    .innerJoin('measures as m', 'm.id', 'nm.measure_id')
    .select(['nm.notice_id', 'm.task_no', 'm.seq'])
    .where('nm.notice_id', 'in', ids)
    .orderBy('m.task_no')
    .orderBy('m.seq')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.notice_id, [...(out.get(r.notice_id) ?? []), measureNo(r.task_no, r.seq)]);
  return out;
}

export async function signoffQueue(
  ctx: AppContext,
  user: Principal,
  q: SignoffQueueQuery,
): Promise<SignoffQueueResponse> {
  const db = ctx.db.kysely;
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [[extensions, closures, replies], total, soleSigner] = await Promise.all([
    held(db, user.unitId, offset + limit),
    count(db, user.unitId),
    isSoleSigner(db, user.unitId),
  ]);
  const measures = await noticeMeasures(
    db,
    replies.map((r) => r.id),
  );
  const items: Item[] = [
    ...extensions.map((r) => ({
      kind: 'extension' as const,
      id: r.id,
      version: r.version,
      planId: r.plan_id,
      measures: [measureNo(r.task_no, r.seq)],
      text: r.text,
      requestedDue: r.requested_due,
      writerId: r.writer,
      writtenAt: r.at,
    })),
    ...closures.map((r) => ({
      kind: 'closure' as const,
      id: r.id,
      version: r.version,
      planId: r.plan_id,
      measures: [measureNo(r.task_no, r.seq)],
      text: r.text,
      requestedDue: null,
      writerId: r.writer,
      writtenAt: String(r.at),
    })),
    ...replies.map((r) => ({
      kind: 'notice' as const,
      id: r.id,
      version: r.version,
      planId: r.plan_id,
      measures: measures.get(r.id) ?? [],
      text: r.text,
      requestedDue: null,
      writerId: r.writer,
      writtenAt: r.at,
    })),
  ]
    .sort((a, b) => (a.writtenAt < b.writtenAt ? -1 : a.writtenAt > b.writtenAt ? 1 : a.id < b.id ? -1 : 1))
    .slice(offset, offset + limit);
  const names = await userNames(
    db,
    items.map((i) => i.writerId),
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: items.map(({ writerId, ...i }) => ({
      ...i,
      unitName: user.unitName,
      writtenBy: writerId ? (names.get(writerId) ?? null) : null,
      canSignOff: authorize(user, ACTION[i.kind], {
        type: 'signoff',
        unitId: user.unitId,
        writtenBy: [writerId],
        soleSigner,
      }),
    })),
  };
}
