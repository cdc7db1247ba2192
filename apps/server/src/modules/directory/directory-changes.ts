/** The directory's history: every edit of a unit or a group (who, when, what), beside the audit trail. */
import { randomUUID } from 'node:crypto';
import type { DirectoryHistoryQuery, DirectoryHistoryResponse } from '@lantian/contract';
import { type AppContext, audit, type Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Actor } from '../audit/actor.ts';
import { pageOf } from '../supervision/common.ts';

export interface DirectoryChange {
  subjectType: 'unit' | 'group';
  subjectId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Record one edit in the directory's history and the audit trail, in the caller's transaction. */
export async function recordChange(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  c: DirectoryChange,
): Promise<void> {
  await trx
    .insertInto('directory_changes')
    .values({
      id: randomUUID(),
      subject_type: c.subjectType,
      subject_id: c.subjectId,
      action: c.action,
      before: c.before === undefined ? null : JSON.stringify(c.before),
      after: c.after === undefined ? null : JSON.stringify(c.after),
      reason: c.reason?.trim() || null,
      changed_by: actor.userId,
      changed_by_name: actor.username,
      changed_at: ctx.clock.now().toISOString(),
    })
    .execute();
  await audit(ctx, trx, actor, {
    action: `${c.subjectType}.${c.action}`,
    objectType: c.subjectType,
    objectId: c.subjectId,
    before: c.before,
    after: c.after,
    detail: c.reason?.trim() ? { reason: c.reason.trim() } : undefined,
  });
}

export async function directoryHistory(
  db: Executor,
  subjectId: string,
  q: DirectoryHistoryQuery,
): Promise<DirectoryHistoryResponse> {
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const b = db.selectFrom('directory_changes').where('subject_id', '=', subjectId);
  const [count, rows] = await Promise.all([
    b.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    b.selectAll().orderBy('changed_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
  ]);
  return {
    total: Number(count.n),
    page: q.page,
    pageSize: q.pageSize,
    changes: rows.map((r) => ({
      id: r.id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      action: r.action,
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
      reason: r.reason,
      changedBy: r.changed_by_name,
      changedAt: r.changed_at,
    })),
  };
}
