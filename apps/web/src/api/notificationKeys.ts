/**
 * Query keys of the notification centre, apart from its schemas: the bell in the header (first page
 * load) uses them without bringing zod and the contract along.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (q: object) => ['notifications', 'list', q] as const,
  groups: (q: object) => ['notifications', 'groups', q] as const,
  settings: ['notifications', 'settings'] as const,
};
