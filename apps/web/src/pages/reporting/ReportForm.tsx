import type { ReportFormResponse, ReportResponse } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Popconfirm, Radio, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { reportActions } from '../../api/reports.ts';
import { type Decision, DecisionPanel } from '../../components/DecisionPanel.tsx';
import { EvidenceList } from '../../components/EvidenceList.tsx';
import { isConflict, MutationAlert } from '../../components/MutationAlert.tsx';
import { reportStateKey } from '../../components/StateTags.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { useCurrentUser } from '../../layout/MeContext.ts';
import { reportingMessages } from './messages.ts';
import { MilestoneFields, TargetFields } from './ReportFields.tsx';
import { ReportComments, ReportSteps } from './ReportSteps.tsx';
import { initialValues, type ReportValues, toContent } from './reportModel.ts';

const STATUSES = ['not_started', 'on_track', 'behind', 'done'] as const;

/**
 * The report of one period: fill in and save (optimistic locking), submit for sign-off, sign off,
 * review. What the user may do comes from the server (`actions`); everything else is read-only.
 *
 * The form keeps what the user typed: it takes new server data only while untouched, and a 409 on save
 * leaves the text in place (and copyable) until the user chooses to reload.
 */
export function ReportForm({
  data,
  queryKey,
  onReload,
}: {
  data: ReportFormResponse;
  /** The query the data came from: updated in place after a save, so the form shows the new version. */
  queryKey: readonly unknown[];
  onReload: () => Promise<{ data?: ReportFormResponse }>;
}) {
  const t = useT(reportingMessages);
  const s = useT(supervisionMessages);
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const [form] = Form.useForm<ReportValues>();
  const [base, setBase] = useState(data);
  const [dirty, setDirty] = useState(false);
  const [kept, setKept] = useState<string | null>(null);
  const [pendingDecision, setPendingDecision] = useState<Decision | null>(null);
  const [confirming, setConfirming] = useState(false);
  const failureRef = useRef<HTMLDivElement>(null);
  const requestId = useRef<string | null>(null);

  // New server data (a refetch, another period) replaces the form only while the user has not typed.
  useEffect(() => {
    if (!dirty || data.period?.key !== base.period?.key) {
      setBase(data);
      setDirty(false);
    }
  }, [data, dirty, base.period?.key]);

  const { assignment: a, period, report, actions } = base;
  const version = report?.version ?? 0;
  const editable = actions.save;
  const formKey = `${period?.key ?? ''}|${report?.id ?? 'new'}|${version}`;
  // The form store outlives the <Form> it feeds: when another version is shown, start from its values.
  // biome-ignore lint/correctness/useExhaustiveDependencies: formKey names the version shown
  useEffect(() => form.resetFields(), [form, formKey]);

  const adopt = (r: ReportResponse) => {
    const next: ReportFormResponse = { ...base, report: r.report, history: r.history, actions: r.actions };
    queryClient.setQueryData(queryKey, next);
    setBase(next);
    setDirty(false);
    void invalidateSupervision(queryClient);
  };

  const save = useMutation({
    mutationFn: (values: ReportValues) =>
      reportActions.save(a.id, period?.key ?? '', { version, ...toContent(values, a) }),
    meta: { silent: true },
    onSuccess(r) {
      adopt(r);
      getFeedback()?.message.success(t('draftSaved'));
    },
    onError(error) {
      if (isConflict(error)) setKept(form.getFieldValue('summary') ?? '');
    },
  });
  const submit = useMutation({
    mutationFn: (values: ReportValues) => {
      // One id per attempt to submit this version: a retry after a lost answer is recognised, not doubled.
      requestId.current ??= crypto.randomUUID();
      return reportActions.submit(a.id, period?.key ?? '', {
        version,
        requestId: requestId.current,
        ...toContent(values, a),
      });
    },
    meta: { silent: true },
    onSuccess(r) {
      requestId.current = null;
      adopt(r);
      getFeedback()?.message.success(t('submitted'));
    },
    onError(error) {
      if (isConflict(error)) {
        requestId.current = null;
        setKept(form.getFieldValue('summary') ?? '');
      }
    },
  });
  const decide = useMutation({
    mutationFn: ({
      kind,
      decision,
      comment,
    }: {
      kind: 'signoff' | 'review';
      decision: Decision;
      comment: string;
    }) => {
      const id = report?.id ?? '';
      if (kind === 'signoff')
        return reportActions.signoff(id, { version, decision, comment: comment || undefined });
      return reportActions.review(id, {
        version,
        decision: decision === 'approve' ? 'accept' : 'return',
        comment: comment || undefined,
      });
    },
    meta: { silent: true },
    onMutate: ({ decision }) => setPendingDecision(decision),
    onSettled: () => setPendingDecision(null),
    onSuccess(r, { kind, decision }) {
      adopt(r);
      const key =
        kind === 'signoff'
          ? decision === 'approve'
            ? 'signedOff'
            : 'signoffRejected'
          : decision === 'approve'
            ? 'reviewAccepted'
            : 'reviewReturned';
      getFeedback()?.message.success(t(key));
    },
  });

  // A refusal from the server shows below the form: bring it to where the user is looking.
  const failedNow = save.error ?? submit.error;
  useEffect(() => {
    if (failedNow) failureRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [failedNow]);

  const reload = async () => {
    const fresh = await onReload();
    if (fresh.data) setBase(fresh.data);
    setDirty(false);
    save.reset();
    submit.reset();
    decide.reset();
  };

  if (!period) {
    return <Alert type="info" showIcon title={t('noPeriodTitle')} description={t('noPeriodBody')} />;
  }

  const failed = save.error ?? submit.error;
  const busy = save.isPending || submit.isPending;

  /** Check what a submission needs before asking to confirm it; show each gap at its field, in view. */
  async function checkThenConfirm() {
    const summary = String(form.getFieldValue('summary') ?? '').trim();
    const invalid = await form
      .validateFields()
      .then(() => [] as (string | number)[][])
      .catch((e: { errorFields?: { name: (string | number)[] }[] }) =>
        (e.errorFields ?? []).map((f) => f.name),
      );
    if (!summary) {
      form.setFields([{ name: 'summary', errors: [t('summaryRequired')] }]);
      invalid.push(['summary']);
    }
    const first = invalid[0];
    if (first) {
      form.scrollToField(first, { block: 'center', behavior: 'smooth', focus: true });
      return;
    }
    setConfirming(true);
  }

  return (
    <Flex vertical gap={16}>
      <ReportSteps report={report} />
      {a.closedOn && <Alert type="info" showIcon title={t('closedAlert', { date: a.closedOn })} />}
      <ReportComments report={report} />
      {!editable && !a.closedOn && report && (
        <Typography.Text type="secondary">
          {actions.review
            ? t('reviewOnlyAlert')
            : actions.signoff
              ? t('signoffOnlyAlert')
              : me.unit.id !== a.unitId
                ? t('otherUnitAlert', { unit: a.unitName, state: s(reportStateKey(report.state)) })
                : t('readOnlyAlert', { state: s(reportStateKey(report.state)) })}
        </Typography.Text>
      )}
      <Form<ReportValues>
        key={formKey}
        name="report"
        form={form}
        layout="vertical"
        disabled={!editable || busy}
        initialValues={initialValues(report, a)}
        onValuesChange={() => setDirty(true)}
        requiredMark={editable}
      >
        <Form.Item
          label={t('status')}
          name="status"
          rules={[{ required: true, message: t('statusRequired') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={STATUSES.map((x) => ({ value: x, label: s(x === 'done' ? 'status_done' : x) }))}
          />
        </Form.Item>
        <Form.Item label={t('summary')} name="summary" extra={editable ? t('summaryHelp') : undefined}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20_000} showCount={editable} />
        </Form.Item>
        <TargetFields assignment={a} form={form} />
        <MilestoneFields assignment={a} form={form} />
        {a.targets.length === 0 && a.milestones.length === 0 && (
          <Typography.Paragraph type="secondary">{t('noTargetsOrMilestones')}</Typography.Paragraph>
        )}
      </Form>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {s('evidence')}
        </Typography.Title>
        <EvidenceList
          attachments={report?.evidence ?? []}
          uploadPath={actions.uploadEvidence && report ? endpoints.reportEvidence(report.id) : undefined}
          canRemove={actions.uploadEvidence}
          onChanged={() => void invalidateSupervision(queryClient)}
        />
        {editable && !report && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {t('evidenceSaveFirst')}
          </Typography.Text>
        )}
      </div>
      {failed && (
        <div ref={failureRef}>
          <MutationAlert error={failed} onReload={reload} />
        </div>
      )}
      {kept !== null && (
        <Alert
          type={failed ? 'warning' : 'info'}
          showIcon
          closable={{ onClose: () => setKept(null) }}
          title={t('conflictKept')}
          description={
            <Typography.Paragraph copyable style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {kept}
            </Typography.Paragraph>
          }
        />
      )}
      {editable && (
        <Flex gap={8} wrap>
          <Button
            loading={save.isPending}
            disabled={busy}
            onClick={async () => {
              const values = await form.validateFields().catch(() => null);
              if (values) save.mutate(form.getFieldsValue(true));
            }}
          >
            {t('saveDraft')}
          </Button>
          <Popconfirm
            title={t('submitConfirm')}
            okText={s('confirm')}
            cancelText={s('cancel')}
            open={confirming}
            onOpenChange={(open) => {
              if (!open) setConfirming(false);
            }}
            onConfirm={() => {
              setConfirming(false);
              submit.mutate(form.getFieldsValue(true));
            }}
          >
            <Button type="primary" loading={submit.isPending} disabled={busy} onClick={checkThenConfirm}>
              {t('submit')}
            </Button>
          </Popconfirm>
        </Flex>
      )}
      {actions.signoff && report && (
        <DecisionBlock title={t('signoffTitle')}>
          <DecisionPanel
            approveLabel={t('signoffApprove')}
            rejectLabel={t('signoffReject')}
            commentLabel={t('commentLabel')}
            pending={pendingDecision}
            error={decide.error}
            onReload={reload}
            onDecide={(decision, comment) => decide.mutate({ kind: 'signoff', decision, comment })}
          />
        </DecisionBlock>
      )}
      {actions.review && report && (
        <DecisionBlock title={t('reviewTitle')}>
          <DecisionPanel
            approveLabel={t('reviewAccept')}
            rejectLabel={t('reviewReturn')}
            commentLabel={t('commentLabel')}
            rejectHint={t('commentPlaceholderReturn')}
            pending={pendingDecision}
            error={decide.error}
            onReload={reload}
            onDecide={(decision, comment) => decide.mutate({ kind: 'review', decision, comment })}
          />
        </DecisionBlock>
      )}
    </Flex>
  );
}

function DecisionBlock({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section
      aria-label={title}
      style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '12px 16px', background: '#fafcff' }}
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}
