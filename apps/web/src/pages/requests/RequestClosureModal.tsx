import type { AssignmentBrief } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { invalidateSupervision } from '../../api/invalidate.ts';
import { closureActions } from '../../api/requests.ts';
import { MutationAlert } from '../../components/MutationAlert.tsx';
import { supervisionMessages } from '../../components/supervisionMessages.ts';
import { useT } from '../../i18n/LocaleProvider.tsx';
import { requestMessages } from './messages.ts';

/** 销号, first step: what was achieved. The request is saved as a draft; evidence and submission follow. */
export function RequestClosureModal({
  assignment: a,
  onClose,
  onCreated,
}: {
  assignment: AssignmentBrief;
  onClose: () => void;
  onCreated: (closureId: string) => void;
}) {
  const t = useT(requestMessages);
  const s = useT(supervisionMessages);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ summary: string }>();
  const create = useMutation({
    mutationFn: (summary: string) => closureActions.create(a.id, summary.trim()),
    meta: { silent: true },
    onSuccess(r) {
      void invalidateSupervision(queryClient);
      onCreated(r.closure.id);
    },
  });
  return (
    <Modal
      open
      title={t('closureRequestTitle', { no: `${a.task}.${a.seq}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('closureCreate')}
      cancelText={s('cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={600}
    >
      <Form form={form} name="closureRequest" layout="vertical" onFinish={(v) => create.mutate(v.summary)}>
        <Form.Item
          label={t('closureSummary')}
          name="summary"
          extra={t('closureSummaryHelp')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={5} maxLength={8000} showCount />
        </Form.Item>
        <MutationAlert error={create.error} />
      </Form>
    </Modal>
  );
}
