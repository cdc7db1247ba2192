import type { Closure, ClosuresQuery } from '@lantian/contract';
import { Button, Card, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClosures } from '../../api/requests.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar, StateFilter, SwitchFilter } from '../../components/ListFilters.tsx';
import { Page } from '../../components/Page.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { EmptyState } from '../../components/PageStates.tsx';
import { FlowStateTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { ClosureDrawer } from './ClosureDrawer.tsx';
import { requestMessages } from './messages.ts';
import { useMeasureColumn } from './requestColumns.tsx';

type Filters = Partial<Pick<ClosuresQuery, 'state' | 'awaitingMe'>>;
const STATES = ['draft', 'pending_lead', 'pending_supervisor', 'closed', 'rejected'] as const;
const PAGE_SIZE = 20;

/** 销号: closure requests with their evidence; open one to add evidence, submit or decide. */
export function ClosuresPage() {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const query = useClosures({ ...filters, page, pageSize: PAGE_SIZE });
  const change = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const open = (id: string | null) => setParams(id ? { open: id } : {}, { replace: true });
  const measure = useMeasureColumn<Closure>(160);
  const columns: ColumnsType<Closure> = [
    measure,
    {
      title: t('closureSummary'),
      dataIndex: 'summary',
      render: (x: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: x }} style={{ margin: 0 }}>
          {x}
        </Typography.Paragraph>
      ),
    },
    { title: s('evidence'), key: 'evidence', width: 90, render: (_, c) => c.evidence.length },
    {
      title: s('state'),
      key: 'state',
      width: 150,
      render: (_, c) => <FlowStateTag kind="closure" state={c.state} />,
    },
    { title: t('closedOn'), dataIndex: 'closedOn', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: s('actions'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button
          size="small"
          type={c.actions.decide || c.actions.submit ? 'primary' : 'default'}
          onClick={() => open(c.id)}
          aria-label={`${c.actions.decide ? t('decide') : t('view')} ${c.task}.${c.seq} ${c.unitName}`}
        >
          {c.actions.decide ? t('decide') : t('view')}
        </Button>
      ),
    },
  ];

  return (
    <Page
      title={t('closuresTitle')}
      subtitle={t('closuresSubtitle')}
      extra={<ExportButton list="closures" query={filters} disabled={!query.data?.total} />}
    >
      <Card size="small">
        <FilterBar>
          <StateFilter
            label={t('filterState')}
            states={STATES}
            stateLabel={(x) => s(`closure_${x}`)}
            value={filters.state}
            onChange={(state) => change({ state })}
          />
          <SwitchFilter
            id="closure-awaiting"
            label={t('awaitingMe')}
            checked={filters.awaitingMe === 'true'}
            onChange={(v) => change({ awaitingMe: v ? 'true' : undefined })}
          />
        </FilterBar>
        <PagedTable
          query={query}
          rows={(d) => d.closures}
          empty={<EmptyState title={t('closuresEmpty')} description={t('closuresEmptyBody')} />}
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
        />
      </Card>
      {openId && <ClosureDrawer closureId={openId} onClose={() => open(null)} />}
    </Page>
  );
}
