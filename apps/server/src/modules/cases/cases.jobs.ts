/**
 * The daily case jobs, run under the jobs lease (modules/jobs): a reminder to the unit
 * `remindDaysBefore` days before a case's due day, and an escalation (the unit's leaders and the
 * office told, `escalated_at` set, audited, on the timeline) once the due day has passed. Both come
 * from the engine's `dueBy` and are sent exactly once per case and due day: the key
 * `<case>:<kind>:<due>` is inserted first (`on conflict do nothing`) and the rest is written only
 * when that insert took, in the same transaction. An extension moves the due day: a new key.
 */
import { addDays, type IsoDate } from '@lantian/core';
import { type AppContext, audit, type Trx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { systemActor } from '../audit/actor.ts';
import { notify, supervisorRecipients, unitRecipients } from '../notifications/notify.ts';
import { dueBy } from '../workflow/engine.ts';
import { recordCaseEvent } from './cases.events.ts';
import { type CaseRow, caseKind } from './cases.kind.ts';
import { readCaseSettings } from './cases.settings.ts';

async function claim(trx: Trx, row: CaseRow, kind: 'remind' | 'escalate', now: string): Promise<boolean> {
  const r = await trx
    .insertInto('case_reminders')
    .values({
      key: `${row.id}:${kind}:${row.due_on}`,
      case_id: row.id,
      kind,
      due: row.due_on ?? '',
      created_at: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return r !== undefined;
}

async function unclaimed(db: Executor, rows: CaseRow[], kind: string): Promise<CaseRow[]> {
  if (rows.length === 0) return [];
  const keys = rows.map((r) => `${r.id}:${kind}:${r.due_on}`);
  const done = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = await db
      .selectFrom('case_reminders')
      .select('key')
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const k of part) done.add(k.key);
  }
  return rows.filter((_r, i) => !done.has(keys[i] as string));
}

/** Cases owed a reminder or an escalation today (reads only: the jobs look before taking the lease). */
export async function casesDue(ctx: AppContext, asOf: IsoDate) {
  const db = ctx.db.kysely;
  const { remindDaysBefore } = await readCaseSettings(db);
  const soon = (await dueBy(db as unknown as Trx, caseKind, addDays(asOf, remindDaysBefore))).filter(
    (r) => r.due_on !== null && r.due_on >= asOf,
  );
  const late = await dueBy(db as unknown as Trx, caseKind, addDays(asOf, -1));
  return { remind: await unclaimed(db, soon, 'remind'), escalate: await unclaimed(db, late, 'escalate') };
}

export async function runCaseJobs(
  ctx: AppContext,
  asOf: IsoDate,
): Promise<{ reminded: number; escalated: number }> {
  const due = await casesDue(ctx, asOf);
  let reminded = 0;
  let escalated = 0;
  for (const c of due.remind) {
    const did = await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = ctx.clock.now().toISOString();
      const row = await trx.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirst();
      if (!row || row.due_on !== c.due_on || row.state !== c.state || !row.unit_id) return false;
      if (!(await claim(trx, row, 'remind', now))) return false;
      await recordCaseEvent(trx, row.id, {
        at: now,
        action: 'remind',
        from: row.state,
        to: row.state,
        user: null,
        detail: { dueOn: row.due_on },
      });
      await notify(ctx, trx, await unitRecipients(trx, row.unit_id), {
        kind: 'case.reminder',
        title: `问题案件将于 ${row.due_on} 到期：${row.number}`,
        body: `${row.address}：${row.description}`,
        objectType: 'case',
        objectId: row.id,
        dedupeKey: `case-remind:${row.id}:${row.due_on}`,
        email: true,
      });
      return true;
    });
    if (did) reminded++;
  }
  for (const c of due.escalate) {
    const did = await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = ctx.clock.now().toISOString();
      const row = await trx.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirst();
      if (!row || row.due_on !== c.due_on || row.state !== c.state || !row.unit_id) return false;
      if (!(await claim(trx, row, 'escalate', now))) return false;
      await trx
        .updateTable('cases')
        .set({ escalated_at: now, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      await recordCaseEvent(trx, row.id, {
        at: now,
        action: 'escalate',
        from: row.state,
        to: row.state,
        user: null,
        detail: { dueOn: row.due_on, asOf },
      });
      await audit(ctx, trx, systemActor(), {
        action: 'case.escalate',
        objectType: 'case',
        objectId: row.id,
        after: { escalatedAt: now },
        detail: { dueOn: row.due_on, asOf },
      });
      const message = {
        kind: 'case.escalated',
        title: `问题案件逾期未办结：${row.number}`,
        body: `办理时限 ${row.due_on} 已过，${row.address}：${row.description}`,
        objectType: 'case',
        objectId: row.id,
        email: true,
      };
      await notify(ctx, trx, await unitRecipients(trx, row.unit_id, ['unit_leader']), {
        ...message,
        dedupeKey: `case-escalate:${row.id}:${row.due_on}`,
      });
      await notify(ctx, trx, await supervisorRecipients(trx), {
        ...message,
        dedupeKey: `case-escalate-office:${row.id}:${row.due_on}`,
      });
      return true;
    });
    if (did) escalated++;
  }
  return { reminded, escalated };
}
