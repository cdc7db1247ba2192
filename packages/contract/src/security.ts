/** The second factor (TOTP) and sessions: enrolment, recovery codes, the role policy, session lists. */
import { z } from 'zod';
import { FactorCode } from './auth.ts';
import { FieldText, Id, IsoDateTime, UserRole } from './common.ts';

export const SecondFactorStatus = z.object({
  enrolled: z.boolean(),
  required: z.boolean(),
  confirmedAt: IsoDateTime.nullable(),
  /** Unused recovery codes. */
  recoveryCodesLeft: z.number().int(),
  /**
   * The reset that left a re-enrolment owed (until a new factor is confirmed): who reset it (their display
   * name or username; null when it was done on the server with `npx lantian user reset-2fa`), when, and the
   * reason they gave. Null when none is owed.
   */
  reset: z.object({ byName: z.string().nullable(), at: IsoDateTime, reason: z.string() }).nullable(),
});
export type SecondFactorStatus = z.infer<typeof SecondFactorStatus>;

/** A new secret to enrol: type `secret` by hand, or scan `qrSvg` (the `uri` as a QR code, SVG). */
export const EnrolmentResponse = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export type EnrolmentResponse = z.infer<typeof EnrolmentResponse>;

export const FactorCodeRequest = z.strictObject({ code: FactorCode });
export type FactorCodeRequest = z.infer<typeof FactorCodeRequest>;

/** The security administrator resets a business user's factor (a lost phone): why, kept in the audit trail. */
export const ResetUserFactorRequest = z.strictObject({ reason: FieldText.trim().min(2).max(500) });
export type ResetUserFactorRequest = z.infer<typeof ResetUserFactorRequest>;

/** Ten one-time recovery codes: shown once, stored only as hashes. */
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;

/** Business roles the security administrator may add to the second-factor requirement. */
export const PolicyFactorRole = z.enum(['unit_leader', 'unit_staff', 'viewer']);

export const SecondFactorPolicy = z.object({
  /** `optional` only in development and automated tests (LANTIAN_SECOND_FACTOR). */
  mode: z.enum(['required', 'optional']),
  /** Always required: the three administrators and supervisors. */
  fixedRoles: z.array(UserRole),
  /** Also required by the policy. */
  roles: z.array(UserRole),
  /** What the policy may add. */
  optionalRoles: z.array(UserRole),
});
export type SecondFactorPolicy = z.infer<typeof SecondFactorPolicy>;

export const SetSecondFactorPolicyRequest = z.strictObject({ roles: z.array(PolicyFactorRole).max(3) });
export type SetSecondFactorPolicyRequest = z.infer<typeof SetSecondFactorPolicyRequest>;

export const SessionItem = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  expiresAt: IsoDateTime,
  ip: z.string().nullable(),
  /** A short summary of the user agent (浏览器 · 系统). */
  device: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionItem = z.infer<typeof SessionItem>;

export const SessionsResponse = z.object({ sessions: z.array(SessionItem), limit: z.number().int() });
export type SessionsResponse = z.infer<typeof SessionsResponse>;

export const SessionParams = z.strictObject({ sessionId: Id });
export const UserSessionParams = z.strictObject({ userId: Id, sessionId: Id });
