import type { Measure } from '@lantian/contract';
import { Card, Col, Flex, Row, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMeasures, usePlan, usePlanAssignments } from '../../api/plans.ts';
import { type ChartClick, type ChartOption, EChart } from '../../charts/EChart.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { todayIso } from '../../lib/time.ts';
import {
  measuresByLead,
  measuresByMonth,
  measuresBySection,
  type UnitLoad,
  type UpcomingItem,
  unitLoad,
  upcoming,
} from './aggregate.ts';
import { overviewMessages } from './messages.ts';
import { PlanPicker, usePickedPlan } from './PlanPicker.tsx';

const UPCOMING_DAYS = 60;
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
  const navigate = useNavigate();
  const { plans, published, picked, pick } = usePickedPlan();
  const planId = picked?.id ?? '';
  const detail = usePlan(planId);
  const measuresQ = useMeasures(planId);
  const assignmentsQ = usePlanAssignments(planId, !!picked);
  const today = todayIso();
  const measures = useMemo(() => measuresQ.data?.measures ?? [], [measuresQ.data]);
  const assignments = useMemo(() => assignmentsQ.data?.assignments ?? [], [assignmentsQ.data]);

  const byMonth = useMemo(() => measuresByMonth(measures, picked?.year ?? 0), [measures, picked]);
  const bySection = useMemo(
    () => measuresBySection(measures, detail.data?.tasks ?? [], detail.data?.sections ?? []),
    [measures, detail.data],
  );
  const byLead = useMemo(() => measuresByLead(assignments).slice(0, 12), [assignments]);
  const soon = useMemo(() => upcoming(measures, today, UPCOMING_DAYS), [measures, today]);
  const load = useMemo(() => unitLoad(assignments, measures, today), [assignments, measures, today]);
  const overdueMeasures = useMemo(
    () =>
      measures.filter((m: Measure) => {
        const due = m.deadline.kind === 'ongoing' ? null : (m.deadline.end ?? m.deadline.due);
        return !!due && due < today;
      }).length,
    [measures, today],
  );

  const monthOption = useMemo((): ChartOption => {
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
  }, [byMonth, t]);

  const sectionOption = useMemo(
    (): ChartOption => ({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bySection.map((s) => `${s.section.ordinal}、${s.section.title}`),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: bySection.map((s) => s.measures),
          itemStyle: { color: '#13a8a8' },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [bySection],
  );

  const leadOption = useMemo(
    (): ChartOption => ({
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: byLead.map((u) => u.unitName),
        axisLabel: { interval: 0 },
      },
      series: [
        {
          type: 'bar',
          data: byLead.map((u) => u.measures),
          itemStyle: { color: '#d4380d' },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [byLead],
  );
  const onLeadClick = useCallback(
    (e: ChartClick) => {
      const unit = byLead[e.dataIndex];
      if (unit) navigate(`/plans/${planId}?unit=${unit.unitId}&role=lead`);
    },
    [byLead, planId, navigate],
  );
  const onSectionClick = useCallback(
    (e: ChartClick) => {
      const s = bySection[e.dataIndex];
      if (s) navigate(`/plans/${planId}?section=${s.section.id}`);
    },
    [bySection, planId, navigate],
  );

  const loadColumns: ColumnsType<UnitLoad> = [
    {
      title: t('unit'),
      dataIndex: 'unitName',
      render: (name: string, u) => <Link to={`/plans/${planId}?unit=${u.unitId}`}>{name}</Link>,
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
    {
      title: t('overdue'),
      dataIndex: 'overdue',
      width: 76,
      align: 'right',
      render: (n: number) => <Typography.Text type={n ? 'danger' : 'secondary'}>{n}</Typography.Text>,
    },
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
    if (detail.isPending || measuresQ.isPending || assignmentsQ.isPending) return <LoadingState rows={12} />;
    for (const q of [detail, measuresQ, assignmentsQ]) {
      if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
    }
    return (
      <>
        <Row gutter={[16, 16]}>
          {[
            { key: 'm', title: t('statMeasures'), value: measures.length },
            { key: 'u', title: t('statUnits'), value: load.length },
            { key: 'a', title: t('statAssignments'), value: assignments.length },
            { key: 'o', title: t('statOverdue'), value: overdueMeasures, danger: overdueMeasures > 0 },
            { key: 's', title: t('statUpcoming'), value: soon.length },
          ].map((s) => (
            <Col key={s.key} flex="1 1 180px">
              <Card size="small">
                <Statistic
                  title={s.title}
                  value={s.value}
                  valueStyle={s.danger ? { color: '#cf1322' } : undefined}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <ChartCard title={t('byMonth')}>
              <EChart option={monthOption} height={280} label={t('byMonth')} />
            </ChartCard>
          </Col>
          <Col xs={24} xl={10}>
            <ChartCard title={t('bySection')}>
              <EChart option={sectionOption} height={280} label={t('bySection')} onClick={onSectionClick} />
            </ChartCard>
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <ChartCard title={t('byLead')}>
              <EChart
                option={leadOption}
                height={Math.max(200, byLead.length * 26 + 30)}
                label={t('byLead')}
                onClick={onLeadClick}
              />
            </ChartCard>
          </Col>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              style={{ height: '100%' }}
              title={<h2 className="card-heading">{t('upcomingTitle')}</h2>}
              extra={
                <ExportButton
                  disabled={soon.length === 0}
                  build={() => ({
                    fileName: t('fileNameUpcoming'),
                    title: `${picked.title} ${t('upcomingTitle')}`,
                    filters: [`${today} ~ +${UPCOMING_DAYS}`],
                    spec: {
                      sheet: t('upcomingTitle'),
                      rows: soon,
                      columns: [
                        { title: t('date'), value: (i: UpcomingItem) => i.date },
                        {
                          title: c('deadline'),
                          value: (i) => (i.kind === 'milestone' ? t('milestoneKind') : t('deadlineKind')),
                        },
                        {
                          title: c('task'),
                          value: (i) => `${i.measure.task}.${i.measure.seq} ${i.measure.taskName}`,
                        },
                        { title: c('milestones'), value: (i) => `${i.raw}：${i.text}`, width: 70 },
                      ],
                    },
                  })}
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
                        <Link to={`/plans/${planId}/measures/${i.measure.id}`}>
                          {i.measure.task}.{i.measure.seq} {i.measure.taskName}
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
              disabled={load.length === 0}
              build={() => ({
                fileName: t('fileNameUnits'),
                title: `${picked.title} ${t('topUnits')}`,
                filters: [],
                spec: {
                  sheet: t('topUnits'),
                  rows: load,
                  columns: [
                    { title: t('unit'), value: (u: UnitLoad) => u.unitName },
                    { title: t('total'), value: (u) => u.measures },
                    { title: c('lead'), value: (u) => u.roles.lead },
                    { title: c('responsible'), value: (u) => u.roles.responsible },
                    { title: c('assisting'), value: (u) => u.roles.assisting },
                    { title: t('overdue'), value: (u) => u.overdue },
                  ],
                },
              })}
            />
          }
        >
          <Table<UnitLoad>
            rowKey="unitId"
            size="small"
            columns={loadColumns}
            dataSource={load}
            pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
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
