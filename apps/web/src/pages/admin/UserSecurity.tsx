/**
 * The security administrator's view of accounts' security: an account's sessions, the reset of a
 * business user's second factor, and the two-factor policy.
 */
import type { UserItem, UserRole } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorText, getFeedback } from '../../api/feedback.tsx';
import {
  endUserSession,
  resetUserFactor,
  securityKeys,
  setFactorPolicy,
  useFactorPolicy,
  useUserSessions,
} from '../../api/security.ts';
import { roleMessages } from '../../auth/messages.ts';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useLocale, useT } from '../../i18n/LocaleProvider.tsx';
import { securityMessages } from '../security/messages.ts';
import { SessionsTable } from '../security/SessionsTable.tsx';

export function UserSessionsModal({ user, onClose }: { user: UserItem; onClose(): void }) {
  const t = useT(securityMessages);
  const sessions = useUserSessions(user.id);
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: (sessionId: string) => endUserSession(user.id, sessionId),
    onSuccess() {
      getFeedback()?.message.success(t('ended'));
      void queryClient.invalidateQueries({ queryKey: securityKeys.userSessions(user.id) });
    },
  });
  return (
    <Modal
      open
      width={820}
      title={t('userSessionsTitle', { name: user.displayName || user.username })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('close')}</Button>}
    >
      {sessions.isPending ? (
        <LoadingState rows={3} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <SessionsTable
          sessions={sessions.data.sessions}
          own={false}
          ending={end.isPending}
          onEnd={(s) => end.mutate(s.id)}
        />
      )}
    </Modal>
  );
}

/**
 * Reset a business user's second factor (a lost phone and no recovery code): a confirmation with the
 * consequences and a reason, kept in the audit trail. The user's sessions end and they enrol again.
 */
export function ResetFactorModal({ user, onClose }: { user: UserItem; onClose(): void }) {
  const t = useT(securityMessages);
  const { lang } = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const name = user.displayName || user.username;
  const reset = useMutation({
    mutationFn: (reason: string) => resetUserFactor(user.id, reason),
    meta: { silent: true },
    onSuccess() {
      getFeedback()?.message.success(t('resetFactorDone', { name }), 6);
      void queryClient.invalidateQueries({ queryKey: securityKeys.userSessions(user.id) });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('resetFactorTitle', { name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('resetFactorConfirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('resetFactorHint')}</Typography.Paragraph>
      {reset.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorText(reset.error, lang)}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.reason.trim())}>
        <Form.Item
          label={t('resetFactorReason')}
          name="reason"
          rules={[{ required: true, whitespace: true, min: 2, message: t('resetFactorReasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder={t('resetFactorReasonHelp')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Which business roles must also enrol a second factor (the administrators and supervisors always). */
export function FactorPolicyCard() {
  const t = useT(securityMessages);
  const tr = useT(roleMessages);
  const policy = useFactorPolicy(true);
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<UserRole[]>([]);
  useEffect(() => {
    if (policy.data) setRoles(policy.data.roles);
  }, [policy.data]);
  const save = useMutation({
    mutationFn: setFactorPolicy,
    onSuccess(data) {
      queryClient.setQueryData(securityKeys.policy, data);
      getFeedback()?.message.success(t('saved'));
    },
  });
  return (
    <Card size="small" title={<h2 className="card-heading">{t('policyCard')}</h2>}>
      {policy.isPending ? (
        <LoadingState rows={2} />
      ) : policy.isError ? (
        <ErrorState error={policy.error} onRetry={() => policy.refetch()} />
      ) : (
        <Flex vertical gap={12} align="flex-start">
          {policy.data.mode === 'optional' && (
            <Alert type="warning" showIcon title={t('policyOptionalMode')} />
          )}
          <span>{t('policyFixed')}</span>
          <Checkbox.Group<UserRole>
            value={roles}
            onChange={setRoles}
            options={policy.data.optionalRoles.map((r) => ({ value: r, label: tr(r) }))}
          />
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate(roles)}>
            {t('save')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
