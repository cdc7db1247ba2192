/** Tables of the security controls: sole-signer units, known login sources, activation codes. */
import type { Flag } from './schema.ts';

/**
 * Four eyes at a unit's sign-off: whoever wrote a report (or a request) does not sign it off. A unit
 * with one person can be marked by the office as a sole signer, with a reason; every change is audited.
 */
export interface UnitSignoffSettingsTable {
  unit_id: string;
  sole_signer: Flag;
  reason: string;
  updated_by: string | null;
  updated_at: string;
}

/** An account's TOTP secret (migration 2026-12-03-50): encrypted, confirmed by a first code, replay-guarded. */
export interface UserTotpTable {
  user_id: string;
  /** AES-256-GCM under the secret key (base64 of iv, tag, ciphertext). */
  secret: string;
  created_at: string;
  /** Null until the first code confirmed the enrolment. */
  confirmed_at: string | null;
  /** The last time step accepted: a code of that step or earlier is refused. */
  last_step: number;
}

/** One-time recovery codes (keyed hashes), ten per enrolment. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** The second login step: a correct password gives a challenge (its hash here), never a session. */
export interface LoginChallengesTable {
  id: string;
  user_id: string;
  source: string;
  created_at: string;
  expires_at: string;
  failures: number;
}

/** Roles the security administrator's policy requires a second factor of (beyond the fixed ones). */
export interface SecondFactorRolesTable {
  role: string;
  updated_by: string | null;
  updated_at: string;
}

/**
 * An account whose factor the security administrator (or `lantian user reset-2fa`) reset while it had
 * one (migration 2026-12-06-50): it must enrol again before anything else; the row goes at confirmation.
 */
export interface SecondFactorReenrolmentTable {
  user_id: string;
  reset_by: string | null;
  reset_at: string;
  reason: string;
}

export interface SecurityTables {
  unit_signoff_settings: UnitSignoffSettingsTable;
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  second_factor_roles: SecondFactorRolesTable;
  second_factor_reenrolment: SecondFactorReenrolmentTable;
}
