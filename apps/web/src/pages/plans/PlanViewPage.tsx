import {
  AppstoreOutlined,
  AuditOutlined,
  FileTextOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Measure, MeasureStatus, ResponsibilityRole } from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Pagination,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePlan, useUnits } from '../../api/plans.ts';
import { useMeasureStatuses, usePlanStatus } from '../../api/status.ts';
import { canAccess } from '../../auth/access.ts';
import { DeadlineText } from '../../components/DeadlineText.tsx';
import { DownloadButton, ExportButton } from '../../components/ExportButton.tsx';
import { LightTag } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { ProgressBar, percentText } from '../../components/ProgressBar.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { searchTerms } from '../../lib/search.ts';
import { day } from '../../lib/time.ts';
import { planMessages } from './messages.ts';
import { Highlight, MeasureText, MeasureUnits, MilestonesAndTargets } from './PlanParts.tsx';
import { PlanProgressCard } from './PlanProgressCard.tsx';
import { PlanStatusTag } from './PlanStatusTag.tsx';
import { type PlanFilters, readFilters, sectionOf, writeFilters } from './planFilters.ts';
import { PLAN_VIEW_PAGE_SIZE, planViewMeasuresQuery } from './planViewQuery.ts';
import { ReportingSettingsModal } from './ReportingSettingsModal.tsx';

export function PlanViewPage() {
  const { planId = '' } = useParams();
  const t = useT(planMessages);
  const c = useT(commonMessages);
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [page, setPage] = useState(1);
  const setFilters = (patch: Partial<PlanFilters>) => {
    setPage(1);
    setParams(writeFilters({ ...filters, ...patch }), { replace: true });
  };
  const clearFilters = () => {
    setPage(1);
    setParams(new URLSearchParams(), { replace: true });
  };

  const plan = usePlan(planId);
  const measures = useQuery({
    ...planViewMeasuresQuery(planId, filters, page),
    placeholderData: keepPreviousData,
    enabled: !!planId,
  });
  const units = useUnits();
  const published = plan.data?.plan.status === 'published';
  const status = usePlanStatus(planId, published);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // The lights of the measures on this page only (the plan status carries the plan's and the tasks').
  const pageIds = useMemo(() => (measures.data?.measures ?? []).map((m) => m.id), [measures.data]);
  const measureStatuses = useMeasureStatuses(planId, pageIds, published);
  const statusOf = useMemo(
    () => new Map<string, MeasureStatus>((measureStatuses.data?.measures ?? []).map((m) => [m.measureId, m])),
    [measureStatuses.data],
  );
  const taskLight = useMemo(() => new Map((status.data?.tasks ?? []).map((x) => [x.task, x])), [status.data]);

  const terms = useMemo(() => searchTerms(filters.q), [filters.q]);
  const sections = plan.data?.sections ?? [];
  const taskById = useMemo(() => new Map((plan.data?.tasks ?? []).map((x) => [x.id, x])), [plan.data]);
  const visible = useMemo(() => measures.data?.measures ?? [], [measures.data]);
  const matching = measures.data?.total ?? 0;
  const planTotal = measures.data?.planTotal ?? 0;
  const bySection = useMemo(() => {
    const groups = new Map<string, Measure[]>();
    for (const m of visible) {
      const key = sectionOf(taskById.get(m.taskId), sections) ?? '';
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const ordered = sections
      .filter((s) => groups.has(s.id))
      .map((s) => ({ key: s.id, title: `${s.ordinal}、${s.title}` }));
    if (groups.has('')) ordered.push({ key: '', title: t('sectionNone') });
    return ordered.map((s) => ({ ...s, measures: groups.get(s.key) ?? [] }));
  }, [visible, sections, taskById, t]);

  const kindLabel = (k: Measure['deadline']['kind']) =>
    c(
      (
        {
          date: 'kindDate',
          period: 'kindPeriod',
          ongoing: 'kindOngoing',
          milestones: 'kindMilestones',
        } as const
      )[k],
    );

  const columns = (rows: Measure[]): ColumnsType<Measure> => {
    const span = new Map<string, number>();
    rows.forEach((m, i) => {
      // The task cell spans its measures, as in the printed table.
      if (i > 0 && rows[i - 1]?.task === m.task) {
        span.set(m.id, 0);
        return;
      }
      let n = 1;
      while (rows[i + n]?.task === m.task) n++;
      span.set(m.id, n);
    });
    return [
      {
        title: t('seqCol'),
        key: 'seq',
        width: 64,
        render: (_, m) => (
          <Link
            to={`/plans/${planId}/measures/${m.id}`}
            aria-label={t('measureTitle', { task: m.task, seq: m.seq })}
          >
            {m.task}.{m.seq}
          </Link>
        ),
      },
      {
        title: c('task'),
        key: 'task',
        width: 140,
        onCell: (m) => ({ rowSpan: span.get(m.id) ?? 1 }),
        render: (_, m) => {
          const ts = taskLight.get(m.task);
          return (
            <>
              <Typography.Text strong>
                {m.task} <Highlight text={m.taskName} terms={terms} />
              </Typography.Text>
              {ts && (
                <Flex gap={4} align="center" style={{ marginTop: 4 }}>
                  <LightTag light={ts.light} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {percentText(ts.progress)}
                  </Typography.Text>
                </Flex>
              )}
            </>
          );
        },
      },
      {
        title: c('measure'),
        key: 'text',
        render: (_, m) => (
          <>
            <MeasureText text={m.text} terms={terms} />
            <MilestonesAndTargets measure={m} />
          </>
        ),
      },
      {
        title: c('deadline'),
        key: 'deadline',
        width: 120,
        render: (_, m) => <DeadlineText deadline={m.deadline} />,
      },
      ...(published
        ? [
            {
              title: t('statusCol'),
              key: 'status',
              width: 104,
              render: (_: unknown, m: Measure) => {
                const ms = statusOf.get(m.id);
                if (!ms) return <Typography.Text type="secondary">—</Typography.Text>;
                return (
                  <Flex vertical gap={4} align="flex-start">
                    <LightTag light={ms.light} reasons={ms.reasons} />
                    <ProgressBar value={ms.progress} width={84} />
                  </Flex>
                );
              },
            },
          ]
        : []),
      {
        title: c('unitsCol'),
        key: 'units',
        width: 230,
        render: (_, m) => <MeasureUnits measure={m} terms={terms} />,
      },
      {
        title: t('sourceCol'),
        key: 'lines',
        width: 76,
        render: (_, m) => (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.lines.length ? t('lineN', { n: m.lines[0] ?? '' }) : '—'}
          </Typography.Text>
        ),
      },
    ];
  };

  if (plan.isPending || measures.isPending) return <LoadingState rows={10} />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  if (measures.isError) return <ErrorState error={measures.error} onRetry={() => measures.refetch()} />;
  const summary = plan.data.plan;
  const anyFilter = params.toString() !== '';

  return (
    <Page
      title={summary.title}
      subtitle={
        <Flex gap={8} align="center" wrap>
          <PlanStatusTag status={summary.status} />
          {t('viewSubtitle', {
            year: summary.year,
            tasks: summary.taskCount,
            measures: summary.measureCount,
          })}
        </Flex>
      }
      extra={
        <>
          {summary.status === 'draft' && canAccess(me.roles, 'planImport') && (
            <LinkButton to={`/plans/${planId}/review`} type="primary" icon={<AuditOutlined />}>
              {t('review')}
            </LinkButton>
          )}
          {published && (
            <LinkButton to={`/plans/${planId}/units`} icon={<TeamOutlined />}>
              {t('byUnit')}
            </LinkButton>
          )}
          {published && canAccess(me.roles, 'board') && (
            <DownloadButton path={`/plans/${planId}/ledger.xlsx`} icon={<FileTextOutlined />}>
              {t('planLedger')}
            </DownloadButton>
          )}
          {published && canAccess(me.roles, 'board') && (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
              {t('reportingSettings')}
            </Button>
          )}
          {published && canAccess(me.roles, 'matrix') && (
            <LinkButton to={`/matrix?plan=${planId}`} icon={<AppstoreOutlined />}>
              {t('matrix')}
            </LinkButton>
          )}
          <ExportButton
            list="measures"
            query={{ planId, ...filters, q: filters.q || undefined }}
            disabled={matching === 0}
          />
        </>
      }
    >
      {summary.status === 'draft' && <Alert type="warning" showIcon title={t('draftNotice')} />}
      {published && <PlanProgressCard status={status} />}
      {settingsOpen && <ReportingSettingsModal planId={planId} onClose={() => setSettingsOpen(false)} />}
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <Input.Search
            // Re-mounted when the query changes elsewhere (clear filters, a link), so the box shows it.
            key={filters.q}
            allowClear
            aria-label={c('search')}
            placeholder={t('searchPlaceholder')}
            defaultValue={filters.q}
            style={{ width: 280 }}
            onSearch={(q) => setFilters({ q: q.trim() })}
          />
          <Select
            allowClear
            aria-label={t('filterSection')}
            placeholder={t('filterSection')}
            style={{ width: 200 }}
            value={filters.section}
            onChange={(section) => setFilters({ section })}
            options={sections.map((s) => ({ value: s.id, label: `${s.ordinal}、${s.title}` }))}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('filterUnit')}
            placeholder={t('filterUnit')}
            style={{ width: 190 }}
            loading={units.isPending}
            value={filters.unitId}
            onChange={(unitId) => setFilters({ unitId, role: unitId ? filters.role : undefined })}
            options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            popupMatchSelectWidth={false}
          />
          <Select<ResponsibilityRole>
            allowClear
            aria-label={t('filterRole')}
            placeholder={t('filterRole')}
            style={{ width: 100 }}
            disabled={!filters.unitId}
            value={filters.role}
            onChange={(role) => setFilters({ role })}
            options={(['lead', 'responsible', 'assisting'] as const).map((r) => ({ value: r, label: c(r) }))}
          />
          <Select<Measure['deadline']['kind']>
            allowClear
            aria-label={t('filterKind')}
            placeholder={t('filterKind')}
            style={{ width: 130 }}
            value={filters.kind}
            onChange={(kind) => setFilters({ kind })}
            options={(['date', 'milestones', 'period', 'ongoing'] as const).map((k) => ({
              value: k,
              label: kindLabel(k),
            }))}
          />
          <DatePicker.RangePicker
            aria-label={t('filterDue')}
            placeholder={[t('filterDue'), '']}
            style={{ width: 240 }}
            allowEmpty={[true, true]}
            value={[filters.from ? day(filters.from) : null, filters.to ? day(filters.to) : null]}
            onChange={(range) =>
              setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
          {filters.task && (
            <Tag
              closable
              color="blue"
              onClose={() => setFilters({ task: undefined })}
              style={{ marginInlineEnd: 0 }}
            >
              {c('task')} {filters.task} {plan.data?.tasks.find((x) => x.no === filters.task)?.name}
            </Tag>
          )}
          {anyFilter && (
            <Button type="link" onClick={clearFilters}>
              {c('clearFilters')}
            </Button>
          )}
          <Typography.Text type="secondary" role="status">
            {t('showing', { shown: matching, total: planTotal })}
          </Typography.Text>
        </Flex>
      </Card>
      {planTotal === 0 ? (
        <Card>
          <EmptyState description={t('noMeasures')} />
        </Card>
      ) : visible.length === 0 ? (
        <Card>
          <EmptyState
            description={c('noMatch')}
            action={<Button onClick={clearFilters}>{c('clearFilters')}</Button>}
          />
        </Card>
      ) : (
        bySection.map((s) => (
          <Card key={s.key} size="small" title={<h2 className="card-heading">{s.title}</h2>}>
            <Table<Measure>
              rowKey="id"
              size="small"
              bordered
              tableLayout="fixed"
              columns={columns(s.measures)}
              dataSource={s.measures}
              loading={measures.isFetching}
              pagination={false}
            />
          </Card>
        ))
      )}
      {matching > PLAN_VIEW_PAGE_SIZE && (
        <Flex justify="flex-end">
          <Pagination
            current={page}
            pageSize={PLAN_VIEW_PAGE_SIZE}
            total={matching}
            showSizeChanger={false}
            onChange={(p) => {
              setPage(p);
              window.scrollTo({ top: 0 });
            }}
          />
        </Flex>
      )}
    </Page>
  );
}
