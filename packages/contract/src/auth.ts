import { z } from 'zod';
import { FieldText, IsoDateTime, UnitKind, UserRole } from './common.ts';

export const LoginRequest = z.strictObject({
  username: FieldText.min(1).max(64),
  password: FieldText.min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: FieldText.min(1).max(256),
  newPassword: FieldText.min(1).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** Who is signed in: returned by `GET /me`, by login and by a password change. */
export const MeResponse = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  unit: z.object({ id: z.string(), name: z.string(), fullName: z.string(), kind: UnitKind }),
  roles: z.array(UserRole),
  /** True when the password must be changed before anything else (first login, reset, expiry). */
  mustChangePassword: z.boolean(),
  /** True when the reason is the password's age. */
  passwordExpired: z.boolean(),
  session: z.object({
    expiresAt: IsoDateTime,
    idleTimeoutSeconds: z.number().int(),
  }),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const LoginResponse = MeResponse;
export type LoginResponse = MeResponse;
