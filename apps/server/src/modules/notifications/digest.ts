/**
 * 催办汇总: a unit's reminders of a day reach each of its people as ONE notification (and one e-mail),
 * from the hour the person chose (Beijing time), unless they asked for one message per reminder. The
 * reminders themselves stay exactly-once (their unique keys, see reminders.job.ts); the digest is one row
 * per person, unit and day (its dedupe key), rewritten when later runs of the day add reminders — so
 * running the jobs again, on any instance, never sends a second one.
 * Nobody is told about what they could not have acted on: a missing report due before their account
 * existed is left out of their digest (and of their single messages).
 */
import { randomUUID } from 'node:crypto';
import type { IsoDate } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { endOfDayIso } from '../supervision/day.ts';
import { unitRecipients } from './notify.ts';

export const DEFAULT_DIGEST_HOUR = 8;
const MAX_LINES = 30;
const HOUR_MS = 3_600_000;

export interface RecipientPrefs {
  digest: boolean;
  hour: number;
  createdAt: string;
}

/** Digest choices and account age of users (users without settings get the defaults: digest at 8:00). */
export async function recipientPrefs(
  db: Executor,
  userIds: readonly string[],
): Promise<Map<string, RecipientPrefs>> {
  const out = new Map<string, RecipientPrefs>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('user_contacts as c', 'c.user_id', 'u.id')
    .select(['u.id', 'u.created_at', 'c.digest_enabled', 'c.digest_hour'])
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      digest: r.digest_enabled !== 0,
      hour: r.digest_hour ?? DEFAULT_DIGEST_HOUR,
      createdAt: r.created_at,
    });
  }
  return out;
}

/** Whether a person could have acted on a reminder: a missing report due before the account existed, no. */
export function couldHaveActed(prefs: RecipientPrefs | undefined, r: { kind: string; due: string }): boolean {
  if (!prefs || r.kind !== 'report_missing') return true;
  return endOfDayIso(r.due as IsoDate) > prefs.createdAt;
}

interface DigestItem {
  unitId: string;
  kind: string;
  due: string;
  subject: string;
  planTitle: string;
  task: number;
  seq: number;
}

function line(i: DigestItem): string {
  const what =
    i.kind === 'report_missing'
      ? `${i.subject || '进展报告'}未报送（应于 ${i.due} 前）`
      : `${i.subject}将于 ${i.due} 到期`;
  return `· 措施 ${i.task}.${i.seq}：${what}（${i.planTitle}）`;
}

const PASS_KEY = 'reminder_digests_pass';

/**
 * Write (or bring up to date) today's digests; returns how many notifications were written or changed.
 * A pass is skipped when neither the day's reminders nor the Beijing hour moved since the last one (the
 * jobs run every few minutes: an idle run stays a few indexed reads).
 */
export async function sendReminderDigests(ctx: AppContext, asOf: IsoDate): Promise<number> {
  const db = ctx.db.kysely;
  const start = new Date(Date.parse(`${asOf}T00:00:00.000Z`) - 8 * HOUR_MS).toISOString();
  const hourOfPass = new Date(ctx.clock.now().getTime() + 8 * HOUR_MS).getUTCHours();
  const count = await db
    .selectFrom('reminders')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('created_at', '>=', start)
    .where('created_at', '<', endOfDayIso(asOf))
    .executeTakeFirstOrThrow();
  const pass = `${asOf}|${hourOfPass}|${Number(count.n)}`;
  const last = await db.selectFrom('meta').select('value').where('key', '=', PASS_KEY).executeTakeFirst();
  if (last?.value === pass) return 0;
  const written = await writeDigests(ctx, asOf, start);
  await db
    .insertInto('meta')
    .values({ key: PASS_KEY, value: pass })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: pass }))
    .execute();
  return written;
}

async function writeDigests(ctx: AppContext, asOf: IsoDate, start: string): Promise<number> {
  const db = ctx.db.kysely;
  const items = await db
    .selectFrom('reminders as r')
    .innerJoin('assignments as a', 'a.id', 'r.assignment_id')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('plans as p', 'p.id', 'r.plan_id')
    .select([
      'r.unit_id as unitId',
      'r.kind',
      'r.due',
      'r.subject',
      'p.title as planTitle',
      'm.task_no as task',
      'm.seq',
    ])
    .where('r.created_at', '>=', start)
    .where('r.created_at', '<', endOfDayIso(asOf))
    .orderBy('r.unit_id')
    .orderBy('r.due')
    .orderBy('m.task_no')
    .orderBy('m.seq')
    .execute();
  if (items.length === 0) return 0;
  const nowIso = ctx.clock.now().toISOString();
  const hourNow = new Date(Date.parse(nowIso) + 8 * HOUR_MS).getUTCHours();
  const byUnit = new Map<string, DigestItem[]>();
  for (const i of items) byUnit.set(i.unitId, [...(byUnit.get(i.unitId) ?? []), i]);
  let written = 0;
  for (const [unitId, list] of byUnit) {
    const recipients = await unitRecipients(db, unitId);
    const prefs = await recipientPrefs(
      db,
      recipients.map((r) => r.id),
    );
    for (const to of recipients) {
      const p = prefs.get(to.id);
      if (!p?.digest || hourNow < p.hour) continue;
      const mine = list.filter((i) => couldHaveActed(p, i));
      if (mine.length === 0) continue;
      const title = `催办汇总：${asOf} 本单位共 ${mine.length} 项待办`;
      const shown = mine.slice(0, MAX_LINES).map(line);
      if (mine.length > MAX_LINES) shown.push(`……另有 ${mine.length - MAX_LINES} 项，请在“我的任务”中查看。`);
      const body = `${shown.join('\n')}\n请抓紧推进并及时填报进展。`;
      const key = `digest:${unitId}:${asOf}:${to.id}`;
      written += await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('notifications')
          .values({
            id: randomUUID(),
            user_id: to.id,
            kind: 'reminder.digest',
            title,
            body,
            object_type: null,
            object_id: null,
            plan_id: null,
            dedupe_key: key,
            created_at: nowIso,
            day: asOf,
            read_at: null,
          })
          .onConflict((oc) =>
            oc
              .column('dedupe_key')
              .doUpdateSet({ title, body, read_at: null })
              .where('notifications.body', '<>', body),
          )
          .executeTakeFirst();
        const changed = Number(r.numInsertedOrUpdatedRows ?? 0);
        if (changed > 0 && to.email && ctx.config.supervision.smtpUrl) {
          await trx
            .insertInto('email_outbox')
            .values({
              id: randomUUID(),
              user_id: to.id,
              to_address: to.email,
              subject: `【蓝天】${title}`,
              body: `${body}\n\n请登录蓝天系统查看详情。此邮件由系统自动发送，请勿回复。`,
              // One e-mail per person, unit and day: later additions show in the notification centre.
              dedupe_key: key,
              created_at: nowIso,
              attempts: 0,
              next_attempt_at: nowIso,
              locked_by: null,
              locked_until: null,
              sent_at: null,
              failed_at: null,
              last_error: null,
            })
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .execute();
        }
        return changed > 0 ? 1 : 0;
      });
    }
  }
  return written;
}
