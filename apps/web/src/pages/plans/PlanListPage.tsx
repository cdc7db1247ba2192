import { UploadOutlined } from '@ant-design/icons';
import type { PlanSummary } from '@lantian/contract';
import { Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePagedPlans } from '../../api/plans.ts';
import { canAccess } from '../../auth/access.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { formatInstant } from '../../lib/time.ts';
import { planMessages } from './messages.ts';
import { PlanStatusTag } from './PlanStatusTag.tsx';
import { type RetireMode, RetirePlanModal } from './RetirePlanModal.tsx';

export function PlanListPage() {
  const t = useT(planMessages);
  const me = useCurrentUser();
  const canImport = canAccess(me.roles, 'planImport');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = usePagedPlans(paging);
  const plans = query.data?.plans ?? [];
  const [retiring, setRetiring] = useState<{ plan: PlanSummary; mode: RetireMode }>();

  const columns: ColumnsType<PlanSummary> = [
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, p) => <Link to={`/plans/${p.id}`}>{title}</Link>,
    },
    { title: t('year'), dataIndex: 'year', width: 80 },
    {
      title: t('status'),
      dataIndex: 'status',
      width: 110,
      render: (s: PlanSummary['status'], p) => (
        <Tooltip title={p.archiveReason ?? undefined}>
          {p.withdrawnAt ? <Tag>{t('withdrawnTag')}</Tag> : <PlanStatusTag status={s} />}
        </Tooltip>
      ),
    },
    { title: t('tasks'), dataIndex: 'taskCount', width: 90, align: 'right' },
    { title: t('measures'), dataIndex: 'measureCount', width: 90, align: 'right' },
    { title: t('assignmentsCount'), dataIndex: 'assignmentCount', width: 100, align: 'right' },
    {
      title: t('importedAt'),
      dataIndex: 'importedAt',
      width: 150,
      render: (v: string) => formatInstant(v),
    },
    {
      title: t('publishedAt'),
      dataIndex: 'publishedAt',
      width: 150,
      render: (v: string | null) => (v ? formatInstant(v) : '—'),
    },
    {
      title: t('actions'),
      key: 'actions',
      width: 190,
      render: (_, p) => (
        <Space size="small">
          <Link to={`/plans/${p.id}`}>{t('view')}</Link>
          {p.status === 'draft' && canImport && <Link to={`/plans/${p.id}/review`}>{t('review')}</Link>}
          {p.status === 'published' && canImport && (
            <Button type="link" size="small" onClick={() => setRetiring({ plan: p, mode: 'archive' })}>
              {t('archive')}
            </Button>
          )}
          {p.status !== 'draft' && !p.withdrawnAt && canImport && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setRetiring({ plan: p, mode: 'withdraw' })}
            >
              {t('withdraw')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const body = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
    if (query.data.total === 0) {
      return (
        <EmptyState
          title={t('emptyTitle')}
          description={canImport ? t('emptySupervisor') : t('emptyUnit')}
          action={
            canImport && (
              <LinkButton to="/plans/import" type="primary" icon={<UploadOutlined />}>
                {t('importPlan')}
              </LinkButton>
            )
          }
        />
      );
    }
    // Newest import first, paged on the server.
    return (
      <Table<PlanSummary>
        rowKey="id"
        columns={columns}
        dataSource={plans}
        loading={query.isFetching}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: query.data.total,
          hideOnSinglePage: true,
          onChange: (page, pageSize) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
      />
    );
  };

  return (
    <Page
      title={t('listTitle')}
      subtitle={canImport ? t('listSubtitle') : undefined}
      extra={
        <>
          {canImport && (
            <LinkButton to="/plans/import" type="primary" icon={<UploadOutlined />}>
              {t('importPlan')}
            </LinkButton>
          )}
          <ExportButton list="plans" disabled={plans.length === 0} />
        </>
      }
    >
      <Card>{body()}</Card>
      {retiring && (
        <RetirePlanModal plan={retiring.plan} mode={retiring.mode} onClose={() => setRetiring(undefined)} />
      )}
    </Page>
  );
}
