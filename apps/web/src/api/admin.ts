import {
  type AuditQuery,
  AuditResponse,
  AuditVerifyResponse,
  type CreateUnitRequest,
  type CreateUserRequest,
  UnitResponse,
  UserActivationResponse,
  UserResponse,
  type UserRole,
  UsersResponse,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';

export const adminKeys = { users: ['users'] as const, audit: ['audit'] as const };

/** One page of the accounts, optionally searched by username, display name or unit. */
export function useUsers(q: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...adminKeys.users, q],
    queryFn: ({ signal }) =>
      api.get(endpoints.users, { schema: UsersResponse, query: { ...q, q: q.q || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const userActions = {
  create: (body: CreateUserRequest) => api.post(endpoints.users, body, { schema: UserActivationResponse }),
  disable: (userId: string) => api.post(endpoints.userDisable(userId), undefined, { schema: UserResponse }),
  enable: (userId: string) => api.post(endpoints.userEnable(userId), undefined, { schema: UserResponse }),
  unlock: (userId: string) => api.post(endpoints.userUnlock(userId), undefined, { schema: UserResponse }),
  setRoles: (userId: string, roles: UserRole[]) =>
    api.post(endpoints.userRoles(userId), { roles }, { schema: UserResponse }),
  /** No password: the old one ends and an activation code goes to the owner (or the unit's leaders). */
  resetPassword: (userId: string) =>
    api.post(endpoints.userResetPassword(userId), {}, { schema: UserActivationResponse }),
};

export function createUnit(body: CreateUnitRequest) {
  return api.post(endpoints.units, body, { schema: UnitResponse });
}

export function fetchAudit(query: AuditQuery, signal?: AbortSignal) {
  return api.get(endpoints.audit, { schema: AuditResponse, query: { ...query }, signal });
}

export function verifyAudit() {
  return api.get(endpoints.auditVerify, { schema: AuditVerifyResponse });
}
