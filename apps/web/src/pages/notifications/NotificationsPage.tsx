import type { Notification } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { notificationActions, notificationKeys, useNotifications } from '../../api/notifications.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { notificationMessages } from './messages.ts';
import { NotificationGroups } from './NotificationGroups.tsx';
import { NotificationSettingsCard } from './NotificationSettingsCard.tsx';

const PAGE_SIZE = 20;
type Kind = 'reminder' | 'report' | 'notice' | 'extension' | 'closure' | 'other';

/** Where a message leads: the thing it is about. */
export function notificationLink(n: Pick<Notification, 'objectType' | 'objectId' | 'planId'>): string | null {
  const id = n.objectId ? encodeURIComponent(n.objectId) : null;
  if (!id) return n.planId ? `/plans/${encodeURIComponent(n.planId)}` : null;
  switch (n.objectType) {
    case 'assignment':
      return `/assignments/${id}`;
    case 'report':
      return `/reports/${id}`;
    case 'notice':
      return `/notices/${id}`;
    case 'extension':
      return '/extensions?awaiting=1';
    case 'closure':
      return `/closures?open=${id}`;
    case 'plan':
      return `/plans/${id}`;
    default:
      return null;
  }
}

export function kindOf(kind: string): Kind {
  const head = kind.split('.')[0] ?? '';
  return (
    (['reminder', 'report', 'notice', 'extension', 'closure'] as const).find((k) => k === head) ?? 'other'
  );
}
const KIND_COLORS: Record<Kind, string> = {
  reminder: 'orange',
  report: 'blue',
  notice: 'red',
  extension: 'purple',
  closure: 'green',
  other: 'default',
};

/** 消息中心: the user's messages, newest first; reading one marks it read. */
export function NotificationsPage() {
  const t = useT(notificationMessages);
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [grouped, setGrouped] = useState(true);
  const query = useNotifications({ unreadOnly: unreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE });
  const mark = useMutation({
    mutationFn: notificationActions.markRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  const data = query.data;

  const columns: ColumnsType<Notification> = [
    {
      title: t('colKind'),
      key: 'kind',
      width: 110,
      render: (_, n) => (
        <Flex gap={6} align="center">
          <Badge
            status={n.readAt ? 'default' : 'processing'}
            aria-label={n.readAt ? t('read') : t('unread')}
          />
          <Tag color={KIND_COLORS[kindOf(n.kind)]} style={{ marginInlineEnd: 0 }}>
            {t(`kind_${kindOf(n.kind)}`)}
          </Tag>
        </Flex>
      ),
    },
    {
      title: t('colTitle'),
      key: 'title',
      render: (_, n) => {
        const to = notificationLink(n);
        const title = <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>;
        return (
          <div>
            {to ? (
              <Link to={to} onClick={() => !n.readAt && mark.mutate({ ids: [n.id] })}>
                {title}
              </Link>
            ) : (
              title
            )}
            <Typography.Paragraph
              type="secondary"
              ellipsis={{ rows: 2, tooltip: n.body }}
              style={{ margin: 0, whiteSpace: 'pre-line' }}
            >
              {n.body}
            </Typography.Paragraph>
          </div>
        );
      },
    },
    { title: t('colTime'), key: 'time', width: 150, render: (_, n) => formatInstant(n.createdAt) },
    {
      title: '',
      key: 'actions',
      width: 110,
      render: (_, n) =>
        !n.readAt && (
          <Button
            size="small"
            type="link"
            onClick={() => mark.mutate({ ids: [n.id] })}
            aria-label={`${t('markRead')}：${n.title}`}
          >
            {t('markRead')}
          </Button>
        ),
    },
  ];

  const kindTag = (kind: string) => (
    <Tag color={KIND_COLORS[kindOf(kind)]} style={{ marginInlineEnd: 0 }}>
      {t(`kind_${kindOf(kind)}`)}
    </Tag>
  );
  const body = () => {
    if (grouped)
      return (
        <NotificationGroups
          unreadOnly={unreadOnly}
          page={page}
          onPage={setPage}
          columns={columns}
          kindTag={kindTag}
        />
      );
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (query.data.total === 0)
      return <EmptyState title={t('empty')} description={unreadOnly ? t('emptyUnread') : t('emptyBody')} />;
    return (
      <Table<Notification>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={query.data.notifications}
        pagination={{
          hideOnSinglePage: true,
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
    );
  };

  return (
    <Page
      title={t('title')}
      subtitle={t('subtitle')}
      extra={
        <>
          <Button
            disabled={!data?.unread}
            loading={mark.isPending}
            onClick={() => mark.mutate({ all: true })}
          >
            {t('markAll')}
          </Button>
          <ExportButton
            list="notifications"
            query={{ unreadOnly: unreadOnly ? 'true' : undefined }}
            disabled={!data?.total}
          />
        </>
      }
    >
      <Card size="small">
        <Flex gap={12} align="center" style={{ marginBottom: 12 }} wrap>
          <Segmented<'all' | 'unread'>
            aria-label={t('show')}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('all') },
              { value: 'unread', label: t('unreadOnly') },
            ]}
          />
          <Segmented<'grouped' | 'flat'>
            aria-label={t('layout')}
            value={grouped ? 'grouped' : 'flat'}
            onChange={(v) => {
              setGrouped(v === 'grouped');
              setPage(1);
            }}
            options={[
              { value: 'grouped', label: t('grouped') },
              { value: 'flat', label: t('flat') },
            ]}
          />
          {data && (
            <Typography.Text type="secondary" role="status">
              {t('unreadCount', { n: data.unread })}
            </Typography.Text>
          )}
        </Flex>
        {body()}
      </Card>
      <NotificationSettingsCard />
    </Page>
  );
}
