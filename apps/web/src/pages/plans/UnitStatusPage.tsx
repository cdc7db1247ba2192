import { FileTextOutlined } from '@ant-design/icons';
import type { Light, UnitStatusResponse } from '@lantian/contract';
import { Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePlan } from '../../api/plans.ts';
import { useUnitStatus } from '../../api/status.ts';
import { DownloadButton, ExportButton } from '../../components/ExportButton.tsx';
import { LIGHT_HEX, LIGHTS, LightTag } from '../../components/LightTag.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { commonMessages } from '../../components/messages.ts';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { matchesAll, searchTerms } from '../../lib/search.ts';
import { planMessages } from './messages.ts';

type Row = UnitStatusResponse['units'][number];
const RANK: Record<Light, number> = { red: 3, yellow: 2, green: 1, done: 0 };

/** 单位进展: each unit's light, its assignments by light, and its progress, for one plan. */
export function UnitStatusPage() {
  const { planId = '' } = useParams();
  const t = useT(planMessages);
  const s = useT(supervisionMessages);
  const c = useT(commonMessages);
  const plan = usePlan(planId);
  const query = useUnitStatus(planId);
  const [q, setQ] = useState('');
  const [light, setLight] = useState<Light>();
  const rows = useMemo(() => {
    const terms = searchTerms(q);
    return (query.data?.units ?? []).filter(
      (u) => (!light || u.light === light) && matchesAll(terms, [u.unitName]),
    );
  }, [query.data, q, light]);

  const count = (l: Light) => ({
    title: s(l),
    key: l,
    width: 76,
    sorter: (a: Row, b: Row) => a.counts[l] - b.counts[l],
    render: (_: unknown, u: Row) => (
      <Typography.Text style={{ color: u.counts[l] > 0 && l !== 'done' ? LIGHT_HEX[l] : undefined }}>
        {u.counts[l]}
      </Typography.Text>
    ),
  });
  const columns: ColumnsType<Row> = [
    {
      title: s('unit'),
      dataIndex: 'unitName',
      sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
      render: (name: string, u) => <Link to={`/plans/${planId}?unit=${u.unitId}`}>{name}</Link>,
    },
    {
      title: s('lightLabel'),
      key: 'light',
      width: 90,
      defaultSortOrder: 'descend',
      sorter: (a, b) => RANK[a.light] - RANK[b.light] || b.progress - a.progress,
      render: (_, u) => <LightTag light={u.light} />,
    },
    count('red'),
    count('yellow'),
    count('green'),
    count('done'),
    {
      title: t('assignmentsCount'),
      dataIndex: 'assignments',
      width: 90,
      sorter: (a, b) => a.assignments - b.assignments,
    },
    {
      title: t('overdueCases'),
      dataIndex: 'overdueCases',
      width: 90,
      sorter: (a, b) => a.overdueCases - b.overdueCases,
    },
    {
      title: s('progress'),
      key: 'progress',
      width: 170,
      sorter: (a, b) => a.progress - b.progress,
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
            disabled={rows.length === 0}
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
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
          />
          <Select<Light>
            allowClear
            aria-label={s('lightLabel')}
            placeholder={s('lightLabel')}
            style={{ width: 120 }}
            value={light}
            onChange={setLight}
            options={LIGHTS.map((l) => ({ value: l, label: s(l) }))}
          />
          <Tag role="status">{c('total', { n: rows.length })}</Tag>
        </Flex>
        {query.data.units.length === 0 ? (
          <EmptyState description={t('unitStatusEmpty')} />
        ) : (
          <Table<Row>
            rowKey="unitId"
            size="small"
            tableLayout="fixed"
            columns={columns}
            dataSource={rows}
            locale={{ emptyText: c('noMatch') }}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
          />
        )}
      </Card>
    </Page>
  );
}
