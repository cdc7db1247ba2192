/** HTTP for the notification centre. */
import {
  MarkReadRequest,
  MarkReadResponse,
  NotificationGroupsQuery,
  NotificationGroupsResponse,
  NotificationSettings,
  NotificationsQuery,
  NotificationsResponse,
  UnreadCountResponse,
  UpdateNotificationSettingsRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import {
  listNotifications,
  markRead,
  notificationGroups,
  notificationSettings,
  unreadCount,
  updateNotificationSettings,
} from './notifications.service.ts';

const tags = ['notifications'];

export async function notificationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/notifications',
    {
      config: { access: 'notification.read' },
      schema: {
        tags,
        summary: '我的消息（催办、退回、督办等），最新在前',
        querystring: NotificationsQuery,
        response: { 200: NotificationsResponse },
      },
    },
    async (req) => listNotifications(ctx.db.kysely, principalOf(req), req.query),
  );
  app.get(
    '/notifications/groups',
    {
      config: { access: 'notification.read' },
      schema: {
        tags,
        summary: '我的消息按日期与类别分组（每组条数、未读数），最新日期在前',
        querystring: NotificationGroupsQuery,
        response: { 200: NotificationGroupsResponse },
      },
    },
    async (req) => notificationGroups(ctx.db.kysely, principalOf(req), req.query),
  );
  app.get(
    '/notifications/unread-count',
    {
      config: { access: 'notification.read' },
      schema: { tags, summary: '未读消息数', response: { 200: UnreadCountResponse } },
    },
    async (req) => ({ unread: await unreadCount(ctx.db.kysely, principalOf(req).userId) }),
  );
  app.post(
    '/notifications/read',
    {
      config: { access: 'notification.read' },
      schema: {
        tags,
        summary: '标记为已读（ids 或 all: true）',
        body: MarkReadRequest,
        response: { 200: MarkReadResponse },
      },
    },
    async (req) => markRead(ctx, principalOf(req), req.body),
  );
  app.get(
    '/me/notification-settings',
    {
      config: { access: 'notification.settings' },
      schema: { tags, summary: '我的邮件提醒设置', response: { 200: NotificationSettings } },
    },
    async (req) => notificationSettings(ctx, principalOf(req)),
  );
  app.put(
    '/me/notification-settings',
    {
      config: { access: 'notification.settings' },
      schema: {
        tags,
        summary: '设置接收提醒的邮箱（服务器配置了 SMTP 时发送）',
        body: UpdateNotificationSettingsRequest,
        response: { 200: NotificationSettings },
      },
    },
    async (req) => updateNotificationSettings(ctx, principalOf(req), req.body),
  );
}
