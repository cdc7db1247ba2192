import type { Assignment, Target } from '@lantian/contract';
import { Card, Col, Descriptions, Flex, Row, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router';
import { useMeasure, usePlan } from '../../api/plans.ts';
import { useMeasureStatus } from '../../api/status.ts';
import { DeadlineText } from '../../components/DeadlineText.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LightTag } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { RoleTag } from '../../components/RoleTag.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { todayIso } from '../../lib/time.ts';
import { formatTarget } from './format.ts';
import { planMessages } from './messages.ts';
import { OwnReportCard } from './OwnReportCard.tsx';
import { MeasureText, MeasureUnits, ROLE_ORDER } from './PlanParts.tsx';
import { PlanStatusTag } from './PlanStatusTag.tsx';
import { TargetTotalsCard } from './TargetTotalsCard.tsx';

export function MeasureDetailPage() {
  const { planId = '', measureId = '' } = useParams();
  const t = useT(planMessages);
  const c = useT(commonMessages);
  const { lang } = useLocale();
  const query = useMeasure(planId, measureId);
  const plan = usePlan(planId);
  const today = todayIso();
  const me = useCurrentUser();
  const sv = useT(supervisionMessages);
  const published = plan.data?.plan.status === 'published';
  const status = useMeasureStatus(planId, measureId, published);
  const statusOf = new Map((status.data?.assignments ?? []).map((x) => [x.assignmentId, x]));

  if (query.isPending) return <LoadingState rows={10} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const { measure, assignments } = query.data;
  const summary = plan.data?.plan;
  const sorted = [...assignments].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
  const assignmentColumns: ColumnsType<Assignment> = [
    { title: t('unitName'), dataIndex: 'unitName' },
    {
      title: c('role'),
      dataIndex: 'role',
      width: 90,
      render: (r: Assignment['role']) => <RoleTag role={r} />,
    },
    { title: t('unitKind'), dataIndex: 'unitKind', width: 110, render: (k: Assignment['unitKind']) => t(k) },
    { title: t('via'), dataIndex: 'viaGroup', render: (g: string | null) => g ?? t('direct') },
    { title: t('actingAsCol'), dataIndex: 'actingAs', width: 160, render: (a: string | null) => a ?? '—' },
    ...(published
      ? [
          {
            title: sv('lightLabel'),
            key: 'light',
            width: 90,
            render: (_: unknown, a: Assignment) => {
              const x = statusOf.get(a.id);
              return x ? <LightTag light={x.light} reasons={x.reasons} /> : '—';
            },
          },
          {
            title: sv('progress'),
            key: 'progress',
            width: 130,
            render: (_: unknown, a: Assignment) => {
              const x = statusOf.get(a.id);
              return x ? <ProgressBar value={x.progress} width={110} /> : '—';
            },
          },
          {
            title: sv('actions'),
            key: 'report',
            width: 100,
            render: (_: unknown, a: Assignment) => (
              <Link to={`/assignments/${a.id}`} aria-label={`${t('reportLink')} ${a.unitName}`}>
                {t('reportLink')}
              </Link>
            ),
          },
        ]
      : []),
  ];
  const own = published ? sorted.find((a) => a.unitId === me.unit.id) : undefined;
  const targetColumns: ColumnsType<Target> = [
    {
      title: t('targetValue'),
      key: 'value',
      width: 220,
      render: (_, x) => <Tag color="purple">{formatTarget(x, lang)}</Tag>,
    },
    { title: t('targetText'), dataIndex: 'text' },
  ];

  return (
    <Page
      title={`${t('measureTitle', { task: measure.task, seq: measure.seq })} · ${measure.taskName}`}
      subtitle={
        summary && (
          <Flex gap={8} align="center">
            <PlanStatusTag status={summary.status} />
            {summary.title}
          </Flex>
        )
      }
      extra={
        <>
          <LinkButton to={`/plans/${planId}?task=${measure.task}`}>{t('backToPlan')}</LinkButton>
          <PrintButton />
          <ExportButton
            list="measure-assignments"
            query={{ planId, measureId }}
            disabled={sorted.length === 0}
          />
        </>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={<h2 className="card-heading">{t('measureText')}</h2>} size="small">
            <MeasureText text={measure.text} />
            <Descriptions
              size="small"
              column={1}
              style={{ marginTop: 16 }}
              items={[
                {
                  key: 'deadline',
                  label: c('deadline'),
                  children: <DeadlineText deadline={measure.deadline} />,
                },
                {
                  key: 'lines',
                  label: t('sourceCol'),
                  children: t('lineN', { n: measure.lines.join(', ') }),
                },
                { key: 'written', label: t('asWritten'), children: <MeasureUnits measure={measure} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={<h2 className="card-heading">{c('milestones')}</h2>} size="small">
            {measure.milestones.length === 0 ? (
              <Typography.Text type="secondary">{t('noMilestones')}</Typography.Text>
            ) : (
              <Timeline
                style={{ marginTop: 8 }}
                items={[...measure.milestones]
                  .sort((a, b) => a.due.localeCompare(b.due))
                  .map((m) => ({
                    key: m.id,
                    color: m.due < today ? 'gray' : 'blue',
                    title: (
                      <Typography.Text strong>
                        {m.due} · {m.raw}
                        {m.due < today && (
                          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontWeight: 400 }}>
                            ({t('past')})
                          </Typography.Text>
                        )}
                      </Typography.Text>
                    ),
                    content: m.text,
                  }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {own && <OwnReportCard assignmentId={own.id} />}
      <TargetTotalsCard totals={status.data?.targetTotals ?? []} targets={measure.targets} />
      <Card title={<h2 className="card-heading">{c('targets')}</h2>} size="small">
        {measure.targets.length === 0 ? (
          <Typography.Text type="secondary">{t('noTargets')}</Typography.Text>
        ) : (
          <Table<Target>
            rowKey="id"
            size="small"
            columns={targetColumns}
            dataSource={measure.targets}
            pagination={false}
          />
        )}
      </Card>
      <Card
        title={
          <Flex gap={8} align="baseline" wrap>
            <h2 className="card-heading">{t('assignedUnits')}</h2>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {summary?.status === 'published' ? t('assignedHiddenNote') : ''}
            </Typography.Text>
          </Flex>
        }
        size="small"
      >
        {sorted.length === 0 ? (
          <EmptyState description={t('noAssignments')} />
        ) : (
          <Table<Assignment>
            rowKey="id"
            size="small"
            columns={assignmentColumns}
            dataSource={sorted}
            pagination={sorted.length > 20 ? { pageSize: 20 } : false}
          />
        )}
      </Card>
    </Page>
  );
}
