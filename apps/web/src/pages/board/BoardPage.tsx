import type { BoardQuery, BoardRow, Light, ReasonCode, ResponsibilityRole } from '@lantian/contract';
import { Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { fetchAllPages } from '../../api/client.ts';
import { usePlan, useUnits } from '../../api/plans.ts';
import { fetchBoard, useBoard } from '../../api/status.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LIGHT_HEX, LightTag, ReasonList, reasonText } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { ProgressBar, percentText } from '../../components/ProgressBar.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { NoticeLevelTag, reportStateKey } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { PlanPicker, usePickedPlan } from '../overview/PlanPicker.tsx';
import { sectionOf } from '../plans/planFilters.ts';
import { IssueNoticeModal } from '../requests/IssueNoticeModal.tsx';
import { boardMessages } from './messages.ts';

type Filters = Pick<BoardQuery, 'light'> &
  Partial<Pick<BoardQuery, 'section' | 'task' | 'unitId' | 'role' | 'reason' | 'sort' | 'order'>>;

const REASONS: readonly ReasonCode[] = [
  'MILESTONE_OVERDUE',
  'DEADLINE_OVERDUE',
  'REPORT_MISSING',
  'REPORT_OVERDUE',
  'REPORT_RETURNED',
  'MILESTONE_DUE_SOON',
  'DEADLINE_DUE_SOON',
];
/** Table column → the server's sort field (an allowlist on both sides). */
const SORTS: Record<string, NonNullable<BoardQuery['sort']>> = {
  light: 'severity',
  measure: 'task',
  unit: 'unit',
  progress: 'progress',
  nextDue: 'nextDue',
};
const PAGE_SIZE = 20;

/** 督办看板: the office's yellow and red items, filtered, sorted and paged by the server. */
export function BoardPage() {
  const t = useT(boardMessages);
  const s = useT(supervisionMessages);
  const c = useT(commonMessages);
  const { lang } = useLocale();
  const { plans, published, picked, pick } = usePickedPlan();
  const planId = picked?.id;
  const plan = usePlan(planId ?? '');
  const units = useUnits();
  const [filters, setFilters] = useState<Filters>({ light: 'attention' });
  const [page, setPage] = useState(1);
  const [issuing, setIssuing] = useState<BoardRow | null>(null);
  const query = useBoard({ planId, ...filters, page, pageSize: PAGE_SIZE });
  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const sections = plan.data?.sections ?? [];
  const tasks = useMemo(
    () =>
      (plan.data?.tasks ?? []).filter((x) => !filters.section || sectionOf(x, sections) === filters.section),
    [plan.data, filters.section, sections],
  );
  const unitOptions = (units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }));
  const data = query.data;
  const sortOrder = (key: string) =>
    filters.sort === SORTS[key] ? (filters.order === 'asc' ? 'ascend' : 'descend') : null;

  const columns: ColumnsType<BoardRow> = [
    {
      title: t('colLight'),
      key: 'light',
      width: 80,
      sorter: true,
      sortOrder: sortOrder('light'),
      render: (_, r) => <LightTag light={r.light} reasons={r.reasons} />,
    },
    {
      title: t('colMeasure'),
      key: 'measure',
      sorter: true,
      sortOrder: sortOrder('measure'),
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
      title: t('colUnit'),
      key: 'unit',
      width: 170,
      sorter: true,
      sortOrder: sortOrder('unit'),
      render: (_, r) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/assignments/${r.assignmentId}`}>{r.unitName}</Link>
          <RoleTag role={r.role} />
        </Flex>
      ),
    },
    {
      title: t('colReasons'),
      key: 'reasons',
      width: 250,
      render: (_, r) => <ReasonList reasons={r.reasons} light={r.light} max={3} />,
    },
    {
      title: t('colProgress'),
      key: 'progress',
      width: 120,
      sorter: true,
      sortOrder: sortOrder('progress'),
      render: (_, r) => <ProgressBar value={r.progress} width={100} />,
    },
    {
      title: t('colNextDue'),
      key: 'nextDue',
      dataIndex: 'nextDue',
      width: 110,
      sorter: true,
      sortOrder: sortOrder('nextDue'),
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('colNotice'),
      key: 'notice',
      width: 118,
      render: (_, r) =>
        r.openNotice ? (
          <Link to={`/notices/${r.openNotice.id}`}>
            <NoticeLevelTag level={r.openNotice.level} /> {r.openNotice.replyDue}
          </Link>
        ) : (
          <Button
            size="small"
            danger={r.light === 'red'}
            onClick={() => setIssuing(r)}
            aria-label={`${t('issue')}：${r.unitName} ${r.task}.${r.seq}`}
          >
            {t('issue')}
          </Button>
        ),
    },
  ];

  const filtersInWords = () => {
    const section = sections.find((x) => x.id === filters.section);
    return [
      `${t('showLight')}：${filters.light === 'attention' ? t('attention') : filters.light === 'all' ? t('all') : s(filters.light as Light)}`,
      section && `${t('filterSection')}：${section.ordinal}、${section.title}`,
      filters.task && `${t('filterTask')}：${filters.task}`,
      filters.unitId &&
        `${t('filterUnit')}：${unitOptions.find((u) => u.value === filters.unitId)?.label ?? ''}`,
      filters.role && `${t('filterRole')}：${c(filters.role)}`,
      filters.reason && `${t('filterReason')}：${t(filters.reason)}`,
    ].filter((x): x is string => !!x);
  };

  /** Every row under the filters, in the order shown (the table shows one page at a time). */
  const allRows = () => fetchAllPages((page) => fetchBoard({ planId, ...filters, page, pageSize: 200 }));

  const body = () => {
    if (plans.isPending) return <LoadingState />;
    if (!picked) return <EmptyState title={t('noPlan')} description={t('noPlanBody')} />;
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    return (
      <Table<BoardRow>
        rowKey="assignmentId"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={query.isFetching && query.isPlaceholderData}
        locale={{ emptyText: <EmptyState title={t('empty')} description={t('emptyBody')} /> }}
        pagination={{
          hideOnSinglePage: true,
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('totals', { n }),
        }}
        onChange={(pagination, _f, sorter) => {
          const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<BoardRow> | undefined;
          const key = one?.order ? String(one.columnKey) : undefined;
          const sort = key ? SORTS[key] : undefined;
          const order = one?.order === 'ascend' ? 'asc' : one?.order === 'descend' ? 'desc' : undefined;
          if (sort !== filters.sort || order !== filters.order) change({ sort, order });
          else setPage(pagination.current ?? 1);
        }}
      />
    );
  };

  const counts = data?.counts;
  const stat = (light: Light, label: string) => (
    <Col xs={12} lg={6} key={light}>
      <Card
        size="small"
        hoverable
        style={{ borderColor: filters.light === light ? LIGHT_HEX[light] : undefined }}
      >
        <button
          type="button"
          onClick={() => change({ light })}
          aria-pressed={filters.light === light}
          style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
        >
          <Statistic
            title={label}
            value={counts?.[light] ?? 0}
            styles={{ content: { color: (counts?.[light] ?? 0) > 0 ? LIGHT_HEX[light] : undefined } }}
          />
        </button>
      </Card>
    </Col>
  );

  return (
    <Page
      title={t('title')}
      subtitle={data ? t('subtitle', { asOf: data.asOf }) : undefined}
      extra={
        <>
          <PlanPicker published={published} picked={picked} pick={pick} />
          {planId && <LinkButton to={`/plans/${planId}/units`}>{t('unitsLink')}</LinkButton>}
          <ExportButton
            disabled={!data || data.total === 0}
            build={async () => {
              const rows = await allRows();
              return {
                fileName: t('fileName'),
                title: t('exportTitle', { plan: picked?.title ?? '', asOf: data?.asOf ?? '' }),
                filters: filtersInWords(),
                spec: {
                  sheet: t('title'),
                  rows,
                  columns: [
                    { title: t('colLight'), value: (r: BoardRow) => s(r.light) },
                    { title: t('colMeasure'), value: (r) => `${r.task}.${r.seq}`, width: 8 },
                    { title: c('measure'), value: (r) => r.measureText, width: 50 },
                    { title: t('colUnit'), value: (r) => r.unitName },
                    { title: c('role'), value: (r) => c(r.role) },
                    {
                      title: t('colReasons'),
                      value: (r) => r.reasons.map((x) => reasonText(x, lang)).join('\n'),
                      width: 50,
                    },
                    { title: t('colProgress'), value: (r) => percentText(r.progress) },
                    { title: t('colNextDue'), value: (r) => r.nextDue ?? '' },
                    {
                      title: t('colLastReport'),
                      value: (r) =>
                        r.lastPeriod
                          ? `${r.lastPeriod} ${s(reportStateKey(r.lastState as Parameters<typeof reportStateKey>[0]))}`
                          : t('noReport'),
                    },
                    {
                      title: t('colNotice'),
                      value: (r) =>
                        r.openNotice ? `${s(`level_${r.openNotice.level}`)} ${r.openNotice.replyDue}` : '',
                    },
                  ],
                },
              };
            }}
          />
        </>
      }
    >
      {picked && (
        <Row gutter={[16, 16]}>
          {stat('red', t('countRed'))}
          {stat('yellow', t('countYellow'))}
          {stat('green', t('countGreen'))}
          {stat('done', t('countDone'))}
        </Row>
      )}
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Segmented<BoardQuery['light']>
            aria-label={t('showLight')}
            value={filters.light}
            onChange={(light) => change({ light })}
            options={[
              { value: 'attention', label: t('attention') },
              { value: 'red', label: s('red') },
              { value: 'yellow', label: s('yellow') },
              { value: 'all', label: t('all') },
            ]}
          />
          <Select
            allowClear
            aria-label={t('filterSection')}
            placeholder={t('filterSection')}
            style={{ width: 180 }}
            popupMatchSelectWidth={false}
            value={filters.section}
            onChange={(section) => change({ section, task: undefined })}
            options={sections.map((x) => ({ value: x.id, label: `${x.ordinal}、${x.title}` }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('filterTask')}
            placeholder={t('filterTask')}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            value={filters.task}
            onChange={(task) => change({ task })}
            options={tasks.map((x) => ({ value: x.no, label: `${x.no} ${x.name}` }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('filterUnit')}
            placeholder={t('filterUnit')}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            value={filters.unitId}
            onChange={(unitId) => change({ unitId })}
            options={unitOptions}
          />
          <Select<ResponsibilityRole>
            allowClear
            aria-label={t('filterRole')}
            placeholder={t('filterRole')}
            style={{ width: 96 }}
            value={filters.role}
            onChange={(role) => change({ role })}
            options={(['lead', 'responsible', 'assisting'] as const).map((r) => ({ value: r, label: c(r) }))}
          />
          <Select<ReasonCode>
            allowClear
            aria-label={t('filterReason')}
            placeholder={t('filterReason')}
            style={{ width: 140 }}
            popupMatchSelectWidth={false}
            value={filters.reason}
            onChange={(reason) => change({ reason })}
            options={REASONS.map((r) => ({ value: r, label: t(r) }))}
          />
          {(filters.section || filters.task || filters.unitId || filters.role || filters.reason) && (
            <Button
              type="link"
              onClick={() =>
                change({
                  section: undefined,
                  task: undefined,
                  unitId: undefined,
                  role: undefined,
                  reason: undefined,
                })
              }
            >
              {c('clearFilters')}
            </Button>
          )}
          {data && (
            <Tag style={{ marginInlineStart: 'auto' }} role="status">
              {t('totals', { n: data.total })}
            </Tag>
          )}
        </Flex>
        {body()}
      </Card>
      {issuing && planId && <IssueNoticeModal row={issuing} onClose={() => setIssuing(null)} />}
    </Page>
  );
}
