import { z } from 'zod';
import { FieldText, Id, IsoDateTime, UserRole } from './common.ts';
import { Page, Paged, PageSize } from './supervision-common.ts';

export const UserItem = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(UserRole),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lockedUntil: IsoDateTime.nullable(),
  lastLoginAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type UserItem = z.infer<typeof UserItem>;

/** One page of the accounts, optionally only those whose username or display name contains `q`. */
export const UsersQuery = z.strictObject({
  q: FieldText.trim().max(100).optional(),
  /** Only accounts holding this role, or (`awaiting`) those not granted any role yet. */
  role: z.union([UserRole, z.literal('awaiting')]).optional(),
  page: Page,
  pageSize: PageSize,
});
export type UsersQuery = z.infer<typeof UsersQuery>;

export const UsersResponse = z.object({ ...Paged, users: z.array(UserItem) });
export type UsersResponse = z.infer<typeof UsersResponse>;
export const UserResponse = z.object({ user: UserItem });

export const CreateUserRequest = z.strictObject({
  username: FieldText.trim().min(2).max(64),
  displayName: FieldText.trim().min(1).max(100).optional(),
  unitId: Id,
  /**
   * Initial password: it must be changed at first login. No roles here (三员分立): the account waits
   * (待授权) until the security administrator grants them.
   */
  password: FieldText.min(1).max(256),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const SetRolesRequest = z.strictObject({ roles: z.array(UserRole).min(1).max(7) });
export type SetRolesRequest = z.infer<typeof SetRolesRequest>;

export const ResetPasswordRequest = z.strictObject({ newPassword: FieldText.min(1).max(256) });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;
