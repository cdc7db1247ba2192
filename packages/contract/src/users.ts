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

/**
 * Where a one-time activation code went: the user's own e-mail address, the unit's leaders (in the
 * notification centre, and by e-mail where they gave one), or nowhere but the server
 * (`npx lantian user activation-code`). The code itself is never in an answer.
 */
export const ActivationDelivery = z.enum(['email', 'unit_leader', 'server']);
export type ActivationDelivery = z.infer<typeof ActivationDelivery>;
export const ActivationIssued = z.object({ deliveredTo: ActivationDelivery, expiresAt: IsoDateTime });
export type ActivationIssued = z.infer<typeof ActivationIssued>;
export const UserActivationResponse = z.object({ user: UserItem, activation: ActivationIssued });
export type UserActivationResponse = z.infer<typeof UserActivationResponse>;

/**
 * A new account. No password (nobody but its owner learns it: an activation code is issued) and no
 * roles (三员分立: the account waits, 待授权, until the security administrator grants them).
 */
export const CreateUserRequest = z.strictObject({
  username: FieldText.trim().min(2).max(64),
  displayName: FieldText.trim().min(1).max(100).optional(),
  unitId: Id,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** The owner sets their own password with the code they received (`POST /auth/activate`, no session). */
export const ActivateRequest = z.strictObject({
  username: FieldText.trim().min(1).max(64),
  code: FieldText.trim().min(1).max(64),
  newPassword: FieldText.min(1).max(256),
});
export type ActivateRequest = z.infer<typeof ActivateRequest>;
export const ActivateResponse = z.object({ activated: z.literal(true), username: z.string() });
export type ActivateResponse = z.infer<typeof ActivateResponse>;

export const SetRolesRequest = z.strictObject({ roles: z.array(UserRole).min(1).max(7) });
export type SetRolesRequest = z.infer<typeof SetRolesRequest>;

/** A reset sets no password: the old one stops working and an activation code is issued. */
export const ResetPasswordRequest = z.strictObject({});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;
