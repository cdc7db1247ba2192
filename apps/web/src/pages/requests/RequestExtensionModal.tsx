import type { AssignmentBrief } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { getFeedback } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { extensionActions } from '../../api/requests.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { day } from '../../lib/time.ts';
import { dueInForce } from '../reporting/reportModel.ts';
import { requestMessages } from './messages.ts';

const FINAL = 'final';

/** What can be extended: each milestone, and the final deadline when it has a date; with the date in force. */
export function extendable(a: AssignmentBrief) {
  const out = [...a.milestones]
    .sort((x, y) => x.due.localeCompare(y.due))
    .map((m) => ({ key: m.id, raw: m.raw, due: dueInForce(a, m.id, m.due).due ?? m.due, milestone: true }));
  const planned = a.deadline.kind === 'ongoing' ? null : (a.deadline.end ?? a.deadline.due);
  if (planned)
    out.push({
      key: FINAL,
      raw: a.deadline.raw,
      due: dueInForce(a, null, planned).due ?? planned,
      milestone: false,
    });
  return out;
}

/** 延期申请: a milestone or the deadline, the new date (later than the one in force) and why. */
export function RequestExtensionModal({
  assignment: a,
  onClose,
}: {
  assignment: AssignmentBrief;
  onClose: () => void;
}) {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ subject: string; requestedDue: string; reason: string }>();
  const options = extendable(a);
  const subject = Form.useWatch('subject', form);
  const current = options.find((o) => o.key === subject)?.due;
  const request = useMutation({
    mutationFn: (v: { subject: string; requestedDue: string; reason: string }) =>
      extensionActions.request(a.id, {
        milestoneId: v.subject === FINAL ? null : v.subject,
        requestedDue: v.requestedDue,
        reason: v.reason.trim(),
      }),
    meta: { silent: true },
    onSuccess(x) {
      getFeedback()?.message.success(
        t(x.extension.signoff?.state === 'pending' ? 'extRequestedHeld' : 'extRequested'),
      );
      void invalidateSupervision(queryClient);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('requestExtTitle', { no: `${a.task}.${a.seq}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={s('confirm')}
      cancelText={s('cancel')}
      okButtonProps={{ disabled: options.length === 0 }}
      confirmLoading={request.isPending}
      destroyOnHidden
      width={560}
    >
      {options.length === 0 ? (
        <Typography.Paragraph>{t('noExtendable')}</Typography.Paragraph>
      ) : (
        <Form
          form={form}
          name="extensionRequest"
          layout="vertical"
          initialValues={{ subject: options[0]?.key }}
          onFinish={(v) => request.mutate(v)}
        >
          <Form.Item label={t('extWhat')} name="subject" rules={[{ required: true, message: t('required') }]}>
            <Select
              options={options.map((o) => ({
                value: o.key,
                label: o.milestone
                  ? t('extMilestone', { raw: o.raw, due: o.due })
                  : t('extFinal', { raw: o.raw, due: o.due }),
              }))}
            />
          </Form.Item>
          <Form.Item
            label={t('extNewDate')}
            name="requestedDue"
            extra={t('extNewDateHelp')}
            rules={[{ required: true, message: t('required') }]}
            getValueProps={(v: string | undefined) => ({ value: v ? day(v) : null })}
            normalize={(d: { format(f: string): string } | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
          >
            <DatePicker
              style={{ width: 220 }}
              disabledDate={(d) => !!current && d.format('YYYY-MM-DD') <= current}
            />
          </Form.Item>
          <Form.Item
            label={t('extReason')}
            name="reason"
            extra={t('extReasonHelp')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
          <MutationAlert error={request.error} />
        </Form>
      )}
    </Modal>
  );
}
