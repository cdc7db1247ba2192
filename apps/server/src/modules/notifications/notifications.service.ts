/** The notification centre: a user's own messages only; and their e-mail setting. */
import type {
  MarkReadRequest,
  NotificationGroupsQuery,
  NotificationGroupsResponse,
  NotificationSettings,
  NotificationsQuery,
  NotificationsResponse,
  UpdateNotificationSettingsRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { openEmailOrNull, sealEmailOrNull } from '../contacts/contact-cipher.ts';
import { pageOf } from '../supervision/common.ts';
import { DEFAULT_DIGEST_HOUR } from './digest.ts';

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(
  db: Executor,
  user: Principal,
  q: NotificationsQuery,
): Promise<NotificationsResponse> {
  let base = db.selectFrom('notifications').where('user_id', '=', user.userId);
  if (q.unreadOnly === 'true') base = base.where('read_at', 'is', null);
  if (q.day) base = base.where('day', '=', q.day);
  if (q.kind) base = base.where('kind', '=', q.kind);
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [total, rows, unread] = await Promise.all([
    base.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    unreadCount(db, user.userId),
  ]);
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    unread,
    notifications: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      objectType: n.object_type,
      objectId: n.object_id,
      planId: n.plan_id,
      createdAt: n.created_at,
      readAt: n.read_at,
    })),
  };
}

/** The user's messages grouped by Beijing day and kind, newest day first, a page of groups at a time. */
export async function notificationGroups(
  db: Executor,
  user: Principal,
  q: NotificationGroupsQuery,
): Promise<NotificationGroupsResponse> {
  let base = db.selectFrom('notifications').where('user_id', '=', user.userId).where('day', 'is not', null);
  if (q.unreadOnly === 'true') base = base.where('read_at', 'is', null);
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const groups = base
    .select((eb) => [
      'day',
      'kind',
      eb.cast<number>(eb.fn.countAll(), 'integer').as('n'),
      eb.cast<number>(eb.fn.count('id').filterWhere('read_at', 'is', null), 'integer').as('unread'),
      eb.fn.max('created_at').as('latest_at'),
    ])
    .groupBy(['day', 'kind']);
  const [total, rows, unread] = await Promise.all([
    db
      .selectFrom(groups.as('g'))
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow(),
    groups
      .orderBy('day', 'desc')
      .orderBy('latest_at', 'desc')
      .orderBy('kind')
      .limit(limit)
      .offset(offset)
      .execute(),
    unreadCount(db, user.userId),
  ]);
  // The title of each group's newest message, in one query for the page.
  const latest = new Map<string, string>();
  if (rows.length > 0) {
    const titles = await db
      .selectFrom('notifications')
      .select(['day', 'kind', 'title', 'created_at'])
      .where('user_id', '=', user.userId)
      .where((eb) => eb.or(rows.map((r) => eb.and([eb('day', '=', r.day), eb('kind', '=', r.kind)]))))
      .where(
        'created_at',
        'in',
        rows.map((r) => String(r.latest_at)),
      )
      .execute();
    for (const t of titles) latest.set(`${t.day}\u0000${t.kind}\u0000${t.created_at}`, t.title);
  }
  return {
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
    unread,
    groups: rows.map((r) => ({
      day: r.day as string,
      kind: r.kind,
      count: Number(r.n),
      unread: Number(r.unread),
      latestTitle: latest.get(`${r.day}\u0000${r.kind}\u0000${r.latest_at}`) ?? '',
      latestAt: String(r.latest_at),
    })),
  };
}

/** Mark the user's own notifications read; ids of other users' notifications are ignored. */
export async function markRead(ctx: AppContext, user: Principal, input: MarkReadRequest) {
  const now = ctx.clock.now().toISOString();
  let q = ctx.db.kysely
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', user.userId)
    .where('read_at', 'is', null);
  if (input.ids) q = q.where('id', 'in', input.ids);
  const r = await q.executeTakeFirst();
  return { marked: Number(r.numUpdatedRows), unread: await unreadCount(ctx.db.kysely, user.userId) };
}

export async function notificationSettings(ctx: AppContext, user: Principal): Promise<NotificationSettings> {
  const row = await ctx.db.kysely
    .selectFrom('user_contacts')
    .selectAll()
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  return {
    email: openEmailOrNull(ctx.config, row?.email ?? null),
    emailEnabled: row?.email_enabled === 1,
    smtpConfigured: !!ctx.config.supervision.smtpUrl,
    digestEnabled: row ? row.digest_enabled !== 0 : true,
    digestHour: row?.digest_hour ?? DEFAULT_DIGEST_HOUR,
  };
}

export async function updateNotificationSettings(
  ctx: AppContext,
  user: Principal,
  input: UpdateNotificationSettingsRequest,
): Promise<NotificationSettings> {
  const now = ctx.clock.now().toISOString();
  const current = await notificationSettings(ctx, user);
  const row = {
    user_id: user.userId,
    email: sealEmailOrNull(ctx.config, input.email),
    email_enabled: input.emailEnabled && input.email ? (1 as const) : (0 as const),
    digest_enabled: (input.digestEnabled ?? current.digestEnabled) ? (1 as const) : (0 as const),
    digest_hour: input.digestHour ?? current.digestHour,
    updated_at: now,
  };
  const { user_id: _id, ...update } = row;
  await ctx.db.kysely
    .insertInto('user_contacts')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(update))
    .execute();
  return notificationSettings(ctx, user);
}
