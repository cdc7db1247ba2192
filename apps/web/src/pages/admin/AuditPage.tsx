import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEvent, AuditVerifyResponse } from '@lantian/contract';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { adminKeys, fetchAudit, verifyAudit } from '../../api/admin.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { matchesAll, searchTerms } from '../../lib/search.ts';
import { formatInstant } from '../../lib/time.ts';
import { adminMessages, auditActions } from './messages.ts';

const PAGE = 100;
const OUTCOME_COLORS: Record<AuditEvent['outcome'], string> = {
  success: 'green',
  failure: 'orange',
  denied: 'red',
};

function json(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
}

export function AuditPage() {
  const t = useT(adminMessages);
  const { lang } = useLocale();
  const [action, setAction] = useState<string>();
  const [outcome, setOutcome] = useState<AuditEvent['outcome']>();
  const [q, setQ] = useState('');
  const [verified, setVerified] = useState<AuditVerifyResponse | null>(null);
  const actionLabel = (a: string) =>
    a in auditActions ? auditActions[a as keyof typeof auditActions][lang] : a;

  const query = useInfiniteQuery({
    queryKey: [...adminKeys.audit, action ?? ''],
    queryFn: ({ pageParam, signal }) => fetchAudit({ limit: PAGE, before: pageParam, action }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const verify = useMutation({ mutationFn: verifyAudit, onSuccess: setVerified });

  const loaded = useMemo(() => query.data?.pages.flatMap((p) => p.events) ?? [], [query.data]);
  const visible = useMemo(() => {
    const terms = searchTerms(q);
    return loaded.filter(
      (e) =>
        (!outcome || e.outcome === outcome) &&
        matchesAll(terms, [e.username ?? '', e.unitName ?? '', e.ip ?? '', e.objectId ?? '']),
    );
  }, [loaded, outcome, q]);

  const columns: ColumnsType<AuditEvent> = [
    { title: '#', dataIndex: 'seq', width: 64 },
    {
      title: t('time'),
      dataIndex: 'at',
      width: 150,
      render: (v: string) => formatInstant(v, 'YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('user'),
      key: 'user',
      width: 170,
      render: (_, e) =>
        e.username ? (
          <>
            <div>{e.username}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.unitName}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t('system')}</Typography.Text>
        ),
    },
    { title: t('action'), dataIndex: 'action', render: (a: string) => actionLabel(a) },
    {
      title: t('object'),
      key: 'object',
      render: (_, e) =>
        e.objectType ? `${e.objectType}${e.objectId ? ` · ${e.objectId.slice(0, 8)}` : ''}` : '',
    },
    {
      title: t('outcome'),
      dataIndex: 'outcome',
      width: 80,
      render: (o: AuditEvent['outcome']) => <Tag color={OUTCOME_COLORS[o]}>{t(o)}</Tag>,
    },
    { title: t('ip'), dataIndex: 'ip', width: 120 },
  ];

  const body = () => {
    if (query.isPending) return <LoadingState rows={10} />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (visible.length === 0) return <EmptyState description={t('auditEmpty')} />;
    return (
      <>
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={visible}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          expandable={{
            expandedRowRender: (e) => (
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'roles', label: adminMessages.roles[lang], children: e.roles.join(', ') },
                  {
                    key: 'object',
                    label: t('object'),
                    children: `${e.objectType ?? ''} ${e.objectId ?? ''}`,
                  },
                  ...(['before', 'after', 'detail'] as const)
                    .filter((k) => json(e[k]))
                    .map((k) => ({
                      key: k,
                      label: t(k),
                      children: (
                        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{json(e[k])}</pre>
                      ),
                    })),
                  {
                    key: 'hash',
                    label: t('hash'),
                    children: <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{e.hash}</code>,
                  },
                ]}
              />
            ),
          }}
        />
        <Flex justify="center" gap={12} align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('loaded', { n: loaded.length })}</Typography.Text>
          {query.hasNextPage && (
            <Button onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('loadMore')}
            </Button>
          )}
        </Flex>
      </>
    );
  };

  return (
    <Page
      title={t('auditTitle')}
      subtitle={t('auditSubtitle')}
      extra={
        <>
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
          >
            {t('verify')}
          </Button>
          <ExportButton
            list="audit"
            query={{ action, outcome, q: q.trim() || undefined }}
            disabled={visible.length === 0}
          />
        </>
      }
    >
      {verified && (
        <Alert
          type={verified.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerified(null) }}
          title={
            verified.ok || !verified.firstBroken
              ? t('verifyOk', { n: verified.checked })
              : t('verifyBroken', { seq: verified.firstBroken.seq, reason: verified.firstBroken.reason })
          }
        />
      )}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('filterAction')}
            placeholder={t('filterAction')}
            style={{ width: 200 }}
            value={action}
            onChange={setAction}
            options={Object.keys(auditActions).map((a) => ({ value: a, label: actionLabel(a) }))}
          />
          <Select<AuditEvent['outcome']>
            allowClear
            aria-label={t('filterOutcome')}
            placeholder={t('filterOutcome')}
            style={{ width: 120 }}
            value={outcome}
            onChange={setOutcome}
            options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: t(o) }))}
          />
          <Input.Search
            allowClear
            aria-label={t('filterText')}
            placeholder={t('filterText')}
            style={{ width: 300 }}
            onSearch={setQ}
          />
        </Flex>
        {body()}
      </Card>
    </Page>
  );
}
