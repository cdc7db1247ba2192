/** 监测排名: a ranking table as the bulletins print it, with publish (office) and Excel export. */
import type { IndicatorsResponse, RankingResponse, RankingRow } from '@lantian/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Segmented, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useState } from 'react';
import { api } from '../../api/client.ts';
import { schemaOf } from '../../api/schemas.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { DataUpload } from './DataUpload.tsx';
import { GoalsModal, IndicatorModal } from './IndicatorForms.tsx';
import { indicatorMessages } from './indicatorMessages.ts';
import { monitoringMessages } from './messages.ts';

const AreaChart = lazy(() => import('./AreaChart.tsx').then((m) => ({ default: m.AreaChart })));

type Level = 'district' | 'street';
type By = 'value' | 'yoy';

export function RankingsPage() {
  const t = useT(monitoringMessages);
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [indicator, setIndicator] = useState<string>();
  const [period, setPeriod] = useState('');
  const [level, setLevel] = useState<Level>('district');
  const [by, setBy] = useState<By>('value');
  const [cumulative, setCumulative] = useState(false);
  const [chartArea, setChartArea] = useState<{ id: string; name: string }>();
  const [editing, setEditing] = useState<'new' | 'edit' | 'goals' | null>(null);
  const ti = useT(indicatorMessages);
  const indicators = useQuery({
    queryKey: ['monitoring', 'indicators'],
    queryFn: ({ signal }) =>
      api.get<IndicatorsResponse>('/indicators', { schema: schemaOf('IndicatorsResponse'), signal }),
  });
  const code = indicator ?? indicators.data?.indicators[0]?.code;
  const current = indicators.data?.indicators.find((i) => i.code === code);
  const query = { indicator: code ?? '', period, level, by, cumulative: String(cumulative) };
  const ready = !!code && /^\d{4}(-Q[1-4]|-\d{2}(-H[12]|-\d{2})?)?$/.test(period);
  const ranking = useQuery({
    queryKey: ['monitoring', 'ranking', query],
    enabled: ready,
    queryFn: ({ signal }) =>
      api.get<RankingResponse>('/rankings', { schema: schemaOf('RankingResponse'), query, signal }),
  });
  const publish = useMutation({
    mutationFn: () => api.post('/rankings/publish', { indicator: code, period, level, by, cumulative }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['monitoring', 'ranking'] }),
  });
  const office = me.roles.includes('supervisor');
  const forms = (
    <>
      {office && (
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Button onClick={() => setEditing('new')}>{ti('add')}</Button>
          {current && <Button onClick={() => setEditing('edit')}>{ti('edit')}</Button>}
          {current && <Button onClick={() => setEditing('goals')}>{ti('goals')}</Button>}
        </Flex>
      )}
      {editing === 'new' && (
        <IndicatorModal
          onClose={(c) => {
            setEditing(null);
            if (c) setIndicator(c);
          }}
        />
      )}
      {editing === 'edit' && current && (
        <IndicatorModal indicator={current} onClose={() => setEditing(null)} />
      )}
      {editing === 'goals' && current && <GoalsModal indicator={current} onClose={() => setEditing(null)} />}
    </>
  );
  if (indicators.isPending) return <LoadingState />;
  if (indicators.isError) return <ErrorState error={indicators.error} />;
  if (!indicators.data.indicators.length)
    return (
      <Page title={t('title')} subtitle={t('subtitle')}>
        {forms}
        {me.roles.includes('supervisor') && <DataUpload indicator={undefined} />}
        <EmptyState description={t('none')} />
      </Page>
    );
  const data = ranking.data;
  const own = new Set(data?.ownAreaIds ?? []);
  const unit = current?.unit ?? '';
  const columns: ColumnsType<RankingRow> = [
    { title: t('colRank'), dataIndex: 'rank', width: 80 },
    ...(level === 'street' ? [{ title: t('colDistrict'), dataIndex: 'district' as const }] : []),
    {
      title: t('colArea'),
      dataIndex: 'area',
      render: (v: string, r: RankingRow) => (
        <>
          <Typography.Link onClick={() => setChartArea({ id: r.areaId, name: r.area })}>{v}</Typography.Link>{' '}
          {own.has(r.areaId) && <Tag color="blue">{t('own')}</Tag>}
        </>
      ),
    },
    { title: `${t('colValue')}（${unit}）`, dataIndex: 'value' },
    { title: t('colPrevious'), dataIndex: 'previous', render: (v: number | null) => v ?? '—' },
    { title: t('colYoy'), dataIndex: 'yoyPercent', render: (v: number | null) => v ?? '—' },
  ];
  return (
    <Page
      title={t('title')}
      subtitle={t('subtitle')}
      extra={
        <Flex gap={8}>
          {me.roles.includes('supervisor') && (
            <Button
              disabled={!data?.rows.length}
              loading={publish.isPending}
              onClick={() => publish.mutate()}
            >
              {t('publish')}
            </Button>
          )}
          <ExportButton
            list="rankings"
            query={{
              indicator: code ?? '',
              period,
              level,
              by,
              cumulative: String(cumulative) as 'true' | 'false',
            }}
            disabled={!data?.rows.length}
          />
        </Flex>
      }
    >
      {forms}
      {me.roles.includes('supervisor') && <DataUpload indicator={code} />}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('indicator')}
          style={{ minWidth: 200 }}
          value={code}
          onChange={setIndicator}
          options={indicators.data.indicators.map((i) => ({
            value: i.code,
            label: `${i.name}（${i.unit}）`,
          }))}
        />
        <Input
          aria-label={t('period')}
          placeholder={t('periodHint')}
          style={{ width: 160 }}
          value={period}
          onChange={(e) => setPeriod(e.target.value.trim())}
        />
        <Segmented<Level>
          value={level}
          onChange={setLevel}
          options={(current?.levels ?? ['district']).map((l) => ({ value: l, label: t(l) }))}
        />
        <Segmented<By>
          value={by}
          onChange={setBy}
          options={[
            { value: 'value', label: t('byValue') },
            { value: 'yoy', label: t('byYoy') },
          ]}
        />
        <Flex gap={6} align="center">
          <Switch checked={cumulative} onChange={setCumulative} aria-label={t('cumulative')} />
          {t('cumulative')}
        </Flex>
      </Flex>
      {ranking.isError && <ErrorState error={ranking.error} />}
      {publish.isSuccess && (
        <Alert
          type="success"
          showIcon
          title={t('published', { n: (publish.data as { edition: number }).edition })}
        />
      )}
      {data && data.published.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('editions', {
            list: data.published.map((p) => `${p.edition}（${p.publishedAt.slice(0, 10)}）`).join('、'),
          })}
        </Typography.Paragraph>
      )}
      {data && data.differences.length > 0 && (
        <Alert type="warning" showIcon title={t('differences', { n: data.differences.length })} />
      )}
      {ready && (
        <Table<RankingRow>
          rowKey="areaId"
          size="small"
          loading={ranking.isFetching}
          columns={columns}
          dataSource={data?.rows ?? []}
          pagination={level === 'street' ? { pageSize: 50 } : false}
          locale={{ emptyText: t('empty') }}
        />
      )}
      {chartArea && code && ready && (
        <Suspense fallback={<LoadingState />}>
          <Typography.Title level={5}>{t('chartTitle', { area: chartArea.name })}</Typography.Title>
          <AreaChart
            indicator={code}
            areaId={chartArea.id}
            year={Number(period.slice(0, 4))}
            label={t('chartTitle', { area: chartArea.name })}
          />
        </Suspense>
      )}
      {data && data.noData.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('noData', { names: data.noData.join('、') })}
        </Typography.Paragraph>
      )}
    </Page>
  );
}
