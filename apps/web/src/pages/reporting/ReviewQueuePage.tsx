import type { ReportQueueResponse } from '@lantian/contract';
import { Button, Card, Drawer, Flex, Input, Select, Switch, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { usePlans } from '../../api/plans.ts';
import { reportKeys, useReportForm, useReportQueue } from '../../api/reports.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { ReportStateTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { matchesAll, searchTerms } from '../../lib/search.ts';
import { formatInstant } from '../../lib/time.ts';
import { reportingMessages } from './messages.ts';
import { ReportForm } from './ReportForm.tsx';
import { RequestSignoffs } from './RequestSignoffs.tsx';

type Row = ReportQueueResponse['rows'][number];
type Kind = 'review' | 'signoff';
const PAGE_SIZE = 50;

/** 审核: reports awaiting the caller's review (lead unit, or the office) and, for leaders, sign-off. */
export function ReviewQueuePage() {
  const t = useT(reportingMessages);
  const s = useT(supervisionMessages);
  const c = useT(commonMessages);
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const kind: Kind = params.get('tab') === 'signoff' ? 'signoff' : 'review';
  const canSignoff = me.roles.includes('unit_leader');
  const [planId, setPlanId] = useState<string>();
  const [decided, setDecided] = useState(false);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [unit, setUnit] = useState<string>();
  const [open, setOpen] = useState<Row | null>(null);
  const plans = usePlans();
  const query = useReportQueue({
    kind,
    planId,
    decided: kind === 'review' && decided ? 'true' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const rows = query.data?.rows ?? [];
  const units = useMemo(() => [...new Set(rows.map((r) => r.unitName))].sort(), [rows]);
  const visible = useMemo(() => {
    const terms = searchTerms(q);
    return rows.filter(
      (r) =>
        (!unit || r.unitName === unit) &&
        matchesAll(terms, [r.measureText, r.unitName, `${r.task}.${r.seq}`, r.period]),
    );
  }, [rows, q, unit]);
  const status = (r: Row) => s(r.status === 'done' ? 'status_done' : r.status);

  const columns: ColumnsType<Row> = [
    {
      title: t('measureCol'),
      key: 'measure',
      render: (_, r) => (
        <div>
          <Link to={`/plans/${r.planId}/measures/${r.measureId}`}>
            <Typography.Text strong>{s('measureNo', { no: `${r.task}.${r.seq}` })}</Typography.Text>
          </Link>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, tooltip: r.measureText }}
            style={{ margin: 0 }}
          >
            {r.measureText}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: s('unit'),
      key: 'unit',
      width: 190,
      render: (_, r) => (
        <Flex gap={4} wrap align="center">
          {r.unitName}
          <RoleTag role={r.role} />
        </Flex>
      ),
    },
    { title: s('period'), dataIndex: 'period', width: 100 },
    { title: t('status'), key: 'status', width: 80, render: (_, r) => status(r) },
    {
      title: s('state'),
      dataIndex: 'state',
      width: 110,
      render: (x: Row['state']) => <ReportStateTag state={x} />,
    },
    {
      title: kind === 'signoff' ? t('submittedAt') : t('signedOffAt'),
      key: 'at',
      width: 140,
      render: (_, r) => {
        const at = kind === 'signoff' ? r.submittedAt : r.signedOffAt;
        return at ? formatInstant(at) : '—';
      },
    },
    {
      title: s('actions'),
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Button
          type={r.state === 'submitted' || r.state === 'pending_signoff' ? 'primary' : 'default'}
          size="small"
          onClick={() => setOpen(r)}
          aria-label={`${kind === 'signoff' ? t('signoffOpen') : t('open')} ${r.unitName} ${r.task}.${r.seq} ${r.period}`}
        >
          {r.state === 'submitted' ? t('open') : r.state === 'pending_signoff' ? t('signoffOpen') : t('view')}
        </Button>
      ),
    },
  ];

  const body = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (query.data.total === 0)
      return (
        <EmptyState
          title={t('queueEmpty')}
          description={kind === 'signoff' ? t('queueEmptySignoff') : t('queueEmptyReview')}
        />
      );
    return (
      <Table<Row>
        rowKey="reportId"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={visible}
        locale={{ emptyText: c('noMatch') }}
        pagination={{
          hideOnSinglePage: true,
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data.total,
          onChange: setPage,
          showTotal: (n) => t('totals', { n }),
        }}
      />
    );
  };

  return (
    <Page
      title={t('queueTitle')}
      subtitle={t('queueSubtitle')}
      extra={
        <ExportButton
          list="review-queue"
          query={{
            kind,
            planId,
            decided: kind === 'review' && decided ? 'true' : undefined,
            unit,
            q: q.trim() || undefined,
          }}
          disabled={visible.length === 0}
        />
      }
    >
      <Card size="small">
        {canSignoff && (
          <Tabs
            activeKey={kind}
            onChange={(k) => {
              setParams(k === 'signoff' ? { tab: 'signoff' } : {}, { replace: true });
              setPage(1);
            }}
            items={[
              { key: 'review', label: t('tabReview') },
              { key: 'signoff', label: t('tabSignoff') },
            ]}
          />
        )}
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t('searchQueue')}
            placeholder={t('searchQueue')}
            style={{ width: 240 }}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
          />
          <Select
            allowClear
            aria-label={t('filterUnit')}
            placeholder={t('filterUnit')}
            style={{ width: 180 }}
            value={unit}
            onChange={setUnit}
            options={units.map((u) => ({ value: u, label: u }))}
          />
          {(plans.data?.plans.filter((p) => p.status === 'published').length ?? 0) > 1 && (
            <Select
              allowClear
              aria-label={c('plan')}
              placeholder={c('plan')}
              style={{ width: 240 }}
              value={planId}
              onChange={(v) => {
                setPlanId(v);
                setPage(1);
              }}
              options={(plans.data?.plans ?? [])
                .filter((p) => p.status === 'published')
                .map((p) => ({ value: p.id, label: p.title }))}
            />
          )}
          {kind === 'review' && (
            <Flex gap={6} align="center">
              <Switch
                id="queue-decided"
                size="small"
                checked={decided}
                onChange={(v) => {
                  setDecided(v);
                  setPage(1);
                }}
              />
              <label htmlFor="queue-decided">{t('includeDecided')}</label>
            </Flex>
          )}
        </Flex>
        {body()}
      </Card>
      {kind === 'signoff' && <RequestSignoffs />}
      {open && <ReportDrawer row={open} onClose={() => setOpen(null)} />}
    </Page>
  );
}

/** One report from the queue, with the sign-off or review the viewer may give. */
function ReportDrawer({ row, onClose }: { row: Row; onClose: () => void }) {
  const t = useT(reportingMessages);
  const query = useReportForm(row.assignmentId, row.period);
  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      title={t('reportDrawer', { unit: row.unitName, no: `${row.task}.${row.seq}`, period: row.period })}
      destroyOnHidden
    >
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible' }} style={{ margin: 0 }}>
            {query.data.assignment.text}
          </Typography.Paragraph>
          <ReportForm
            data={query.data}
            queryKey={reportKeys.form(row.assignmentId, row.period)}
            onReload={() => query.refetch()}
          />
        </Flex>
      )}
    </Drawer>
  );
}
