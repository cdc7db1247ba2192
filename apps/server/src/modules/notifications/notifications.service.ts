/** The notification centre: a user's own messages only; and their e-mail setting. */
import type {
  MarkReadRequest,
  NotificationSettings,
  NotificationsQuery,
  NotificationsResponse,
  UpdateNotificationSettingsRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { pageOf } from '../supervision/common.ts';

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
    email: row?.email ?? null,
    emailEnabled: row?.email_enabled === 1,
    smtpConfigured: !!ctx.config.supervision.smtpUrl,
  };
}

export async function updateNotificationSettings(
  ctx: AppContext,
  user: Principal,
  input: UpdateNotificationSettingsRequest,
): Promise<NotificationSettings> {
  const now = ctx.clock.now().toISOString();
  const row = {
    user_id: user.userId,
    email: input.email,
    email_enabled: input.emailEnabled && input.email ? (1 as const) : (0 as const),
    updated_at: now,
  };
  await ctx.db.kysely
    .insertInto('user_contacts')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ email: row.email, email_enabled: row.email_enabled, updated_at: now }),
    )
    .execute();
  return notificationSettings(ctx, user);
}
