import { FileTextOutlined } from '@ant-design/icons';
import type { Light, UnitStatusQuery, UnitStatusRow } from '@lantian/contract';
import { Card, Flex, Input, Select, Tag, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePlan } from '../../api/plans.ts';
import { useUnitStatus } from '../../api/status.ts';
import { DownloadButton, ExportButton } from '../../components/ExportButton.tsx';
import { LIGHT_HEX, LIGHTS, LightTag } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { planMessages } from './messages.ts';

type Row = UnitStatusRow;
type Sort = UnitStatusQuery['sort'];
const PAGE_SIZE = 50;

/**
 * 单位进展: each unit's light, its assignments by light, and its progress, for one plan. The server filters,
 * sorts and pages; a column's sort cleared shows the server's first order (most red, then yellow, less progress).
 */
export function UnitStatusPage() {
  const { planId = '' } = useParams();
  const t = useT(planMessages);
  const s = useT(supervisionMessages);
  const c = useT(commonMessages);
  const plan = usePlan(planId);
  const [q, setQ] = useState('');
  const [light, setLight] = useState<Light>();
  const [page, setPage] = useState(1);
  const [sorted, setSorted] = useState<{ sort: Sort; order: 'asc' | 'desc' } | undefined>({
    sort: 'light',
    order: 'desc',
  });
  const query = useUnitStatus(planId, {
    q: q.trim() || undefined,
    light,
    sort: sorted?.sort ?? 'red',
    order: sorted?.order ?? 'desc',
    page,
    pageSize: PAGE_SIZE,
  });
  const sortOrder = (key: Sort): SortOrder =>
    sorted?.sort === key ? (sorted.order === 'desc' ? 'descend' : 'ascend') : null;
  const onChange: TableProps<Row>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const key = sorter.columnKey as Sort | undefined;
    setSorted(
      key && sorter.order ? { sort: key, order: sorter.order === 'descend' ? 'desc' : 'asc' } : undefined,
    );
    setPage(1);
  };

  const count = (l: Light) => ({
    title: s(l),
    key: l,
    width: 76,
    sorter: true,
    sortOrder: sortOrder(l),
    render: (_: unknown, u: Row) => (
      <Typography.Text style={{ color: u.counts[l] > 0 && l !== 'done' ? LIGHT_HEX[l] : undefined }}>
        {u.counts[l]}
      </Typography.Text>
    ),
  });
  const columns: ColumnsType<Row> = [
    {
      title: s('unit'),
      key: 'unit',
      dataIndex: 'unitName',
      sorter: true,
      sortOrder: sortOrder('unit'),
      render: (name: string, u) => <Link to={`/plans/${planId}?unit=${u.unitId}`}>{name}</Link>,
    },
    {
      title: s('lightLabel'),
      key: 'light',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('light'),
      render: (_, u) => <LightTag light={u.light} />,
    },
    count('red'),
    count('yellow'),
    count('green'),
    count('done'),
    {
      title: t('assignmentsCount'),
      key: 'assignments',
      dataIndex: 'assignments',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('assignments'),
    },
    {
      title: t('overdueCases'),
      key: 'overdueCases',
      dataIndex: 'overdueCases',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('overdueCases'),
    },
    {
      title: s('progress'),
      key: 'progress',
      width: 170,
      sorter: true,
      sortOrder: sortOrder('progress'),
      render: (_, u) => <ProgressBar value={u.progress} width={150} />,
    },
    {
      title: t('ledger'),
      key: 'ledger',
      width: 110,
      render: (_, u) => (
        <DownloadButton
          path={`/plans/${planId}/units/${u.unitId}/ledger.xlsx`}
          icon={<FileTextOutlined />}
          ariaLabel={t('ledgerOf', { unit: u.unitName })}
        >
          {t('ledger')}
        </DownloadButton>
      ),
    },
  ];

  if (plan.isPending || query.isPending) return <LoadingState rows={10} />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const title = `${t('unitStatusTitle')} · ${plan.data.plan.title}`;
  return (
    <Page
      title={title}
      subtitle={t('unitStatusSubtitle', { asOf: query.data.asOf })}
      extra={
        <>
          <LinkButton to={`/plans/${planId}`}>{t('backToPlan')}</LinkButton>
          <ExportButton
            list="unit-status"
            query={{ planId, q: q.trim() || undefined, light }}
            disabled={query.data.total === 0}
          />
        </>
      }
    >
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={c('search')}
            placeholder={t('unitSearch')}
            style={{ width: 240 }}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            onChange={(e) => {
              if (e.target.value) return;
              setQ('');
              setPage(1);
            }}
          />
          <Select<Light>
            allowClear
            aria-label={s('lightLabel')}
            placeholder={s('lightLabel')}
            style={{ width: 120 }}
            value={light}
            onChange={(l) => {
              setLight(l);
              setPage(1);
            }}
            options={LIGHTS.map((l) => ({ value: l, label: s(l) }))}
          />
          <Tag role="status">{c('total', { n: query.data.total })}</Tag>
        </Flex>
        {query.data.unitTotal === 0 ? (
          <EmptyState description={t('unitStatusEmpty')} />
        ) : (
          <PagedTable<typeof query.data, Row>
            query={query}
            rows={(d) => d.units}
            columns={columns}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={setPage}
            rowKey="unitId"
            pager={{ showSizeChanger: false }}
            table={{ size: 'small', locale: { emptyText: c('noMatch') }, onChange }}
          />
        )}
      </Card>
    </Page>
  );
}
