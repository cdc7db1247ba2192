/** The second factor (TOTP) and sessions: one's own, and the security administrator's view of anyone's. */
import type { UserRole } from '@lantian/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { schemaOf } from './schemas.ts';

export const securityKeys = {
  factor: ['me', 'second-factor'] as const,
  sessions: ['me', 'sessions'] as const,
  userSessions: (userId: string) => ['users', userId, 'sessions'] as const,
  policy: ['second-factor-policy'] as const,
};

export function useFactorStatus() {
  return useQuery({
    queryKey: securityKeys.factor,
    queryFn: ({ signal }) => api.get('/me/second-factor', { schema: schemaOf('SecondFactorStatus'), signal }),
  });
}

export const factorActions = {
  start: () => api.post('/me/second-factor/enrolment', undefined, { schema: schemaOf('EnrolmentResponse') }),
  confirm: (code: string) =>
    api.post('/me/second-factor/confirmation', { code }, { schema: schemaOf('RecoveryCodesResponse') }),
  reset: (code: string) => api.post('/me/second-factor/reset', { code }, { schema: schemaOf('OkResponse') }),
  regenerate: (code: string) =>
    api.post('/me/second-factor/recovery-codes', { code }, { schema: schemaOf('RecoveryCodesResponse') }),
};

export function useMySessions() {
  return useQuery({
    queryKey: securityKeys.sessions,
    queryFn: ({ signal }) => api.get('/me/sessions', { schema: schemaOf('SessionsResponse'), signal }),
  });
}

export function endMySession(sessionId: string) {
  return api.delete(`/me/sessions/${encodeURIComponent(sessionId)}`, { schema: schemaOf('OkResponse') });
}

export function useUserSessions(userId: string | null) {
  return useQuery({
    queryKey: securityKeys.userSessions(userId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`/users/${encodeURIComponent(userId ?? '')}/sessions`, {
        schema: schemaOf('SessionsResponse'),
        signal,
      }),
    enabled: userId !== null,
  });
}

export function endUserSession(userId: string, sessionId: string) {
  return api.delete(`/users/${encodeURIComponent(userId)}/sessions/${encodeURIComponent(sessionId)}`, {
    schema: schemaOf('OkResponse'),
  });
}

export function useFactorPolicy(enabled: boolean) {
  return useQuery({
    queryKey: securityKeys.policy,
    queryFn: ({ signal }) =>
      api.get('/security/second-factor-policy', { schema: schemaOf('SecondFactorPolicy'), signal }),
    enabled,
  });
}

export function setFactorPolicy(roles: UserRole[]) {
  return api.put('/security/second-factor-policy', { roles }, { schema: schemaOf('SecondFactorPolicy') });
}

/** The security administrator resets a business user's second factor (a lost phone), with the reason. */
export function resetUserFactor(userId: string, reason: string) {
  return api.post(
    `/users/${encodeURIComponent(userId)}/second-factor/reset`,
    { reason },
    { schema: schemaOf('OkResponse') },
  );
}
