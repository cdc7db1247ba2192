/** The notification centre (消息中心): reminders (催办), workflow messages, escalations. */
import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import { Page, Paged, PageSize } from './supervision-common.ts';

export const NotificationsQuery = z.strictObject({
  unreadOnly: z.enum(['true', 'false']).optional(),
  /** One group of the notification centre: a Beijing day and/or a kind. */
  day: IsoDate.optional(),
  kind: FieldText.min(1).max(64).optional(),
  page: Page,
  pageSize: PageSize,
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;

export const Notification = z.object({
  id: z.string(),
  /** `reminder.milestone`, `reminder.deadline`, `reminder.report_missing`, `report.returned`, `notice.issued`, … */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** What it is about (`assignment`, `report`, `notice`, `extension`, `closure`) and its id, for a link. */
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  planId: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationsResponse = z.object({
  ...Paged,
  unread: z.number().int(),
  notifications: z.array(Notification),
});
export type NotificationsResponse = z.infer<typeof NotificationsResponse>;

export const NotificationGroupsQuery = z.strictObject({
  unreadOnly: z.enum(['true', 'false']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type NotificationGroupsQuery = z.infer<typeof NotificationGroupsQuery>;

/** The notification centre's groups: a user's messages by Beijing day and kind, newest day first. */
export const NotificationGroup = z.object({
  day: IsoDate,
  kind: z.string(),
  count: z.number().int(),
  unread: z.number().int(),
  /** The newest message of the group (its title stands for the group when folded). */
  latestTitle: z.string(),
  latestAt: IsoDateTime,
});
export type NotificationGroup = z.infer<typeof NotificationGroup>;

export const NotificationGroupsResponse = z.object({
  ...Paged,
  unread: z.number().int(),
  groups: z.array(NotificationGroup),
});
export type NotificationGroupsResponse = z.infer<typeof NotificationGroupsResponse>;

export const UnreadCountResponse = z.object({ unread: z.number().int() });

export const MarkReadRequest = z
  .strictObject({ ids: z.array(Id).min(1).max(500).optional(), all: z.literal(true).optional() })
  .refine((r) => (r.ids ? !r.all : r.all === true), { message: '请给出 ids 或 all: true（二选一）' });
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

export const MarkReadResponse = z.object({ marked: z.number().int(), unread: z.number().int() });

export const NotificationSettings = z.object({
  email: z.string().nullable(),
  emailEnabled: z.boolean(),
  /** Whether the server can send e-mail at all (LANTIAN_SMTP_URL). */
  smtpConfigured: z.boolean(),
  /** A unit's reminders as one digest a day (催办汇总), instead of one message each. */
  digestEnabled: z.boolean(),
  /** Beijing hour (0–23) from which the day's digest is sent. */
  digestHour: z.number().int().min(0).max(23),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const UpdateNotificationSettingsRequest = z.strictObject({
  email: z.email().max(200).nullable(),
  emailEnabled: z.boolean(),
  /** Left out: unchanged. */
  digestEnabled: z.boolean().optional(),
  digestHour: z.number().int().min(0).max(23).optional(),
});
export type UpdateNotificationSettingsRequest = z.infer<typeof UpdateNotificationSettingsRequest>;
