import type { PlanSummary } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { getFeedback, showError } from '../../api/feedback.tsx';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { retirePlan } from '../../api/planEdits.ts';
import { planKeys } from '../../api/plans.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { planMessages } from './messages.ts';

export type RetireMode = 'archive' | 'withdraw';

/** 归档 or 撤回 a published plan, with the reason the audit trail keeps. */
export function RetirePlanModal({
  plan,
  mode,
  onClose,
}: {
  plan: PlanSummary;
  mode: RetireMode;
  onClose: () => void;
}) {
  const t = useT(planMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const retire = useMutation({
    mutationFn: (reason: string) => retirePlan(plan.id, mode, reason),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.all }),
        invalidateSupervision(queryClient),
      ]);
      getFeedback()?.message.success(mode === 'archive' ? t('archivedDone') : t('withdrawnDone'));
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal
      open
      title={`${mode === 'archive' ? t('archiveTitle') : t('withdrawTitle')}：${plan.title}`}
      okText={mode === 'archive' ? t('archive') : t('withdraw')}
      okButtonProps={{ danger: mode === 'withdraw', loading: retire.isPending }}
      onOk={() => form.validateFields().then((v) => retire.mutate(v.reason.trim()))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={mode === 'archive' ? t('archiveHint') : t('withdrawHint')} />
      <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item
          name="reason"
          label={t('retireReason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('retireReasonNeeded') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
