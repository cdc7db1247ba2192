import type {
  NotificationGroupsQuery,
  NotificationsQuery,
  UpdateNotificationSettingsRequest,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { notificationKeys } from './notificationKeys.ts';
import { schemaOf } from './schemas.ts';

/** The notification centre (消息中心). The unread count is polled by the bell in the header. */
export { notificationKeys };

export function useNotifications(q: Partial<NotificationsQuery>) {
  return useQuery({
    queryKey: notificationKeys.list(q),
    queryFn: ({ signal }) =>
      api.get(endpoints.notifications, {
        schema: schemaOf('NotificationsResponse'),
        query: { ...q },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The centre's groups (day × kind, with counts), a page of groups at a time. */
export function useNotificationGroups(q: Partial<NotificationGroupsQuery>) {
  return useQuery({
    queryKey: notificationKeys.groups(q),
    queryFn: ({ signal }) =>
      api.get(endpoints.notificationGroups, {
        schema: schemaOf('NotificationGroupsResponse'),
        query: { ...q },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationKeys.settings,
    queryFn: ({ signal }) =>
      api.get(endpoints.notificationSettings, { schema: schemaOf('NotificationSettings'), signal }),
  });
}

export const notificationActions = {
  markRead: (body: { ids: string[] } | { all: true }) =>
    api.post(endpoints.notificationsRead, body, { schema: schemaOf('MarkReadResponse') }),
  saveSettings: (body: UpdateNotificationSettingsRequest) =>
    api.put(endpoints.notificationSettings, body, { schema: schemaOf('NotificationSettings') }),
};
