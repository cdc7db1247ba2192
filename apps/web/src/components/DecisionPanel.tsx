import { Button, Flex, Form, Input } from 'antd';
import { useT } from '../i18n/LocaleProvider.tsx';
import { MutationAlert } from './MutationAlert.tsx';
import { supervisionMessages } from './supervisionMessages.ts';

export type Decision = 'approve' | 'reject';

/**
 * Approve or turn down, with a comment that is required to turn down: a report's sign-off and review,
 * a notice reply's acceptance, an extension or closure decision.
 */
export function DecisionPanel({
  approveLabel,
  rejectLabel,
  commentLabel,
  rejectHint,
  pending,
  error,
  onReload,
  onDecide,
}: {
  approveLabel: string;
  rejectLabel: string;
  commentLabel?: string;
  /** Placeholder of the comment box: what a refusal must say. */
  rejectHint?: string;
  pending: Decision | null;
  error: unknown;
  onReload?: () => void;
  onDecide: (decision: Decision, comment: string) => void;
}) {
  const t = useT(supervisionMessages);
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = async (decision: Decision) => {
    if (decision === 'reject') {
      const comment = (form.getFieldValue('comment') ?? '').trim();
      if (!comment) {
        form.setFields([{ name: 'comment', errors: [t('commentRequired')] }]);
        form.getFieldInstance('comment')?.focus?.();
        return;
      }
    }
    form.setFields([{ name: 'comment', errors: [] }]);
    onDecide(decision, (form.getFieldValue('comment') ?? '').trim());
  };
  return (
    <Form form={form} name="decision" layout="vertical" disabled={pending !== null}>
      <Form.Item label={commentLabel ?? t('comment')} name="comment">
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={rejectHint}
          onChange={() => form.setFields([{ name: 'comment', errors: [] }])}
        />
      </Form.Item>
      <MutationAlert error={error} onReload={onReload} />
      <Flex gap={8} wrap style={{ marginTop: error ? 12 : 0 }}>
        <Button type="primary" loading={pending === 'approve'} onClick={() => decide('approve')}>
          {approveLabel}
        </Button>
        <Button danger loading={pending === 'reject'} onClick={() => decide('reject')}>
          {rejectLabel}
        </Button>
      </Flex>
    </Form>
  );
}
