import type { PlanSummary, Task } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { errorText, getFeedback } from '../../api/feedback.tsx';
import { correctPlan, correctTask } from '../../api/planEdits.ts';
import { planKeys } from '../../api/plans.ts';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { importMessages } from './messages.ts';

/** Correct a task's name (the parser may have merged a page-break variant wrongly). */
export function TaskNameEditor({
  planId,
  task,
  onClose,
}: {
  planId: string;
  task: Task | undefined;
  onClose: () => void;
}) {
  const t = useT(importMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; reason?: string }>();
  const save = useMutation({
    mutationFn: (v: { name: string; reason?: string }) =>
      correctTask(planId, task?.id ?? '', { name: v.name.trim(), reason: v.reason?.trim() || undefined }),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) });
      onClose();
    },
  });
  if (!task) return null;
  return (
    <Modal
      open
      title={`${t('editTask')} · ${task.no}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(save.error, lang)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: task.name }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label={t('taskName')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('reason')} name="reason">
          <Input placeholder={t('reasonPlaceholder')} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Correct the plan's title and year (the year drives every "年底前"). */
export function PlanNameEditor({ plan, onClose }: { plan: PlanSummary; onClose: () => void }) {
  const t = useT(importMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ title: string; year: number; reason?: string }>();
  const save = useMutation({
    mutationFn: (v: { title: string; year: number; reason?: string }) =>
      correctPlan(plan.id, {
        version: plan.version,
        ...(v.title.trim() !== plan.title ? { title: v.title.trim() } : {}),
        ...(v.year !== plan.year ? { year: v.year } : {}),
        reason: v.reason?.trim() || undefined,
      }),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('saved'));
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('editPlan')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(save.error, lang)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: plan.title, year: plan.year }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          label={t('planTitle')}
          name="title"
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('yearLabel')} name="year" rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={1990} max={2100} precision={0} />
        </Form.Item>
        <Form.Item label={t('reason')} name="reason">
          <Input placeholder={t('reasonPlaceholder')} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
