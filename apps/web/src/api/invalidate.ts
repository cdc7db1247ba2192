import type { QueryClient } from '@tanstack/react-query';
import { notificationKeys } from './notifications.ts';
import { reportKeys } from './reports.ts';
import { requestKeys } from './requests.ts';
import { statusKeys } from './status.ts';

/**
 * After any step of reporting or supervision: reports, lights, requests and the unread count may all
 * have changed (a review turns a light, a decision sends a message). Active queries refetch at once.
 */
export function invalidateSupervision(queryClient: QueryClient): Promise<void> {
  return Promise.all(
    [
      reportKeys.all,
      statusKeys.all,
      requestKeys.notices,
      requestKeys.extensions,
      requestKeys.closures,
      requestKeys.signoffs,
      notificationKeys.all,
      ['me', 'assignments'],
    ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  ).then(() => undefined);
}
