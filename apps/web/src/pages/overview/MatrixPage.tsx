import type { MatrixCell, MatrixUnit, ResponsibilityRole } from '@lantian/contract';
import { Card, Flex, Pagination, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { usePlan } from '../../api/plans.ts';
import { useMatrix } from '../../api/status.ts';
import { type ChartClick, type ChartOption, EChart } from '../../charts/EChart.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { planMessages } from '../plans/messages.ts';
import { overviewMessages } from './messages.ts';
import { PlanPicker, usePickedPlan } from './PlanPicker.tsx';

type RoleChoice = ResponsibilityRole | 'all';
/** Units a page of the matrix shows (the seed plan's fit on one). */
const UNITS_PAGE = 100;

const cellsOf = (units: readonly MatrixUnit[]) => {
  const out = new Map<string, MatrixCell>();
  for (const u of units) for (const c of u.cells) out.set(`${u.unitId}\u0000${c.task}`, c);
  return out;
};

export function MatrixPage() {
  const t = useT(overviewMessages);
  const c = useT(commonMessages);
  const pt = useT(planMessages);
  const { plans, published, picked, pick } = usePickedPlan();
  const planId = picked?.id ?? '';
  const detail = usePlan(planId);
  const [role, setRoleState] = useState<RoleChoice>('all');
  const [page, setPage] = useState(1);
  const setRole = (r: RoleChoice) => {
    setRoleState(r);
    setPage(1);
  };
  const roleQ = role === 'all' ? undefined : role;
  const assignments = useMatrix(picked ? planId : undefined, { role: roleQ, page, pageSize: UNITS_PAGE });
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const navigate = useNavigate();

  const tasks = useMemo(() => [...(detail.data?.tasks ?? [])].sort((a, b) => a.no - b.no), [detail.data]);
  const matrix = useMemo(() => {
    const units = assignments.data?.units ?? [];
    return {
      units,
      cells: units.flatMap((u) => u.cells.map((c) => ({ ...c, unitId: u.unitId }))),
      total: assignments.data?.total ?? 0,
    };
  }, [assignments.data]);
  const cellOf = useMemo(() => cellsOf(matrix.units), [matrix]);

  const option = useMemo((): ChartOption => {
    const max = Math.max(1, ...matrix.cells.map((x) => x.measures));
    const data = matrix.cells.map((x) => [
      tasks.findIndex((k) => k.no === x.task),
      matrix.units.findIndex((u) => u.unitId === x.unitId),
      x.measures,
    ]);
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 56, containLabel: true },
      tooltip: {
        formatter: (p: unknown) => {
          const [xi, yi] = ((p as { data: number[] }).data ?? []) as [number, number];
          const unit = matrix.units[yi];
          const task = tasks[xi];
          const cell = unit && task ? cellOf.get(`${unit.unitId}\u0000${task.no}`) : undefined;
          if (!unit || !task || !cell) return '';
          return `${t('cellTooltip', { unit: unit.unitName, task: task.no })}<br/>${task.name}<br/>${t(
            'cellText',
            {
              n: cell.measures,
              ...cell.roles,
            },
          )}`;
        },
      },
      xAxis: {
        type: 'category',
        position: 'top',
        data: tasks.map((x) => String(x.no)),
        splitArea: { show: true },
        axisLabel: { interval: 0 },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: matrix.units.map((u) => u.unitName),
        splitArea: { show: true },
        axisLabel: { interval: 0, fontSize: 12 },
      },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 8,
        itemHeight: 160,
        inRange: { color: ['#e6f4ff', '#69b1ff', '#0958d9'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, fontSize: 11 },
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        },
      ],
    };
  }, [matrix, tasks, cellOf, t]);

  const onCell = useCallback(
    (e: ChartClick) => {
      const [xi, yi] = (e.data as number[]) ?? [];
      const unit = matrix.units[yi ?? -1];
      const task = tasks[xi ?? -1];
      if (!unit || !task) return;
      const q = new URLSearchParams({ unit: unit.unitId, task: String(task.no) });
      if (role !== 'all') q.set('role', role);
      navigate(`/plans/${planId}?${q}`);
    },
    [matrix, tasks, role, planId, navigate],
  );

  const tableColumns: ColumnsType<MatrixUnit> = [
    { title: t('unit'), dataIndex: 'unitName', width: 220 },
    {
      title: pt('unitKind'),
      dataIndex: 'unitKind',
      width: 100,
      render: (k: MatrixUnit['unitKind']) => pt(k),
    },
    {
      title: t('total'),
      dataIndex: 'measures',
      width: 80,
      align: 'right',
      sorter: (a, b) => a.measures - b.measures,
    },
    ...(['lead', 'responsible', 'assisting'] as const).map((r) => ({
      title: c(r),
      key: r,
      width: 70,
      align: 'right' as const,
      render: (_: unknown, u: MatrixUnit) => (
        <span style={{ color: u.roles[r] ? undefined : '#bfbfbf' }}>{u.roles[r]}</span>
      ),
      sorter: (a: MatrixUnit, b: MatrixUnit) => a.roles[r] - b.roles[r],
    })),
    {
      title: c('task'),
      key: 'tasks',
      render: (_, u) =>
        tasks
          .filter((x) => cellOf.has(`${u.unitId}\u0000${x.no}`))
          .map((x) => `${x.no}(${cellOf.get(`${u.unitId}\u0000${x.no}`)?.measures})`)
          .join(' '),
    },
  ];

  const body = () => {
    if (plans.isPending) return <LoadingState />;
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
    if (detail.isPending || assignments.isPending) return <LoadingState rows={12} />;
    if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
    if (assignments.isError)
      return <ErrorState error={assignments.error} onRetry={() => assignments.refetch()} />;
    if (matrix.units.length === 0) {
      return (
        <Card>
          <EmptyState description={t('matrixEmpty')} />
        </Card>
      );
    }
    return (
      <Card size="small">
        {view === 'chart' ? (
          <EChart
            option={option}
            height={matrix.units.length * 22 + 110}
            label={`${t('matrixTitle')}：${picked.title}`}
            onClick={onCell}
          />
        ) : (
          <Table<MatrixUnit>
            rowKey="unitId"
            size="small"
            tableLayout="fixed"
            columns={tableColumns}
            dataSource={matrix.units}
            loading={assignments.isFetching}
            pagination={false}
          />
        )}
        {matrix.total > UNITS_PAGE && (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Pagination
              size="small"
              current={page}
              pageSize={UNITS_PAGE}
              total={matrix.total}
              showSizeChanger={false}
              onChange={setPage}
            />
          </Flex>
        )}
      </Card>
    );
  };

  return (
    <Page
      title={t('matrixTitle')}
      subtitle={picked ? `${picked.title} · ${t('matrixSubtitle')}` : undefined}
      extra={
        <>
          <PlanPicker published={published} picked={picked} pick={pick} />
          <Segmented<RoleChoice>
            aria-label={t('roleFilter')}
            value={role}
            onChange={setRole}
            options={[
              { value: 'all', label: t('allRoles') },
              ...(['lead', 'responsible', 'assisting'] as const).map((r) => ({ value: r, label: c(r) })),
            ]}
          />
          <Segmented<'chart' | 'table'>
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: t('chart') },
              { value: 'table', label: t('table') },
            ]}
          />
          <ExportButton list="matrix" query={{ planId, role: roleQ }} disabled={matrix.units.length === 0} />
        </>
      }
    >
      {body()}
      {picked && matrix.units.length > 0 && (
        <Flex justify="flex-end">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {matrix.total} {t('unit')} × {tasks.length} {c('task')}
          </Typography.Text>
        </Flex>
      )}
    </Page>
  );
}
