/**
 * 问题案件 list: the office sees every case, a unit those dispatched to it. Filters (state, category,
 * severity, origin, unit, district, street, text, overdue, received from/to), location columns without a
 * map, paged on the server; 导出 Excel is written by the server (`/exports/cases.xlsx`) with every case of the filter.
 */
import { CASE_ORIGINS, CASE_SEVERITIES, CASE_STATES, type CaseSummary } from '@lantian/contract';
import { Card, DatePicker, Flex, Input, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type CaseFilters, useCaseSettings, useCases } from '../../api/cases.ts';
import { useUnits } from '../../api/plans.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { StateFilter, SwitchFilter } from '../../components/ListFilters.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { caseColumns } from './caseColumns.tsx';
import { caseMessages } from './messages.ts';

const PAGE_SIZE = 20;

export function CaseListPage() {
  const t = useT(caseMessages);
  const me = useCurrentUser();
  const office = me.roles.includes('supervisor');
  const settings = useCaseSettings();
  const units = useUnits();
  const [filters, setFilters] = useState<CaseFilters>({});
  const [page, setPage] = useState(1);
  const list = useCases({ ...filters, page, pageSize: PAGE_SIZE });
  const change = (patch: CaseFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const categories = settings.data?.settings.categories ?? [];
  const unitName = units.data?.units.find((u) => u.id === filters.unitId)?.name;
  const filterWords = () =>
    [
      filters.state && `${t('filterState')}：${t(`state_${filters.state as CaseSummary['state']}`)}`,
      filters.category &&
        `${t('filterCategory')}：${categories.find((c) => c.code === filters.category)?.name ?? filters.category}`,
      filters.severity && `${t('filterSeverity')}：${t(`severity_${filters.severity}`)}`,
      filters.origin && `${t('filterOrigin')}：${t(`origin_${filters.origin}`)}`,
      unitName && `${t('filterUnit')}：${unitName}`,
      filters.district && `${t('filterDistrict')}：${filters.district}`,
      filters.street && `${t('filterStreet')}：${filters.street}`,
      filters.q && `“${filters.q}”`,
      filters.from && `${t('filterFrom')}：${filters.from}`,
      filters.to && `${t('filterTo')}：${filters.to}`,
      filters.overdue && t('onlyOverdue'),
    ].filter((x): x is string => !!x);

  const body = () => {
    if (list.isPending) return <LoadingState />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
    if (list.data.total === 0 && filterWords().length === 0) return <EmptyState description={t('none')} />;
    return (
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        loading={list.isFetching}
        columns={caseColumns(t, { unit: true })}
        dataSource={list.data.cases}
        locale={{ emptyText: t('empty') }}
        pagination={{
          hideOnSinglePage: true,
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
      />
    );
  };

  const range = (v: [Dayjs | null, Dayjs | null] | null) =>
    change({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') });
  return (
    <Page
      title={t('listTitle')}
      subtitle={office ? t('listSubtitle') : t('listSubtitleUnit')}
      extra={<ExportButton list="cases" query={filters} disabled={!list.data?.total} />}
    >
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t('filterQ')}
            placeholder={t('filterQ')}
            style={{ width: 220 }}
            onSearch={(q) => change({ q: q.trim() || undefined })}
          />
          <StateFilter
            label={t('filterState')}
            states={CASE_STATES}
            stateLabel={(s) => t(`state_${s}`)}
            value={filters.state as CaseSummary['state'] | undefined}
            onChange={(state) => change({ state })}
            width={130}
          />
          <Select
            allowClear
            aria-label={t('filterCategory')}
            placeholder={t('filterCategory')}
            style={{ width: 130 }}
            value={filters.category}
            onChange={(category) => change({ category })}
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
          />
          <Select
            allowClear
            aria-label={t('filterSeverity')}
            placeholder={t('filterSeverity')}
            style={{ width: 100 }}
            value={filters.severity}
            onChange={(severity) => change({ severity })}
            options={CASE_SEVERITIES.map((s) => ({ value: s, label: t(`severity_${s}`) }))}
          />
          <Select
            allowClear
            aria-label={t('filterOrigin')}
            placeholder={t('filterOrigin')}
            style={{ width: 110 }}
            value={filters.origin}
            onChange={(origin) => change({ origin })}
            options={CASE_ORIGINS.map((o) => ({ value: o, label: t(`origin_${o}`) }))}
          />
          {office && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('filterUnit')}
              placeholder={t('filterUnit')}
              style={{ width: 170 }}
              value={filters.unitId}
              onChange={(unitId) => change({ unitId })}
              options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          <Input
            allowClear
            aria-label={t('filterDistrict')}
            placeholder={t('filterDistrict')}
            style={{ width: 110 }}
            onChange={(e) => change({ district: e.target.value.trim() || undefined })}
          />
          <Input
            allowClear
            aria-label={t('filterStreet')}
            placeholder={t('filterStreet')}
            style={{ width: 120 }}
            onChange={(e) => change({ street: e.target.value.trim() || undefined })}
          />
          <DatePicker.RangePicker
            aria-label={t('range')}
            placeholder={[t('filterFrom'), t('filterTo')]}
            onChange={range}
          />
          <SwitchFilter
            id="cases-overdue"
            label={t('filterOverdue')}
            checked={filters.overdue === 'true'}
            onChange={(on) => change({ overdue: on ? 'true' : undefined })}
          />
        </Flex>
        {body()}
      </Card>
    </Page>
  );
}
