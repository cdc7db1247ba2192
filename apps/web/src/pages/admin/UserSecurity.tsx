/** The security administrator's view of accounts' security: an account's sessions, and the two-factor policy. */
import type { UserItem, UserRole } from '@lantian/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { getFeedback } from '../../api/feedback.tsx';
import {
  endUserSession,
  securityKeys,
  setFactorPolicy,
  useFactorPolicy,
  useUserSessions,
} from '../../api/security.ts';
import { roleMessages } from '../../auth/messages.ts';
import { ErrorState, LoadingState } from '../../components/PageStates.tsx';
import { useT } from '../../i18n/LocaleProvider.tsx';
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
