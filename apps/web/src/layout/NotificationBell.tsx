import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Tooltip } from 'antd';
import { api } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { notificationKeys } from '../api/notificationKeys.ts';
import { schemaOf } from '../api/schemas.ts';
import { LinkButton } from '../components/LinkButton.tsx';
import { useT } from '../i18n/LocaleProvider.tsx';
import { navMessages } from './messages.ts';

/** How often the bell asks for the unread count: a one-row query, only while the tab is visible. */
const POLL_MS = 60_000;

/** The bell in the header: unread messages (催办, returns, notices), a link to the notification centre. */
export function NotificationBell() {
  const t = useT(navMessages);
  const unread = useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) =>
      api.get<{ unread: number }>(endpoints.notificationsUnread, {
        // The schema loads with the request, keeping zod out of the first page load.
        schema: schemaOf('UnreadCountResponse'),
        signal,
      }),
    refetchInterval: POLL_MS,
    staleTime: POLL_MS / 2,
    // A failed poll is not worth a toast: the bell just keeps its last count.
    meta: { quiet: true },
  });
  const n = unread.data?.unread ?? 0;
  const label = t('bellUnread', { n });
  return (
    <Tooltip title={label}>
      <Badge count={n} overflowCount={99} size="small" offset={[-4, 4]}>
        <LinkButton to="/notifications" type="text" icon={<BellOutlined />} aria-label={label} />
      </Badge>
    </Tooltip>
  );
}
