import type { Notice, NoticesQuery } from '@lantian/contract';
import { Card, Flex, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { useUnits } from '../../api/plans.ts';
import { useNotices } from '../../api/requests.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar, StateFilter, SwitchFilter } from '../../components/ListFilters.tsx';
import { Page } from '../../components/Page.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { EmptyState } from '../../components/PageStates.tsx';
import { FlowStateTag, NoticeLevelTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { formatInstant } from '../../lib/time.ts';
import { requestMessages } from './messages.ts';

type Filters = Partial<Pick<NoticesQuery, 'state' | 'level' | 'unitId' | 'overdue'>>;
const PAGE_SIZE = 20;
const STATES = ['issued', 'replied', 'sent_back', 'accepted'] as const;

const measuresText = (n: Notice) => n.measures.map((m) => `${m.task}.${m.seq}`).join('、');

/** 督办单: the office sees every notice; a unit the ones issued to it. */
export function NoticesPage() {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const me = useCurrentUser();
  const supervisor = me.roles.includes('supervisor');
  const units = useUnits();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const query = useNotices({ ...filters, page, pageSize: PAGE_SIZE });
  const change = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const columns: ColumnsType<Notice> = [
    {
      title: t('level'),
      key: 'level',
      width: 110,
      render: (_, n) => (
        <Flex vertical gap={2} align="flex-start">
          <NoticeLevelTag level={n.level} />
          {n.level !== n.initialLevel && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('escalatedFrom')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: s('unit'),
      dataIndex: 'unitName',
      width: 150,
      render: (name: string, n) => <Link to={`/notices/${n.id}`}>{name}</Link>,
    },
    { title: t('measures'), key: 'measures', width: 120, render: (_, n) => measuresText(n) },
    {
      title: t('reason'),
      dataIndex: 'reason',
      render: (r: string, n) => (
        <Link to={`/notices/${n.id}`} style={{ color: 'inherit' }}>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {r}
          </Typography.Paragraph>
        </Link>
      ),
    },
    {
      title: t('replyDue'),
      key: 'replyDue',
      width: 120,
      render: (_, n) => (
        <Flex vertical gap={2}>
          <span>{n.replyDue}</span>
          {n.overdue && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {s('overdue')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: s('state'),
      key: 'state',
      width: 110,
      render: (_, n) => <FlowStateTag kind="notice" state={n.state} />,
    },
    { title: t('issuedAt'), key: 'issuedAt', width: 140, render: (_, n) => formatInstant(n.issuedAt) },
  ];

  const _unitName = units.data?.units.find((u) => u.id === filters.unitId)?.name;
  return (
    <Page
      title={t('noticesTitle')}
      subtitle={supervisor ? t('noticesSubtitleSupervisor') : t('noticesSubtitleUnit')}
      extra={<ExportButton list="notices" query={filters} disabled={!query.data?.total} />}
    >
      <Card size="small">
        <FilterBar>
          <StateFilter
            label={t('filterState')}
            states={STATES}
            stateLabel={(x) => s(`notice_${x}`)}
            value={filters.state}
            onChange={(state) => change({ state })}
            width={150}
          />
          <Select
            allowClear
            aria-label={t('filterLevel')}
            placeholder={t('filterLevel')}
            style={{ width: 120 }}
            value={filters.level}
            onChange={(level) => change({ level })}
            options={[
              { value: 'yellow', label: s('level_yellow') },
              { value: 'red', label: s('level_red') },
            ]}
          />
          {supervisor && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('filterUnit')}
              placeholder={t('filterUnit')}
              style={{ width: 180 }}
              value={filters.unitId}
              onChange={(unitId) => change({ unitId })}
              options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          <SwitchFilter
            id="notices-overdue"
            label={t('onlyOverdue')}
            checked={filters.overdue === 'true'}
            onChange={(v) => change({ overdue: v ? 'true' : undefined })}
          />
        </FilterBar>
        <PagedTable
          query={query}
          rows={(d) => d.notices}
          empty={
            Object.values(filters).every((v) => !v) && (
              <EmptyState
                title={t('noticesEmpty')}
                description={supervisor ? t('noticesEmptySupervisor') : t('noticesEmptyUnit')}
              />
            )
          }
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          pager={{ showSizeChanger: false }}
        />
      </Card>
    </Page>
  );
}
