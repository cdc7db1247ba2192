import type { UnitLoadQuery, UnitLoadRow } from '@lantian/contract';
import { Card, Col, Flex, Row, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { usePlan } from '../../api/plans.ts';
import { usePlanOverview, useUnitLoad } from '../../api/status.ts';
import { type ChartOption, EChart } from '../../charts/EChart.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LIGHT_HEX } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { todayIso } from '../../lib/time.ts';
import { LightsOverview } from './LightsOverview.tsx';
import { overviewMessages } from './messages.ts';
import { PlanPicker, usePickedPlan } from './PlanPicker.tsx';

const UPCOMING_DAYS = 60;
const UNITS_PAGE = 10;
type LoadRow = UnitLoadRow;
type LoadSort = UnitLoadQuery['sort'];
const BAR = '#1677ff';

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card size="small" title={<h2 className="card-heading">{title}</h2>} style={{ height: '100%' }}>
      {children}
    </Card>
  );
}

export function DashboardPage() {
  const t = useT(overviewMessages);
  const c = useT(commonMessages);
  const s = useT(supervisionMessages);
  const { plans, published, picked, pick } = usePickedPlan();
  const planId = picked?.id;
  const detail = usePlan(planId);
  const overviewQ = usePlanOverview(planId);
  const [loadQ, setLoadQ] = useState<{ sort: LoadSort; page: number }>({ sort: 'measures', page: 1 });
  const loadPage = useUnitLoad(planId, { ...loadQ, pageSize: UNITS_PAGE });
  const today = overviewQ.data?.asOf ?? todayIso();
  const overview = overviewQ.data;
  const soon = overview?.upcoming ?? [];
  const load = loadPage.data?.units ?? [];

  const monthOption = useMemo((): ChartOption => {
    const byMonth = overview?.byMonth ?? { months: [], ongoing: 0, otherYears: 0 };
    const labels = [
      ...byMonth.months.map((_, i) => t('monthN', { n: i + 1 })),
      t('ongoingBar'),
      ...(byMonth.otherYears ? [t('otherYearsBar')] : []),
    ];
    const values = [...byMonth.months, byMonth.ongoing, ...(byMonth.otherYears ? [byMonth.otherYears] : [])];
    return {
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: t('measuresAxis'), minInterval: 1 },
      series: [
        { type: 'bar', data: values, itemStyle: { color: BAR }, label: { show: true, position: 'top' } },
      ],
    };
  }, [overview, t]);

  const loadColumns: ColumnsType<LoadRow> = [
    {
      title: t('unit'),
      dataIndex: 'unitName',
      render: (name: string, u: LoadRow) => <Link to={`/plans/${planId}?unit=${u.unitId}`}>{name}</Link>,
    },
    { title: t('total'), dataIndex: 'measures', width: 70, align: 'right' },
    { title: c('lead'), key: 'lead', width: 56, align: 'right', render: (_, u) => u.roles.lead },
    {
      title: c('responsible'),
      key: 'resp',
      width: 56,
      align: 'right',
      render: (_, u) => u.roles.responsible,
    },
    { title: c('assisting'), key: 'assist', width: 56, align: 'right', render: (_, u) => u.roles.assisting },
    ...(['red', 'yellow', 'green', 'done'] as const).map((light) => ({
      title: s(light),
      key: light,
      width: 64,
      align: 'right' as const,
      // Sorted by the server (most first), over every unit rather than the page shown.
      sorter: true,
      sortDirections: ['descend' as const],
      sortOrder: loadQ.sort === light ? ('descend' as const) : null,
      render: (_: unknown, u: LoadRow) => (
        <Typography.Text
          style={{ color: u.lights[light] && light !== 'green' ? LIGHT_HEX[light] : undefined }}
          type={u.lights[light] ? undefined : 'secondary'}
        >
          {u.lights[light]}
        </Typography.Text>
      ),
    })),
  ];

  const body = () => {
    if (plans.isPending) return <LoadingState rows={10} />;
    if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />;
    if (!picked) {
      return (
        <Card>
          <EmptyState
            title={t('noPublishedTitle')}
            description={t('noPublishedBody')}
            action={
              <LinkButton to="/plans/import" type="primary">
                {t('goImport')}
              </LinkButton>
            }
          />
        </Card>
      );
    }
    for (const q of [detail, overviewQ]) {
      if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
    }
    if (!planId || !detail.data || !overview) return <LoadingState rows={12} />;
    return (
      <>
        <LightsOverview planId={planId} detail={detail.data} overview={overview} />
        <h2 className="card-heading" style={{ margin: '8px 0 0' }}>
          {t('deadlinesTitle')}
        </h2>
        <Row gutter={[16, 16]}>
          {[
            { key: 'm', title: t('statMeasures'), value: overview.measureCount },
            { key: 'u', title: t('statUnits'), value: overview.unitCount },
            { key: 'a', title: t('statAssignments'), value: overview.assignmentCount },
            { key: 's', title: t('statUpcoming'), value: overview.upcomingTotal },
          ].map((x) => (
            <Col key={x.key} flex="1 1 180px">
              <Card size="small">
                <Statistic title={x.title} value={x.value} />
              </Card>
            </Col>
          ))}
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <ChartCard title={t('byMonth')}>
              <EChart option={monthOption} height={300} label={t('byMonth')} />
            </ChartCard>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              style={{ height: '100%' }}
              title={<h2 className="card-heading">{t('upcomingTitle')}</h2>}
              extra={
                <ExportButton
                  list="upcoming"
                  query={{ planId, days: UPCOMING_DAYS }}
                  disabled={soon.length === 0}
                />
              }
            >
              {soon.length === 0 ? (
                <EmptyState description={t('upcomingEmpty')} />
              ) : (
                <Timeline
                  style={{ marginTop: 8, maxHeight: 420, overflowY: 'auto', paddingTop: 4 }}
                  items={soon.map((i) => ({
                    key: i.key,
                    color: i.kind === 'milestone' ? 'blue' : 'red',
                    title: (
                      <Flex gap={6} align="center" wrap>
                        <Typography.Text strong>{i.date}</Typography.Text>
                        <Tag color={i.kind === 'milestone' ? 'processing' : 'error'}>
                          {i.kind === 'milestone' ? t('milestoneKind') : t('deadlineKind')}
                        </Tag>
                        <Link to={`/plans/${planId}/measures/${i.measureId}`}>
                          {i.task}.{i.seq} {i.taskName}
                        </Link>
                      </Flex>
                    ),
                    content: (
                      <Typography.Paragraph
                        type="secondary"
                        ellipsis={{ rows: 2, tooltip: i.text }}
                        style={{ margin: 0 }}
                      >
                        {i.raw}：{i.text}
                      </Typography.Paragraph>
                    ),
                  }))}
                />
              )}
            </Card>
          </Col>
        </Row>
        <Card
          size="small"
          title={
            <Flex gap={8} align="baseline" wrap>
              <h2 className="card-heading">{t('topUnits')}</h2>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                {t('topUnitsNote')}
              </Typography.Text>
            </Flex>
          }
          extra={
            <ExportButton
              list="unit-load"
              query={{ planId, sort: loadQ.sort }}
              disabled={load.length === 0}
            />
          }
        >
          <Table<LoadRow>
            rowKey="unitId"
            size="small"
            columns={loadColumns}
            dataSource={load}
            loading={loadPage.isFetching}
            onChange={(pagination, _filters, sorter) => {
              const one = Array.isArray(sorter) ? sorter[0] : sorter;
              const sort = (one?.order ? (one.columnKey as LoadSort) : 'measures') ?? 'measures';
              setLoadQ({ sort, page: sort === loadQ.sort ? (pagination.current ?? 1) : 1 });
            }}
            pagination={{
              current: loadQ.page,
              pageSize: UNITS_PAGE,
              total: loadPage.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
            }}
          />
        </Card>
      </>
    );
  };

  return (
    <Page
      title={t('dashboardTitle')}
      subtitle={picked ? `${picked.title} · ${t('dashboardSubtitle', { today })}` : undefined}
      extra={<PlanPicker published={published} picked={picked} pick={pick} />}
    >
      {body()}
    </Page>
  );
}
