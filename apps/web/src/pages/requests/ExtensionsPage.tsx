import type { Extension, ExtensionsQuery } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Modal, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { extensionActions, useExtensions } from '../../api/requests.ts';
import { type Decision, DecisionPanel } from '../../components/DecisionPanel.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar, StateFilter, SwitchFilter } from '../../components/ListFilters.tsx';
import { Page } from '../../components/Page.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { EmptyState } from '../../components/PageStates.tsx';
import { FlowStateTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { requestMessages } from './messages.ts';
import { useMeasureColumn } from './requestColumns.tsx';
import { signoffMessages, signoffText } from './signoffText.ts';

type Filters = Partial<Pick<ExtensionsQuery, 'state'>>;
const STATES = ['pending_lead', 'pending_supervisor', 'approved', 'refused'] as const;
const PAGE_SIZE = 20;

const opinion = (at: string | null, by: string | null, comment: string | null) =>
  at ? `${formatInstant(at)} ${by ?? ''}${comment ? `：${comment}` : ''}` : '';

/** 延期申请: requests with the original date kept beside the requested one; decide those awaiting you. */
export function ExtensionsPage() {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  // "Awaiting me" lives in the address (?awaiting=1), so a notification's link works on this page too.
  const [params, setParams] = useSearchParams();
  const awaitingMe = params.get('awaiting') ? ('true' as const) : undefined;
  const [state, setState] = useState<Filters>({});
  const filters = { ...state, awaitingMe };
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<Extension | null>(null);
  const query = useExtensions({ ...filters, page, pageSize: PAGE_SIZE });
  const change = (patch: Filters) => {
    setState((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const setAwaiting = (on: boolean) => setParams(on ? { awaiting: '1' } : {}, { replace: true });
  // A new address (the switch, or a link followed while here) starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page resets when the filter changes
  useEffect(() => setPage(1), [awaitingMe]);
  const measure = useMeasureColumn<Extension>(150);
  const columns: ColumnsType<Extension> = [
    measure,
    { title: t('subject'), dataIndex: 'subject', width: 130 },
    {
      title: t('originalDue'),
      dataIndex: 'originalDue',
      width: 110,
      render: (d: string) => <Typography.Text delete={false}>{d}</Typography.Text>,
    },
    {
      title: t('requestedDue'),
      dataIndex: 'requestedDue',
      width: 110,
      render: (d: string) => <Typography.Text strong>{d}</Typography.Text>,
    },
    {
      title: t('extReason'),
      dataIndex: 'reason',
      render: (r: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r }} style={{ margin: 0 }}>
          {r}
        </Typography.Paragraph>
      ),
    },
    {
      title: s('state'),
      key: 'state',
      width: 150,
      render: (_, e) => (
        <Flex vertical gap={2} align="flex-start">
          <FlowStateTag kind="extension" state={e.state} />
          {(e.decisionComment ?? e.leadComment) && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
              ellipsis={{ tooltip: e.decisionComment ?? e.leadComment }}
            >
              {e.decisionComment ?? e.leadComment}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: s('actions'),
      key: 'actions',
      width: 90,
      render: (_, e) =>
        e.actions.decide ? (
          <Button
            type="primary"
            size="small"
            onClick={() => setDeciding(e)}
            aria-label={`${t('decide')} ${e.task}.${e.seq} ${e.unitName}`}
          >
            {t('decide')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setDeciding(e)}>
            {t('details')}
          </Button>
        ),
    },
  ];

  return (
    <Page
      title={t('extensionsTitle')}
      subtitle={t('extensionsSubtitle')}
      extra={<ExportButton list="extensions" query={filters} disabled={!query.data?.total} />}
    >
      <Card size="small">
        <FilterBar>
          <StateFilter
            label={t('filterState')}
            states={STATES}
            stateLabel={(x) => s(`extension_${x}`)}
            value={filters.state}
            onChange={(state) => change({ state })}
          />
          <SwitchFilter
            id="ext-awaiting"
            label={t('awaitingMe')}
            checked={filters.awaitingMe === 'true'}
            onChange={setAwaiting}
          />
        </FilterBar>
        <PagedTable
          query={query}
          rows={(d) => d.extensions}
          empty={<EmptyState title={t('extensionsEmpty')} description={t('extensionsEmptyBody')} />}
          columns={columns}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
        />
      </Card>
      {deciding && <ExtensionModal extension={deciding} onClose={() => setDeciding(null)} />}
    </Page>
  );
}

function ExtensionModal({ extension: e, onClose }: { extension: Extension; onClose: () => void }) {
  const t = useT(requestMessages);
  const so = useT(signoffMessages);
  const s = useT(supervisionMessages);
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Decision | null>(null);
  const decide = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment: string }) =>
      extensionActions.decide(e.id, {
        version: e.version,
        decision: decision === 'approve' ? 'approve' : 'refuse',
        comment: comment || undefined,
      }),
    meta: { silent: true },
    onMutate: ({ decision }) => setPending(decision),
    onSettled: () => setPending(null),
    onSuccess() {
      getFeedback()?.message.success(t('decisionDone'));
      void invalidateSupervision(queryClient);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('decideExtension', { no: `${e.task}.${e.seq}`, unit: e.unitName })}
      onCancel={onClose}
      footer={null}
      width={640}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'state', label: s('state'), children: <FlowStateTag kind="extension" state={e.state} /> },
          { key: 'subject', label: t('subject'), children: e.subject },
          { key: 'original', label: t('originalDue'), children: e.originalDue },
          { key: 'requested', label: t('requestedDue'), children: e.requestedDue },
          { key: 'reason', label: t('extReason'), children: e.reason },
          {
            key: 'at',
            label: t('requestedAt'),
            children: `${formatInstant(e.requestedAt)} ${e.requestedBy ?? ''}`,
          },
          ...(e.signoff
            ? [{ key: 'signoff', label: so('unitSignoff'), children: signoffText(so, e.signoff) }]
            : []),
          {
            key: 'lead',
            label: t('leadOpinion'),
            children: opinion(e.leadAt, e.leadBy, e.leadComment) || '—',
          },
          {
            key: 'office',
            label: t('supervisorOpinion'),
            children: opinion(e.decidedAt, e.decidedBy, e.decisionComment) || '—',
          },
        ]}
      />
      {e.actions.decide && (
        <DecisionPanel
          approveLabel={t('approve')}
          rejectLabel={t('refuse')}
          rejectHint={t('refuseHint')}
          pending={pending}
          error={decide.error}
          onDecide={(decision, comment) => decide.mutate({ decision, comment })}
        />
      )}
    </Modal>
  );
}
