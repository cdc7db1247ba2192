/**
 * The steps the caller may take on a case now (`actions` from the server): each a small form that sends
 * the version last seen; a 409 says someone came first and offers to reload. Evidence uploads come
 * before feedback (the server refuses feedback without evidence).
 */
import type { CaseDetail } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { type CaseStep, caseEvidencePath, caseStep, invalidateCases } from '../../api/cases.ts';
import { getFeedback } from '../../api/feedback.tsx';
import { useUnits } from '../../api/plans.ts';
import { type Decision, DecisionPanel } from '../../components/DecisionPanel.tsx';
import { EvidenceList } from '../../components/EvidenceList.tsx';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { caseDetailMessages } from './detailMessages.ts';

function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      {children}
    </Card>
  );
}

export function CaseActions({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const t = useT(caseDetailMessages);
  const qc = useQueryClient();
  const units = useUnits();
  const [decision, setDecision] = useState<{ step: CaseStep; d: Decision } | null>(null);
  const run = useMutation({
    mutationFn: (v: { step: CaseStep; body: Record<string, unknown> }) =>
      caseStep(c.id, v.step, { version: c.version, ...v.body }),
    onSuccess: async () => {
      getFeedback()?.message.success(t('done'));
      await invalidateCases(qc);
    },
    onSettled: () => setDecision(null),
  });
  const pendingOf = (step: CaseStep) => (run.isPending && decision?.step === step ? decision.d : null);
  const errorOf = (step: CaseStep) => (run.variables?.step === step ? run.error : null);
  const decide = (step: CaseStep, yes: string, no: string, key: string) => (d: Decision, comment: string) => {
    setDecision({ step, d });
    run.mutate({ step, body: { [key]: d === 'approve' ? yes : no, ...(comment ? { comment } : {}) } });
  };
  const [dispatchForm] = Form.useForm<{ unitId: string; comment?: string }>();
  const [feedbackForm] = Form.useForm<{ text: string }>();
  const [extensionForm] = Form.useForm<{ requestedDue: Dayjs; reason: string }>();
  const a = c.actions;
  const any = Object.values(a).some(Boolean);
  return (
    <>
      {a.verify && (
        <Step title={t('stepVerify')}>
          <DecisionPanel
            approveLabel={t('verifyApprove')}
            rejectLabel={t('verifyVoid')}
            rejectHint={t('voidHint')}
            pending={pendingOf('verify')}
            error={errorOf('verify')}
            onReload={onReload}
            onDecide={decide('verify', 'verify', 'void', 'decision')}
          />
        </Step>
      )}
      {a.dispatch && (
        <Step title={t('stepDispatch')}>
          <Form
            form={dispatchForm}
            layout="vertical"
            initialValues={{ unitId: c.suggestedUnit?.id }}
            onFinish={(v) =>
              run.mutate({
                step: 'dispatch',
                body: { unitId: v.unitId, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) },
              })
            }
          >
            <Form.Item
              name="unitId"
              label={t('dispatchUnit')}
              extra={c.suggestedUnit ? t('suggested', { name: c.suggestedUnit.name }) : undefined}
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={units.isPending}
                options={(units.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item name="comment" label={t('comment')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <MutationAlert error={errorOf('dispatch')} onReload={onReload} />
            <Button
              type="primary"
              htmlType="submit"
              loading={run.isPending && run.variables?.step === 'dispatch'}
            >
              {t('dispatch')}
            </Button>
          </Form>
        </Step>
      )}
      {a.sign && (
        <Step title={t('stepSign')}>
          <DecisionPanel
            approveLabel={t('signApprove')}
            rejectLabel={t('signReturn')}
            rejectHint={t('returnHint')}
            pending={pendingOf('sign')}
            error={errorOf('sign')}
            onReload={onReload}
            onDecide={decide('sign', 'sign', 'return', 'decision')}
          />
        </Step>
      )}
      {a.rectify && (
        <Step title={t('stepRectify')}>
          <MutationAlert error={errorOf('rectify')} onReload={onReload} />
          <Button
            type="primary"
            loading={run.isPending && run.variables?.step === 'rectify'}
            onClick={() => run.mutate({ step: 'rectify', body: {} })}
          >
            {t('startRectify')}
          </Button>
        </Step>
      )}
      {(a.uploadEvidence || a.feedback) && (
        <Step title={t('stepFeedback')}>
          <Typography.Paragraph type="secondary">{t('feedbackHint')}</Typography.Paragraph>
          <EvidenceList
            attachments={c.evidence}
            uploadPath={a.uploadEvidence ? caseEvidencePath(c.id) : undefined}
            onChanged={() => invalidateCases(qc)}
          />
          {a.feedback && (
            <Form
              form={feedbackForm}
              layout="vertical"
              style={{ marginTop: 12 }}
              onFinish={(v) => run.mutate({ step: 'feedback', body: { text: v.text.trim() } })}
            >
              <Form.Item
                name="text"
                label={t('feedbackText')}
                rules={[{ required: true, whitespace: true, message: t('required') }]}
              >
                <Input.TextArea rows={4} maxLength={8000} showCount />
              </Form.Item>
              <MutationAlert error={errorOf('feedback')} onReload={onReload} />
              <Button
                type="primary"
                htmlType="submit"
                loading={run.isPending && run.variables?.step === 'feedback'}
              >
                {t('submitFeedback')}
              </Button>
            </Form>
          )}
        </Step>
      )}
      {a.check && (
        <Step title={t('stepCheck')}>
          <DecisionPanel
            approveLabel={t('checkClose')}
            rejectLabel={t('checkRework')}
            rejectHint={t('reworkHint')}
            pending={pendingOf('check')}
            error={errorOf('check')}
            onReload={onReload}
            onDecide={decide('check', 'close', 'rework', 'decision')}
          />
        </Step>
      )}
      {a.revisit && (
        <Step title={t('stepRevisit')}>
          <DecisionPanel
            approveLabel={t('revisitConfirm')}
            rejectLabel={t('revisitReopen')}
            rejectHint={t('reopenHint')}
            pending={pendingOf('revisit')}
            error={errorOf('revisit')}
            onReload={onReload}
            onDecide={decide('revisit', 'confirmed', 'reopen', 'outcome')}
          />
        </Step>
      )}
      {a.decideExtension && c.extension && (
        <Step title={t('stepDecideExtension', { due: c.extension.requestedDue })}>
          <Typography.Paragraph>{c.extension.reason}</Typography.Paragraph>
          <DecisionPanel
            approveLabel={t('extensionApprove')}
            rejectLabel={t('extensionRefuse')}
            rejectHint={t('refuseHint')}
            pending={pendingOf('extension/decision')}
            error={errorOf('extension/decision')}
            onReload={onReload}
            onDecide={decide('extension/decision', 'approve', 'refuse', 'decision')}
          />
        </Step>
      )}
      {a.requestExtension && (
        <Step title={t('stepExtension')}>
          <Form
            form={extensionForm}
            layout="vertical"
            onFinish={(v) =>
              run.mutate({
                step: 'extension',
                body: { requestedDue: v.requestedDue.format('YYYY-MM-DD'), reason: v.reason.trim() },
              })
            }
          >
            <Flex gap={12} wrap>
              <Form.Item
                name="requestedDue"
                label={t('requestedDue')}
                rules={[{ required: true, message: t('required') }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('extensionReason')}
                style={{ flex: 1, minWidth: 240 }}
                rules={[{ required: true, whitespace: true, message: t('required') }]}
              >
                <Input maxLength={4000} />
              </Form.Item>
            </Flex>
            <MutationAlert error={errorOf('extension')} onReload={onReload} />
            <Button htmlType="submit" loading={run.isPending && run.variables?.step === 'extension'}>
              {t('askExtension')}
            </Button>
          </Form>
        </Step>
      )}
      {!any && <Typography.Paragraph type="secondary">{t('nothingToDo')}</Typography.Paragraph>}
    </>
  );
}
