/** Notices not answered by their reply date turn from yellow to red (黄牌 → 红牌), once, audited. */
import type { IsoDate } from '@lantian/core';
import { type AppContext, audit } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { systemActor } from '../audit/actor.ts';
import { notify, supervisorRecipients, unitRecipients } from '../notifications/notify.ts';

/** Yellow notices of published plans whose reply date has passed unanswered (an archived plan is over). */
export function overdueNotices(db: Executor, asOf: IsoDate) {
  return db
    .selectFrom('supervision_notices as n')
    .innerJoin('plans as p', 'p.id', 'n.plan_id')
    .select(['n.id'])
    .where('p.status', '=', 'published')
    .where('n.level', '=', 'yellow')
    .where('n.state', 'in', ['issued', 'sent_back'])
    .where('n.reply_due', '<', asOf);
}

export async function escalateOverdueNotices(ctx: AppContext, asOf: IsoDate): Promise<number> {
  const db = ctx.db.kysely;
  const overdue = await overdueNotices(db, asOf).execute();
  let escalated = 0;
  for (const { id } of overdue) {
    const did = await db.transaction().execute(async (trx) => {
      const now = ctx.clock.now().toISOString();
      const n = await trx
        .selectFrom('supervision_notices')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!n) return false;
      const r = await trx
        .updateTable('supervision_notices')
        .set((eb) => ({ level: 'red', escalated_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('level', '=', 'yellow')
        .where('state', 'in', ['issued', 'sent_back'])
        .where('reply_due', '<', asOf)
        .executeTakeFirst();
      // Another instance got there first, or the unit answered meanwhile.
      if (Number(r.numUpdatedRows) !== 1) return false;
      await audit(ctx, trx, systemActor(), {
        action: 'notice.escalate',
        objectType: 'supervision_notice',
        objectId: id,
        before: { level: 'yellow' },
        after: { level: 'red' },
        detail: { replyDue: n.reply_due, asOf },
      });
      const message = {
        kind: 'notice.escalated',
        title: '督办单逾期未答复，已升级为红牌',
        body: `督办单应于 ${n.reply_due} 前答复，逾期未答复，已由黄牌升级为红牌。${n.reason}`,
        objectType: 'notice',
        objectId: id,
        planId: n.plan_id,
        dedupeKey: `escalate:${id}`,
        email: true,
      };
      await notify(ctx, trx, await unitRecipients(trx, n.unit_id), message);
      await notify(ctx, trx, await supervisorRecipients(trx), {
        ...message,
        dedupeKey: `escalate-office:${id}`,
      });
      return true;
    });
    if (did) escalated++;
  }
  return escalated;
}
