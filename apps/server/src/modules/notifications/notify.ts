/**
 * Writing notifications (消息中心) and queuing their e-mails, always inside the caller's transaction:
 * a message exists exactly when the change it announces does.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { NotificationsTable } from '../../db/schema.ts';
import { beijingDay } from '../supervision/day.ts';

export interface Message {
  kind: string;
  title: string;
  body: string;
  objectType?: string;
  objectId?: string;
  planId?: string;
  /** Set, it makes the message once-only per user (`<key>:<userId>`). */
  dedupeKey?: string;
  /** Also send by e-mail (when SMTP is configured and the user gave an address). */
  email?: boolean;
}

export interface Recipient {
  id: string;
  /** The address as stored, sealed (`contacts/contact-cipher.ts`): copied to the outbox, opened when sent. */
  email: string | null;
}

/** The unit's working users (staff and leaders, or only the given roles), enabled ones only. */
export async function unitRecipients(
  db: Executor,
  unitId: string,
  roles: readonly string[] = ['unit_staff', 'unit_leader'],
): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('user_contacts as c', 'c.user_id', 'u.id')
    .select(['u.id', 'c.email', 'c.email_enabled'])
    .where('u.unit_id', '=', unitId)
    .where('u.disabled', '=', 0)
    .where('r.role', 'in', roles as string[])
    .distinct()
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email_enabled === 1 ? r.email : null }));
}

/** Every enabled supervisor (the office). */
export async function supervisorRecipients(db: Executor): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('user_contacts as c', 'c.user_id', 'u.id')
    .select(['u.id', 'c.email', 'c.email_enabled'])
    .where('r.role', '=', 'supervisor')
    .where('u.disabled', '=', 0)
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email_enabled === 1 ? r.email : null }));
}

/** Units' working users, deduplicated. */
export async function unitsRecipients(db: Executor, unitIds: readonly string[]): Promise<Recipient[]> {
  const seen = new Map<string, Recipient>();
  for (const unitId of new Set(unitIds)) for (const r of await unitRecipients(db, unitId)) seen.set(r.id, r);
  return [...seen.values()];
}

/**
 * One notification per recipient, and an e-mail in the outbox for those with an address when SMTP is
 * configured. With a dedupe key, a repeat does nothing (the unique key refuses it). Returns how many
 * notifications were written.
 */
export async function notify(
  ctx: AppContext,
  db: Executor,
  recipients: readonly Recipient[],
  m: Message,
): Promise<number> {
  if (recipients.length === 0) return 0;
  const now = ctx.clock.now().toISOString();
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
  const rows: NotificationsTable[] = unique.map((r) => ({
    id: randomUUID(),
    user_id: r.id,
    kind: m.kind,
    title: m.title,
    body: m.body,
    object_type: m.objectType ?? null,
    object_id: m.objectId ?? null,
    plan_id: m.planId ?? null,
    dedupe_key: m.dedupeKey ? `${m.dedupeKey}:${r.id}` : null,
    created_at: now,
    day: beijingDay(now),
    read_at: null,
  }));
  await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
  if (m.email && ctx.config.supervision.smtpUrl) {
    const mails = unique
      .filter((r) => r.email)
      .map((r) => ({
        id: randomUUID(),
        user_id: r.id,
        to_address: r.email as string,
        subject: `【蓝天】${m.title}`,
        body: `${m.body}\n\n请登录蓝天系统查看详情。此邮件由系统自动发送，请勿回复。`,
        dedupe_key: m.dedupeKey ? `${m.dedupeKey}:${r.id}` : null,
        created_at: now,
        attempts: 0,
        next_attempt_at: now,
        locked_by: null,
        locked_until: null,
        sent_at: null,
        failed_at: null,
        last_error: null,
      }));
    if (mails.length > 0) {
      await db
        .insertInto('email_outbox')
        .values(mails)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    }
  }
  return rows.length;
}
