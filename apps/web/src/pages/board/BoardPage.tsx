import type { BoardQuery, BoardRow, Light, ReasonCode, ResponsibilityRole } from '@lantian/contract';
import { Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { usePlan, useUnits } from '../../api/plans.ts';
import { useBoard } from '../../api/status.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LIGHT_HEX } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { PlanPicker, usePickedPlan } from '../overview/PlanPicker.tsx';
import { sectionOf } from '../plans/planFilters.ts';
import { BatchNoticeModal } from '../requests/BatchNoticeModal.tsx';
import { IssueNoticeModal } from '../requests/IssueNoticeModal.tsx';
import { BoardDetailDrawer } from './BoardDetailDrawer.tsx';
import { BoardTable } from './BoardTable.tsx';
import { type BoardGroupBy, groupSort } from './boardGroups.ts';
import { BOARD_FIRST_FILTERS, BOARD_PAGE_SIZE } from './boardQuery.ts';
import { boardMessages } from './messages.ts';
import { OverdueCases } from './OverdueCases.tsx';
import { RuleProposals } from './RuleProposals.tsx';

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
  'TARGET_SHARE_BEHIND',
];
const GROUPED_PAGE_SIZE = 50;

/** 督办看板: the office's yellow and red items, filtered, sorted and paged by the server. */
export function BoardPage() {
  const t = useT(boardMessages);
  const s = useT(supervisionMessages);
  const c = useT(commonMessages);
  const me = useCurrentUser();
  const { plans, published, picked, pick } = usePickedPlan();
  const planId = picked?.id;
  const plan = usePlan(planId);
  const units = useUnits();
  const [filters, setFilters] = useState<Filters>(BOARD_FIRST_FILTERS);
  const [page, setPage] = useState(1);
  const [issuing, setIssuing] = useState<BoardRow | null>(null);
  const [opened, setOpened] = useState<BoardRow | null>(null);
  const [chosen, setChosen] = useState<BoardRow[]>([]);
  const [batch, setBatch] = useState(false);
  const [groupBy, setGroupBy] = useState<BoardGroupBy>('none');
  const pageSize = groupBy === 'none' ? BOARD_PAGE_SIZE : GROUPED_PAGE_SIZE;
  const query = useBoard(
    { planId, ...filters, sort: groupSort(groupBy) ?? filters.sort, page, pageSize },
    !plans.isPending,
  );
  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const chosenUnits = new Set(chosen.map((r) => r.unitId)).size;

  const sections = plan.data?.sections ?? [];
  const tasks = useMemo(
    () =>
      (plan.data?.tasks ?? []).filter((x) => !filters.section || sectionOf(x, sections) === filters.section),
    [plan.data, filters.section, sections],
  );
  const unitOptions = (units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }));
  const data = query.data;

  /** Every row under the filters, in the order shown (the table shows one page at a time). */

  const body = () => {
    if (plans.isPending) return <LoadingState />;
    if (!picked) return <EmptyState title={t('noPlan')} description={t('noPlanBody')} />;
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    return (
      <BoardTable
        rows={data?.rows ?? []}
        groupBy={groupBy}
        sort={filters.sort}
        order={filters.order}
        loading={query.isFetching && query.isPlaceholderData}
        page={page}
        pageSize={pageSize}
        total={data?.total ?? 0}
        selected={chosen.map((r) => r.assignmentId)}
        onSelect={(keys, shown) =>
          setChosen((before) =>
            keys
              .map((k) => shown.find((r) => r.assignmentId === k) ?? before.find((r) => r.assignmentId === k))
              .filter((r): r is BoardRow => !!r),
          )
        }
        onSort={(sort, order) => change({ sort, order })}
        onPage={setPage}
        onOpen={setOpened}
        onIssue={setIssuing}
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
          <PlanPicker
            published={published}
            picked={picked}
            pick={(id) => {
              setChosen([]);
              pick(id);
            }}
          />
          {planId && <LinkButton to={`/plans/${planId}/units`}>{t('unitsLink')}</LinkButton>}
          <ExportButton
            list="board"
            query={{ planId, ...filters, sort: groupSort(groupBy) ?? filters.sort }}
            disabled={!data || data.total === 0}
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
      {me.roles.includes('supervisor') && <RuleProposals />}
      {data && <OverdueCases cases={data.overdueCases} />}
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
        <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('groupBy')}</Typography.Text>
          <Segmented<BoardGroupBy>
            aria-label={t('groupBy')}
            size="small"
            value={groupBy}
            onChange={(g) => {
              setGroupBy(g);
              setPage(1);
            }}
            options={[
              { value: 'none', label: t('groupNone') },
              { value: 'unit', label: t('groupUnit') },
              { value: 'measure', label: t('groupMeasure') },
            ]}
          />
          {chosen.length > 0 && (
            <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }} role="status">
              <Typography.Text>{t('selected', { n: chosen.length, units: chosenUnits })}</Typography.Text>
              <Button type="primary" size="small" onClick={() => setBatch(true)}>
                {t('issueSelected')}
              </Button>
              <Button size="small" onClick={() => setChosen([])}>
                {t('clearSelection')}
              </Button>
            </Flex>
          )}
        </Flex>
        {body()}
      </Card>
      {issuing && planId && <IssueNoticeModal row={issuing} onClose={() => setIssuing(null)} />}
      {opened && (
        <BoardDetailDrawer
          row={opened}
          onClose={() => setOpened(null)}
          onIssue={(r) => {
            setOpened(null);
            setIssuing(r);
          }}
        />
      )}
      {batch && planId && (
        <BatchNoticeModal
          planId={planId}
          rows={chosen}
          onClose={() => setBatch(false)}
          onIssued={() => setChosen([])}
        />
      )}
    </Page>
  );
}
