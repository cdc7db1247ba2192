import { EditOutlined } from '@ant-design/icons';
import type { MyAssignment, PlanAssignmentStatusRow, ResponsibilityRole } from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../api/feedback.tsx';
import { ClampText } from '../../components/ClampText.tsx';
import { DeadlineText } from '../../components/DeadlineText.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LightTag, ReasonList } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { ReportStateTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { todayIso } from '../../lib/time.ts';
import { ALL_PLANS } from './loadMyWork.ts';
import { myWorkMessages } from './messages.ts';
import { myWorkQuery, planIdsOf } from './myWorkQuery.ts';
import { groupByUrgency, URGENCIES, type Urgency, type UrgencyResult } from './urgency.ts';
import { type CurrentPeriod, currentPeriod, useWorkStatus } from './workStatus.ts';

type WorkRow = MyAssignment &
  UrgencyResult & { status?: PlanAssignmentStatusRow; current: CurrentPeriod | null };

const URGENCY_COLORS: Record<Urgency, string> = {
  overdue: '#cf1322',
  dueSoon: '#d46b08',
  ongoing: '#1677ff',
  later: '#8c8c8c',
};

function matches(a: MyAssignment, search: string, role: ResponsibilityRole | undefined) {
  if (role && a.role !== role) return false;
  if (!search) return true;
  const q = search.toLowerCase();
  return a.taskName.toLowerCase().includes(q) || a.text.toLowerCase().includes(q);
}

export function MyWorkPage() {
  const t = useT(myWorkMessages);
  const c = useT(commonMessages);
  const me = useCurrentUser();
  // Undefined: the newest plan. The server pages the list; the page reads only the plan shown.
  const [wantedPlan, setWantedPlan] = useState<string>();
  const query = useQuery({ ...myWorkQuery(wantedPlan), placeholderData: keepPreviousData });
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<ResponsibilityRole>();
  const planId = query.data?.planId;
  const today = todayIso();
  const sv = useT(supervisionMessages);
  const { lang } = useLocale();

  const all = query.data?.assignments ?? [];
  const planIds = useMemo(() => planIdsOf({ assignments: all }), [all]);
  const work = useWorkStatus(planIds, me.unit.id);
  const plans = useMemo(() => {
    const options = (query.data?.plans ?? []).map((p) => ({
      value: p.id,
      label: `${p.title}（${p.assignments}）`,
    }));
    return options.length > 1 ? [...options, { value: ALL_PLANS, label: t('allPlans') }] : options;
  }, [query.data?.plans, t]);
  const visible = useMemo(() => all.filter((a) => matches(a, search.trim(), role)), [all, search, role]);
  const groups = useMemo(() => {
    const rows = visible.map((a) => {
      const status = work.byAssignment.get(a.id);
      const settings = work.settingsByPlan.get(a.planId);
      return { ...a, status, current: settings ? currentPeriod(a, settings, status, today) : null };
    });
    return groupByUrgency(rows, today);
  }, [visible, today, work.byAssignment, work.settingsByPlan]);

  const columns: ColumnsType<WorkRow> = [
    {
      title: c('measure'),
      key: 'measure',
      render: (_, a) => (
        <div>
          <Link to={`/plans/${a.planId}/measures/${a.measureId}`}>
            <Typography.Text strong>
              {a.task}.{a.seq} {a.taskName}
            </Typography.Text>
          </Link>
          <ClampText rows={2} secondary title={a.text}>
            {a.text}
          </ClampText>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('leadUnits')}：{a.leadUnits.join('、') || '—'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: c('role'),
      key: 'role',
      width: 96,
      render: (_, a) => (
        <>
          <RoleTag role={a.role} />
          {a.viaGroup && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {c('viaGroup', { group: a.viaGroup })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: c('deadline'),
      key: 'deadline',
      width: 130,
      render: (_, a) => <DeadlineText deadline={a.deadline} />,
    },
    {
      title: t('nextStep'),
      key: 'next',
      width: 200,
      render: (_, a) => <NextStep row={a} />,
    },
    {
      title: sv('lightLabel'),
      key: 'light',
      width: 120,
      render: (_, a) =>
        a.status ? (
          <Flex vertical gap={4}>
            <LightTag light={a.status.light} reasons={a.status.reasons} />
            <ProgressBar value={a.status.progress} width={100} />
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('reportCol'),
      key: 'report',
      width: 150,
      render: (_, a) => <ReportCell row={a} />,
    },
  ];

  const body = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (all.length === 0) {
      return (
        <Card>
          <EmptyState title={t('emptyTitle')} description={t('emptyBody')} />
        </Card>
      );
    }
    return (
      <>
        {work.error && (
          <Alert
            type="warning"
            showIcon
            title={t('statusFailed')}
            description={errorText(work.error, lang)}
            action={
              <Button size="small" onClick={() => void work.refetch()}>
                {c('retry')}
              </Button>
            }
          />
        )}
        <Row gutter={[16, 16]}>
          {URGENCIES.map((u) => (
            <Col key={u} xs={12} lg={6}>
              <Card size="small" style={{ height: '100%' }}>
                <a href={`#group-${u}`} style={{ color: 'inherit' }}>
                  <Statistic
                    title={
                      <Flex align="center" gap={6}>
                        <Badge color={URGENCY_COLORS[u]} />
                        {t(u)}
                      </Flex>
                    }
                    value={groups[u].length}
                    valueStyle={{ color: groups[u].length ? URGENCY_COLORS[u] : undefined }}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`${u}Hint`)}
                  </Typography.Text>
                </a>
              </Card>
            </Col>
          ))}
        </Row>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            aria-label={c('search')}
            placeholder={t('searchPlaceholder')}
            style={{ width: 300 }}
            onSearch={setSearch}
            onChange={(e) => !e.target.value && setSearch('')}
          />
          <Select<ResponsibilityRole>
            allowClear
            aria-label={t('roleFilter')}
            placeholder={t('roleFilter')}
            style={{ width: 150 }}
            value={role}
            onChange={setRole}
            options={(['lead', 'responsible', 'assisting'] as const).map((r) => ({ value: r, label: c(r) }))}
          />
          {plans.length > 1 && (
            <Select
              aria-label={t('planFilter')}
              placeholder={t('planFilter')}
              style={{ width: 300 }}
              value={planId}
              onChange={setWantedPlan}
              loading={query.isFetching}
              options={plans}
            />
          )}
          <Typography.Text type="secondary" role="status">
            {t('totals', { n: visible.length, m: new Set(visible.map((a) => a.measureId)).size })}
          </Typography.Text>
        </Flex>
        {visible.length === 0 ? (
          <Card>
            <EmptyState description={c('noMatch')} />
          </Card>
        ) : (
          URGENCIES.map((u) => (
            <Card
              key={u}
              id={`group-${u}`}
              size="small"
              title={
                <Flex align="center" gap={8}>
                  <Badge color={URGENCY_COLORS[u]} />
                  <h2 className="card-heading">{t(u)}</h2>
                  <Typography.Text type="secondary">({groups[u].length})</Typography.Text>
                </Flex>
              }
            >
              {groups[u].length === 0 ? (
                // No table for an empty group: each table measures the page on mount (the first paint).
                <Typography.Text type="secondary">{t('groupEmpty')}</Typography.Text>
              ) : (
                <Table<WorkRow>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={groups[u]}
                  expandable={{
                    rowExpandable: (r) => (r.status?.reasons.length ?? 0) > 0,
                    expandedRowRender: (r) => (
                      <div>
                        <Typography.Text strong>{sv('reasonsLabel')}</Typography.Text>
                        <ReasonList reasons={r.status?.reasons ?? []} light={r.status?.light} />
                      </div>
                    ),
                  }}
                  pagination={groups[u].length > 20 ? { pageSize: 20, showSizeChanger: true } : false}
                  tableLayout="fixed"
                />
              )}
            </Card>
          ))
        )}
      </>
    );
  };

  return (
    <Page
      title={t('title')}
      subtitle={t('subtitle', { unit: me.unit.fullName })}
      extra={
        <ExportButton
          list="my-work"
          query={{ planId, role, q: search.trim() || undefined }}
          disabled={!visible.length}
        />
      }
    >
      {body()}
    </Page>
  );
}

function NextStep({ row }: { row: WorkRow }) {
  const t = useT(myWorkMessages);
  const c = useT(commonMessages);
  if (!row.nextDate) return <Typography.Text type="secondary">{c('none')}</Typography.Text>;
  const days = row.daysLeft ?? 0;
  const when = days < 0 ? c('daysOverdue', { n: -days }) : days === 0 ? c('today') : c('inDays', { n: days });
  return (
    <div>
      <Typography.Text type={days < 0 ? 'danger' : days <= 30 ? 'warning' : undefined}>
        {row.nextDate} · {when}
      </Typography.Text>
      <ClampText rows={2} secondary title={row.nextMilestone?.text ?? ''} style={{ fontSize: 12 }}>
        {row.nextMilestone ? `${row.nextMilestone.raw}：${row.nextMilestone.text}` : t('finalDeadline')}
      </ClampText>
    </div>
  );
}

/** The period's report: its state, late or not, and the one-click way in (填报). */
function ReportCell({ row }: { row: WorkRow }) {
  const t = useT(myWorkMessages);
  const c = row.current;
  const closed = row.status?.light === 'done';
  return (
    <Flex vertical gap={4} align="flex-start">
      {c ? (
        <Flex gap={4} align="center" wrap>
          <Typography.Text style={{ fontSize: 12 }}>{c.key}</Typography.Text>
          <ReportStateTag state={c.state} />
          {c.late && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('reportLate')}
            </Typography.Text>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('noPeriodYet')}
        </Typography.Text>
      )}
      <LinkButton
        to={`/assignments/${row.id}`}
        size="small"
        type={closed ? 'default' : 'primary'}
        icon={<EditOutlined />}
        aria-label={`${closed ? t('viewReport') : t('fillReport')} ${row.task}.${row.seq}`}
      >
        {closed ? t('viewReport') : t('fillReport')}
      </LinkButton>
    </Flex>
  );
}
