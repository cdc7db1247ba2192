import {
  type AuditQuery,
  AuditResponse,
  AuditVerifyResponse,
  type CreateUnitRequest,
  type CreateUserRequest,
  DirectoryHistoryResponse,
  GroupResponse,
  type MergeUnitRequest,
  MergeUnitResponse,
  type SetGroupMembersRequest,
  UnitResponse,
  type UpdateUnitRequest,
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

/** Directory edits: rename, disable, enable, merge a unit; set a fixed group's members. */
export const unitActions = {
  update: (unitId: string, body: UpdateUnitRequest) =>
    api.patch(endpoints.unit(unitId), body, { schema: UnitResponse }),
  disable: (unitId: string, reason: string) =>
    api.post(endpoints.unitAction(unitId, 'disable'), { reason }, { schema: UnitResponse }),
  enable: (unitId: string, reason: string) =>
    api.post(endpoints.unitAction(unitId, 'enable'), { reason }, { schema: UnitResponse }),
  merge: (unitId: string, body: MergeUnitRequest) =>
    api.post(endpoints.unitAction(unitId, 'merge'), body, { schema: MergeUnitResponse }),
  setMembers: (groupId: string, body: SetGroupMembersRequest) =>
    api.put(endpoints.groupMembers(groupId), body, { schema: GroupResponse }),
};

/** One page of a unit's or a group's history (newest first). */
export function useDirectoryHistory(subject: { type: 'unit' | 'group'; id: string }, page: number) {
  return useQuery({
    queryKey: ['directory-history', subject.type, subject.id, page],
    queryFn: ({ signal }) =>
      api.get(
        subject.type === 'unit'
          ? endpoints.unitAction(subject.id, 'history')
          : endpoints.groupHistory(subject.id),
        {
          schema: DirectoryHistoryResponse,
          query: { page: String(page), pageSize: '20' },
          signal,
        },
      ),
    placeholderData: keepPreviousData,
  });
}
