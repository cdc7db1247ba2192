/**
 * The office's case queue: what waits for it, in tabs — to verify (verified in one click here; voiding
 * needs a reason on the case), to dispatch (new, returned, reopened), feedback to check, extensions and
 * revisits due. Dispatch, checks and the rest open the case, where the forms are.
 */
import type { CaseState, CaseSummary } from '@lantian/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { caseKeys, caseStep, fetchCases, invalidateCases } from '../../api/cases.ts';
import { fetchAllPages } from '../../api/client.ts';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { Page } from '../../components/Page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { caseColumns } from './caseColumns.tsx';
import { caseMessages } from './messages.ts';
import { NewCaseModal } from './NewCaseModal.tsx';

type Tab = 'verify' | 'dispatch' | 'check' | 'other';
const TAB_OF: Partial<Record<CaseState, Tab>> = {
  reported: 'verify',
  verified: 'dispatch',
  returned: 'dispatch',
  reopened: 'dispatch',
  feedback: 'check',
};
const TAB_LABEL = {
  verify: 'tabVerify',
  dispatch: 'tabDispatch',
  check: 'tabCheck',
  other: 'tabOther',
} as const;
const tabOf = (c: CaseSummary): Tab => TAB_OF[c.state] ?? 'other';

export function CaseQueuePage() {
  const t = useT(caseMessages);
  const qc = useQueryClient();
  const [tab, setTab] = useState<Tab>('verify');
  const [adding, setAdding] = useState(false);
  // The whole queue (it is short: what waits today), so each tab can show its count.
  const queue = useQuery({
    queryKey: caseKeys.list({ awaitingMe: 'true', all: true }),
    queryFn: ({ signal }) =>
      fetchAllPages(async (page) => {
        const r = await fetchCases({ awaitingMe: 'true', sort: 'reportedAt', page, pageSize: 200 }, signal);
        return { total: r.total, rows: r.cases };
      }),
  });
  const verify = useMutation({
    mutationFn: (c: CaseSummary) => caseStep(c.id, 'verify', { version: c.version, decision: 'verify' }),
    onSuccess: async () => {
      getFeedback()?.message.success(t('verified'));
      await invalidateCases(qc);
    },
    onError: showError,
  });
  if (queue.isPending) return <LoadingState />;
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => queue.refetch()} />;
  const rows = queue.data;
  const count = (k: Tab) => rows.filter((c) => tabOf(c) === k).length;
  const columns: ColumnsType<CaseSummary> = [
    ...caseColumns(t, { unit: tab !== 'verify' }),
    {
      title: '',
      key: 'do',
      width: 130,
      render: (_, c) => (
        <Flex gap={4} wrap>
          {c.state === 'reported' && (
            <Button
              type="primary"
              size="small"
              aria-label={`${t('verify')} ${c.number}`}
              loading={verify.isPending && verify.variables?.id === c.id}
              onClick={() => verify.mutate(c)}
            >
              {t('verify')}
            </Button>
          )}
          <Link to={`/cases/${c.id}`} aria-label={`${t('open')} ${c.number}`}>
            {t('open')}
          </Link>
        </Flex>
      ),
    },
  ];
  const shown = rows.filter((c) => tabOf(c) === tab);
  return (
    <Page
      title={t('queueTitle')}
      subtitle={t('queueSubtitle')}
      extra={
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('add')}
        </Button>
      }
    >
      {adding && <NewCaseModal onClose={() => setAdding(false)} />}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Tab)}
          items={(['verify', 'dispatch', 'check', 'other'] as const).map((k) => ({
            key: k,
            label: t(TAB_LABEL[k], { n: count(k) }),
          }))}
        />
        {shown.length === 0 ? (
          <EmptyState description={t('queueEmpty')} />
        ) : (
          <Table<CaseSummary>
            rowKey="id"
            size="middle"
            tableLayout="fixed"
            columns={columns}
            dataSource={shown}
            pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          />
        )}
      </Card>
    </Page>
  );
}
