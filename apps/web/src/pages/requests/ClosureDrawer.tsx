import type { Closure } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Flex, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { endpoints } from '../../api/endpoints.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { closureActions, useClosure } from '../../api/requests.ts';
import { type Decision, DecisionPanel } from '../../components/DecisionPanel.tsx';
import { EvidenceList } from '../../components/EvidenceList.tsx';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { commonMessages } from '../../components/messages.ts';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { FlowStateTag } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { formatInstant } from '../../lib/time.ts';
import { requestMessages } from './messages.ts';
import { signoffMessages, signoffText } from './signoffText.ts';

const when = (at: string | null, who: string | null) => (at ? `${formatInstant(at)} · ${who ?? '—'}` : '—');

/** One closure request: what was achieved, its evidence, and the step the viewer may take. */
export function ClosureDrawer({ closureId, onClose }: { closureId: string; onClose: () => void }) {
  const t = useT(requestMessages);
  const query = useClosure(closureId);
  const c = query.data?.closure;
  return (
    <Drawer
      open
      onClose={onClose}
      size={640}
      title={c ? t('closureTitle', { no: `${c.task}.${c.seq}`, unit: c.unitName }) : t('closuresTitle')}
      destroyOnHidden
    >
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <ClosureBody closure={query.data.closure} reload={() => query.refetch()} />
      )}
    </Drawer>
  );
}

function ClosureBody({ closure: c, reload }: { closure: Closure; reload: () => Promise<unknown> }) {
  const t = useT(requestMessages);
  const so = useT(signoffMessages);
  const s = useT(supervisionMessages);
  const cm = useT(commonMessages);
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Decision | null>(null);
  const refresh = () => void invalidateSupervision(queryClient);
  const submit = useMutation({
    mutationFn: () => closureActions.submit(c.id, c.version),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('closureSubmitted'));
      refresh();
    },
  });
  const decide = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment: string }) =>
      closureActions.decide(c.id, { version: c.version, decision, comment: comment || undefined }),
    meta: { silent: true },
    onMutate: ({ decision }) => setPending(decision),
    onSettled: () => setPending(null),
    onSuccess() {
      getFeedback()?.message.success(t('decisionDone'));
      refresh();
    },
  });
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'state', label: s('state'), children: <FlowStateTag kind="closure" state={c.state} /> },
          {
            key: 'measure',
            label: cm('measure'),
            children: (
              <Link to={`/plans/${c.planId}/measures/${c.measureId}`}>
                {s('measureNo', { no: `${c.task}.${c.seq}` })}
              </Link>
            ),
          },
          {
            key: 'unit',
            label: s('unit'),
            children: <Link to={`/assignments/${c.assignmentId}`}>{c.unitName}</Link>,
          },
          {
            key: 'summary',
            label: t('closureSummary'),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {c.summary}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'requested',
            label: t('requestedAt'),
            children: when(c.submittedAt ?? c.requestedAt, c.requestedBy),
          },
          ...(c.signoff
            ? [{ key: 'signoff', label: so('unitSignoff'), children: signoffText(so, c.signoff) }]
            : []),
          {
            key: 'lead',
            label: t('leadOpinion'),
            children: c.leadAt
              ? `${when(c.leadAt, c.leadBy)}${c.leadComment ? `：${c.leadComment}` : ''}`
              : '—',
          },
          {
            key: 'office',
            label: t('supervisorOpinion'),
            children: c.decidedAt
              ? `${when(c.decidedAt, c.decidedBy)}${c.decisionComment ? `：${c.decisionComment}` : ''}`
              : '—',
          },
          ...(c.closedOn ? [{ key: 'closed', label: t('closedOn'), children: c.closedOn }] : []),
        ]}
      />
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {s('evidence')}
        </Typography.Title>
        <EvidenceList
          attachments={c.evidence}
          uploadPath={c.actions.uploadEvidence ? endpoints.closureEvidence(c.id) : undefined}
          canRemove={c.actions.uploadEvidence}
          onChanged={refresh}
        />
      </div>
      {c.actions.submit && (
        <Flex vertical gap={8} align="flex-start">
          {c.evidence.length === 0 && (
            <Typography.Text type="warning">{t('closureNeedsEvidence')}</Typography.Text>
          )}
          <MutationAlert error={submit.error} onReload={reload} />
          <Button
            type="primary"
            loading={submit.isPending}
            disabled={c.evidence.length === 0}
            onClick={() => submit.mutate()}
          >
            {t('closureSubmit')}
          </Button>
        </Flex>
      )}
      {c.actions.decide && (
        <section aria-label={t('decide')}>
          <Typography.Title level={5}>{t('decide')}</Typography.Title>
          <DecisionPanel
            approveLabel={
              c.state === 'pending_lead' ? t('closureApproveLead') : t('closureApproveSupervisor')
            }
            rejectLabel={t('closureReject')}
            rejectHint={t('refuseHint')}
            pending={pending}
            error={decide.error}
            onReload={reload}
            onDecide={(decision, comment) => decide.mutate({ decision, comment })}
          />
        </section>
      )}
    </Flex>
  );
}
