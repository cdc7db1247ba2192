import type { SignoffItem } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { signoffRequest, useSignoffQueue } from '../../api/requests.ts';
import { type Decision, DecisionPanel } from '../../components/DecisionPanel.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { signoffMessages } from './signoffMessages.ts';

const PAGE_SIZE = 20;

/** The unit leader's held 督办单 replies, extension and closure requests, beside the reports to sign off. */
export function RequestSignoffs() {
  const t = useT(signoffMessages);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<SignoffItem | null>(null);
  const query = useSignoffQueue(page, PAGE_SIZE);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.total === 0) return null;
  const columns: ColumnsType<SignoffItem> = [
    { title: t('kind'), key: 'kind', width: 100, render: (_, r) => t(`kind_${r.kind}`) },
    { title: t('measures'), key: 'measures', width: 110, render: (_, r) => r.measures.join('、') },
    { title: t('unit'), dataIndex: 'unitName', width: 140 },
    {
      title: t('content'),
      key: 'text',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.text }} style={{ margin: 0 }}>
          {r.requestedDue ? t('requestedDue', { due: r.requestedDue }) : ''}
          {r.text}
        </Typography.Paragraph>
      ),
    },
    { title: t('writtenBy'), dataIndex: 'writtenBy', width: 110, render: (x: string | null) => x ?? '—' },
    { title: t('writtenAt'), key: 'at', width: 140, render: (_, r) => formatInstant(r.writtenAt) },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_, r) => {
        const button = (
          <Button
            type="primary"
            size="small"
            disabled={!r.canSignOff}
            onClick={() => setOpen(r)}
            aria-label={`${t('open')} ${t(`kind_${r.kind}`)} ${r.measures.join('、')}`}
          >
            {t('open')}
          </Button>
        );
        return r.canSignOff ? button : <Tooltip title={t('ownWork')}>{button}</Tooltip>;
      },
    },
  ];
  return (
    <Card size="small" title={t('card')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('cardHint')}</Typography.Paragraph>
      <Table<SignoffItem>
        rowKey={(r) => `${r.kind}:${r.id}`}
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={query.data.items}
        pagination={{
          hideOnSinglePage: true,
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data.total,
          onChange: setPage,
          showTotal: (n) => t('totals', { n }),
        }}
      />
      {open && <SignoffDrawer item={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function SignoffDrawer({ item, onClose }: { item: SignoffItem; onClose: () => void }) {
  const t = useT(signoffMessages);
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Decision | null>(null);
  const decide = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment: string }) =>
      signoffRequest(item.kind, item.id, {
        version: item.version,
        decision,
        comment: comment || undefined,
      }),
    meta: { silent: true },
    onMutate: ({ decision }) => setPending(decision),
    onSettled: () => setPending(null),
    onSuccess() {
      getFeedback()?.message.success(t('done'));
      void invalidateSupervision(queryClient);
      onClose();
    },
  });
  const kind = t(`kind_${item.kind}`);
  return (
    <Drawer
      open
      onClose={onClose}
      size={640}
      title={t('drawer', { kind, no: item.measures.join('、') })}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'kind', label: t('kind'), children: kind },
          { key: 'measures', label: t('measures'), children: item.measures.join('、') },
          { key: 'unit', label: t('unit'), children: item.unitName },
          {
            key: 'text',
            label: t('content'),
            children: (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {item.requestedDue ? t('requestedDue', { due: item.requestedDue }) : ''}
                {item.text}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'by',
            label: t('writtenBy'),
            children: `${item.writtenBy ?? '—'} · ${formatInstant(item.writtenAt)}`,
          },
        ]}
      />
      {item.kind === 'notice' && (
        <Typography.Paragraph>
          <Link to={`/notices/${item.id}`}>{kind}</Link>
        </Typography.Paragraph>
      )}
      <DecisionPanel
        approveLabel={t('approve')}
        rejectLabel={t('reject')}
        rejectHint={t('rejectHint')}
        pending={pending}
        error={decide.error}
        onDecide={(decision, comment) => decide.mutate({ decision, comment })}
      />
    </Drawer>
  );
}
