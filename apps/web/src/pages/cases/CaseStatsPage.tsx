/**
 * 案件统计 (office): over the cases received in a range — the unit ranking the office publishes (on-time
 * closure rate, overdue, median handling days, rework, repeat and feedback rates), a chart per unit
 * (ECharts, loaded on demand), and the same figures by category, month and source. The ranking exports to
 * Excel from the server (`/exports/case-stats.xlsx`).
 */
import type { CaseRankingRow, CaseStatsRow } from '@lantian/contract';
import { Card, DatePicker, Flex, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useCaseStats } from '../../api/cases.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { todayIso } from '../../lib/time.ts';
import { caseMessages } from './messages.ts';

const CaseStatsChart = lazy(() =>
  import('./CaseStatsChart.tsx').then((m) => ({ default: m.CaseStatsChart })),
);

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v);

export function CaseStatsPage() {
  const t = useT(caseMessages);
  const today = todayIso();
  const [range, setRange] = useState<[string, string]>([`${today.slice(0, 4)}-01-01`, today]);
  const stats = useCaseStats(range[0], range[1]);
  const figures: ColumnsType<CaseStatsRow> = [
    { title: t('colName'), dataIndex: 'name' },
    { title: t('colReceived'), dataIndex: 'received', width: 70 },
    { title: t('colDispatched'), dataIndex: 'dispatched', width: 70 },
    { title: t('colClosedN'), dataIndex: 'closed', width: 70 },
    { title: t('colOnTime'), dataIndex: 'onTimeClosureRate', width: 100, render: pct },
    { title: t('colOverdue'), dataIndex: 'overdue', width: 70 },
    { title: t('colMedian'), dataIndex: 'medianHandlingDays', width: 110, render: num },
    { title: t('colRework'), dataIndex: 'reworkRate', width: 80, render: pct },
    { title: t('colRepeat'), dataIndex: 'repeatRate', width: 80, render: pct },
    { title: t('colFeedback'), dataIndex: 'feedbackRate', width: 80, render: pct },
  ];
  const ranking = [
    { title: t('colRank'), dataIndex: 'rank', width: 60 },
    ...figures,
  ] as ColumnsType<CaseRankingRow>;
  const data = stats.data;
  const table = (rows: readonly CaseStatsRow[]) => (
    <Table<CaseStatsRow>
      rowKey="key"
      size="small"
      columns={figures}
      dataSource={[...rows]}
      pagination={false}
      summary={() =>
        data && (
          <Table.Summary.Row>
            {figures.map((col, i) => {
              const key = (col as { dataIndex?: keyof CaseStatsRow }).dataIndex;
              const v = key ? data.total[key] : null;
              const render = (col as { render?: (x: unknown) => unknown }).render;
              return (
                <Table.Summary.Cell key={String(key ?? i)} index={i}>
                  {i === 0 ? t('total') : String(render ? render(v) : (v ?? ''))}
                </Table.Summary.Cell>
              );
            })}
          </Table.Summary.Row>
        )
      }
    />
  );
  return (
    <Page
      title={t('statsTitle')}
      subtitle={t('statsSubtitle')}
      extra={
        <ExportButton
          list="case-stats"
          query={{ from: range[0], to: range[1] }}
          disabled={!data?.ranking.length}
        />
      }
    >
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('range')}</Typography.Text>
        <DatePicker.RangePicker
          aria-label={t('range')}
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')]);
          }}
        />
      </Flex>
      {stats.isPending && <LoadingState />}
      {stats.isError && <ErrorState error={stats.error} onRetry={() => stats.refetch()} />}
      {data && (
        <>
          <Card size="small" title={t('rankingTitle')} style={{ marginBottom: 16 }}>
            {data.ranking.length > 0 && (
              <Suspense fallback={<LoadingState />}>
                <CaseStatsChart
                  rows={data.ranking}
                  label={t('chartLabel')}
                  names={{
                    received: t('colReceived'),
                    closedOnTime: t('colClosedOnTime'),
                    overdue: t('colOverdue'),
                  }}
                />
              </Suspense>
            )}
            <Table<CaseRankingRow>
              rowKey="key"
              size="small"
              columns={ranking}
              dataSource={data.ranking}
              pagination={data.ranking.length > 30 ? { pageSize: 30 } : false}
            />
          </Card>
          <Card size="small">
            <Tabs
              items={[
                { key: 'category', label: t('byCategory'), children: table(data.byCategory) },
                { key: 'month', label: t('byMonth'), children: table(data.byMonth) },
                { key: 'source', label: t('bySource'), children: table(data.bySource) },
              ]}
            />
          </Card>
        </>
      )}
    </Page>
  );
}
