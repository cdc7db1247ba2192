import type {
  AuditQuery,
  CreateUnitRequest,
  CreateUserRequest,
  MergeUnitRequest,
  SetGroupMembersRequest,
  UpdateUnitRequest,
  UserRole,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { schemaOf } from './schemas.ts';

export const adminKeys = { users: ['users'] as const, audit: ['audit'] as const };

/** One page of the accounts, optionally searched by username, display name or unit. */
export function useUsers(q: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...adminKeys.users, q],
    queryFn: ({ signal }) =>
      api.get(endpoints.users, {
        schema: schemaOf('UsersResponse'),
        query: { ...q, q: q.q || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const userActions = {
  create: (body: CreateUserRequest) =>
    api.post(endpoints.users, body, { schema: schemaOf('UserActivationResponse') }),
  disable: (userId: string) =>
    api.post(endpoints.userDisable(userId), undefined, { schema: schemaOf('UserResponse') }),
  enable: (userId: string) =>
    api.post(endpoints.userEnable(userId), undefined, { schema: schemaOf('UserResponse') }),
  unlock: (userId: string) =>
    api.post(endpoints.userUnlock(userId), undefined, { schema: schemaOf('UserResponse') }),
  setRoles: (userId: string, roles: UserRole[]) =>
    api.post(endpoints.userRoles(userId), { roles }, { schema: schemaOf('UserResponse') }),
  /** No password: the old one ends and an activation code goes to the owner (or the unit's leaders). */
  resetPassword: (userId: string) =>
    api.post(endpoints.userResetPassword(userId), {}, { schema: schemaOf('UserActivationResponse') }),
};

export function createUnit(body: CreateUnitRequest) {
  return api.post(endpoints.units, body, { schema: schemaOf('UnitResponse') });
}

export function fetchAudit(query: AuditQuery, signal?: AbortSignal) {
  return api.get(endpoints.audit, { schema: schemaOf('AuditResponse'), query: { ...query }, signal });
}

export function verifyAudit() {
  return api.get(endpoints.auditVerify, { schema: schemaOf('AuditVerifyResponse') });
}

/** Directory edits: rename, disable, enable, merge a unit; set a fixed group's members. */
export const unitActions = {
  update: (unitId: string, body: UpdateUnitRequest) =>
    api.patch(endpoints.unit(unitId), body, { schema: schemaOf('UnitResponse') }),
  disable: (unitId: string, reason: string) =>
    api.post(endpoints.unitAction(unitId, 'disable'), { reason }, { schema: schemaOf('UnitResponse') }),
  enable: (unitId: string, reason: string) =>
    api.post(endpoints.unitAction(unitId, 'enable'), { reason }, { schema: schemaOf('UnitResponse') }),
  merge: (unitId: string, body: MergeUnitRequest) =>
    api.post(endpoints.unitAction(unitId, 'merge'), body, { schema: schemaOf('MergeUnitResponse') }),
  setMembers: (groupId: string, body: SetGroupMembersRequest) =>
    api.put(endpoints.groupMembers(groupId), body, { schema: schemaOf('GroupResponse') }),
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
          schema: schemaOf('DirectoryHistoryResponse'),
          query: { page: String(page), pageSize: '20' },
          signal,
        },
      ),
    placeholderData: keepPreviousData,
  });
}
