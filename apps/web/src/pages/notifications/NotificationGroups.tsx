import type { Notification, NotificationGroup } from '@lantian/contract';
import { Badge, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNotificationGroups, useNotifications } from '../../api/notifications.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { notificationMessages } from './messages.ts';

const GROUP_PAGE_SIZE = 20;
const IN_GROUP_PAGE_SIZE = 50;

/** One group opened: its messages, read from the server (day and kind). */
function GroupMessages({
  group,
  unreadOnly,
  columns,
}: {
  group: NotificationGroup;
  unreadOnly: boolean;
  columns: ColumnsType<Notification>;
}) {
  const q = useNotifications({
    day: group.day,
    kind: group.kind,
    unreadOnly: unreadOnly ? 'true' : undefined,
    pageSize: IN_GROUP_PAGE_SIZE,
  });
  if (q.isPending) return <LoadingState rows={2} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Table<Notification>
      rowKey="id"
      size="small"
      tableLayout="fixed"
      columns={columns}
      dataSource={q.data.notifications}
      pagination={false}
    />
  );
}

/** 消息中心, grouped: one row per day and kind with its counts; a row opens to its messages. */
export function NotificationGroups({
  unreadOnly,
  page,
  onPage,
  columns,
  kindTag,
}: {
  unreadOnly: boolean;
  page: number;
  onPage: (page: number) => void;
  columns: ColumnsType<Notification>;
  kindTag: (kind: string) => React.ReactNode;
}) {
  const t = useT(notificationMessages);
  const query = useNotificationGroups({
    unreadOnly: unreadOnly ? 'true' : undefined,
    page,
    pageSize: GROUP_PAGE_SIZE,
  });
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.total === 0)
    return <EmptyState title={t('empty')} description={unreadOnly ? t('emptyUnread') : t('emptyBody')} />;
  const groupColumns: ColumnsType<NotificationGroup> = [
    { title: t('colDay'), dataIndex: 'day', width: 120 },
    { title: t('colKind'), key: 'kind', width: 110, render: (_, g) => kindTag(g.kind) },
    {
      title: t('colTitle'),
      key: 'latest',
      render: (_, g) => (
        <Flex gap={8} align="center" wrap>
          <Typography.Text
            strong={g.unread > 0}
            ellipsis={{ tooltip: g.latestTitle }}
            style={{ maxWidth: 480 }}
          >
            {g.latestTitle}
          </Typography.Text>
          <Tag>{t('groupCount', { n: g.count })}</Tag>
          {g.unread > 0 && <Badge count={g.unread} title={t('unreadCount', { n: g.unread })} />}
        </Flex>
      ),
    },
    { title: t('colTime'), key: 'time', width: 150, render: (_, g) => formatInstant(g.latestAt) },
  ];
  return (
    <Table<NotificationGroup>
      rowKey={(g) => `${g.day}|${g.kind}`}
      size="middle"
      tableLayout="fixed"
      columns={groupColumns}
      dataSource={query.data.groups}
      expandable={{
        expandRowByClick: true,
        // What is unread is open; what has been read stays folded under its count.
        defaultExpandedRowKeys: query.data.groups
          .filter((g) => g.unread > 0)
          .map((g) => `${g.day}|${g.kind}`),
        expandedRowRender: (g) => <GroupMessages group={g} unreadOnly={unreadOnly} columns={columns} />,
      }}
      pagination={{
        hideOnSinglePage: true,
        current: page,
        pageSize: GROUP_PAGE_SIZE,
        total: query.data.total,
        onChange: onPage,
        showSizeChanger: false,
      }}
    />
  );
}
