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
  /**
   * The second factor (TOTP): `mustEnrol` — it is required and not enrolled yet, so nothing but
   * enrolment is allowed until it is (the web leads there after the password).
   */
  secondFactor: z.object({ enrolled: z.boolean(), required: z.boolean(), mustEnrol: z.boolean() }),
  session: z.object({
    /** This session's id, as `GET /me/sessions` lists it. */
    id: z.string(),
    expiresAt: IsoDateTime,
    idleTimeoutSeconds: z.number().int(),
  }),
});
export type MeResponse = z.infer<typeof MeResponse>;

/**
 * The password was right and the account has a second factor: no session yet. Send the code (or a
 * recovery code) with `challenge` to `POST /auth/login/second-factor` before `expiresAt`.
 */
export const SecondFactorChallenge = z.object({
  secondFactor: z.literal('required'),
  challenge: z.string(),
  expiresAt: IsoDateTime,
});
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallenge>;

export const LoginResponse = z.union([SecondFactorChallenge, MeResponse]);
export type LoginResponse = z.infer<typeof LoginResponse>;

export const isSecondFactorChallenge = (r: LoginResponse): r is SecondFactorChallenge =>
  'challenge' in r && r.secondFactor === 'required';

/** A six-digit code from the authenticator app, or a recovery code (`XXXX-XXXX-XXXX`). */
export const FactorCode = FieldText.trim()
  .min(6)
  .max(20)
  .regex(/^[0-9A-Za-z\s-]+$/, '验证码只含数字、字母和连字符');

export const SecondStepRequest = z.strictObject({
  challenge: FieldText.min(20).max(100),
  code: FactorCode,
});
export type SecondStepRequest = z.infer<typeof SecondStepRequest>;
