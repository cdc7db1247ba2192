/**
 * The second factor (TOTP, RFC 6238): who must have one, enrolment with a first code, ten one-time
 * recovery codes, checking a login's code (replay refused), the server-side reset and the security
 * administrator's policy. Secrets are sealed with the secret key (outside the database).
 */
import { randomUUID } from 'node:crypto';
import { ADMIN_ROLES, type UserRole } from '@lantian/contract';
import type { Config } from '../../config.ts';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { seal, secretKey, unseal } from '../../secrets.ts';
import type { Actor } from '../audit/actor.ts';
import { deleteUserSessions } from '../auth/auth.repository.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import { forgetAllSessions } from '../auth/session-cache.ts';
import * as repo from './second-factor.repository.ts';
import {
  enrolmentOf,
  looksLikeRecoveryCode,
  matchTotp,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
} from './totp.ts';

/** Always required when the factor is required at all: the three administrators and the office. */
export const FIXED_FACTOR_ROLES: readonly UserRole[] = [...ADMIN_ROLES, 'supervisor'];
/** Roles the security administrator may add to the requirement. */
export const POLICY_FACTOR_ROLES: readonly UserRole[] = ['unit_leader', 'unit_staff', 'viewer'];

/** Must an account with these roles (`policyHit`: one of them is in the policy) have a second factor? */
export function factorRequired(config: Config, roles: readonly string[], policyHit: boolean): boolean {
  if (config.security.secondFactor !== 'required') return false;
  return policyHit || roles.some((r) => (FIXED_FACTOR_ROLES as readonly string[]).includes(r));
}

export interface FactorStatus {
  enrolled: boolean;
  required: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  /** The security administrator's reset that left a re-enrolment owed (shown on the enrolment page). */
  reset: { byName: string | null; at: string; reason: string } | null;
}

export async function factorStatus(ctx: AppContext, p: Principal): Promise<FactorStatus> {
  const [totp, owed] = await Promise.all([
    repo.findTotp(ctx.db.kysely, p.userId),
    repo.reenrolmentOf(ctx.db.kysely, p.userId),
  ]);
  const confirmed = totp?.confirmed_at ?? null;
  return {
    enrolled: confirmed !== null,
    required: p.secondFactorRequired,
    confirmedAt: confirmed,
    recoveryCodesLeft: confirmed ? await repo.recoveryCodesLeft(ctx.db.kysely, p.userId) : 0,
    reset: owed
      ? {
          byName: owed.display_name || owed.username || null,
          at: owed.reset_at,
          reason: owed.reason,
        }
      : null,
  };
}

/** Start enrolment: a new secret (sealed), its otpauth address and QR code. Refused once enrolled. */
export async function startEnrolment(ctx: AppContext, p: Principal) {
  const existing = await repo.findTotp(ctx.db.kysely, p.userId);
  if (existing?.confirmed_at)
    throw new AppError(
      'INVALID_STATE',
      '已启用双因素认证；如需更换设备，请用当前验证码重新生成，或请服务器管理员重置（npx lantian user reset-2fa）',
    );
  const secret = newTotpSecret();
  const now = ctx.clock.now().toISOString();
  await transaction(ctx, async (trx) => {
    await repo.putPendingTotp(trx, p.userId, seal(secretKey(ctx.config), secret), now);
    await audit(ctx, trx, actorOf(p), {
      action: 'auth.second_factor_enrol_start',
      objectType: 'user',
      objectId: p.userId,
    });
  });
  return { secret, ...enrolmentOf(secret, p.username) };
}

/** Store fresh recovery codes (hashes only) and return them, to be shown once. */
async function issueRecoveryCodes(ctx: AppContext, trx: Trx, userId: string, now: string) {
  const codes = newRecoveryCodes();
  const key = secretKey(ctx.config);
  await repo.replaceRecoveryCodes(
    trx,
    userId,
    codes.map((c) => ({ id: randomUUID(), hash: recoveryCodeHash(key, c) })),
    now,
  );
  return codes;
}

/** Confirm enrolment with a first code from the app; returns the recovery codes (shown once). */
export async function confirmEnrolment(ctx: AppContext, p: Principal, code: string) {
  const totp = await repo.findTotp(ctx.db.kysely, p.userId);
  if (!totp || totp.confirmed_at)
    throw new AppError('INVALID_STATE', totp ? '已启用双因素认证' : '请先开始绑定（生成密钥）');
  const now = ctx.clock.now();
  const step = matchTotp(unseal(secretKey(ctx.config), totp.secret), code, now.getTime());
  if (step === null) {
    await transaction(ctx, (trx) =>
      audit(ctx, trx, actorOf(p), {
        action: 'auth.second_factor_enrol',
        objectType: 'user',
        objectId: p.userId,
        outcome: 'failure',
        detail: { reason: 'wrong_code' },
      }),
    );
    throw new AppError('INVALID_INPUT', '验证码不正确：请输入身份验证器应用当前显示的 6 位数字', {
      field: 'code',
    });
  }
  const codes = await transaction(ctx, async (trx) => {
    if (!(await repo.confirmTotp(trx, p.userId, now.toISOString(), step)))
      throw new AppError('INVALID_STATE', '已启用双因素认证');
    const issued = await issueRecoveryCodes(ctx, trx, p.userId, now.toISOString());
    await repo.reenrolmentDone(trx, p.userId);
    await repo.bumpSessionScope(trx);
    await audit(ctx, trx, actorOf(p), {
      action: 'auth.second_factor_enrol',
      objectType: 'user',
      objectId: p.userId,
    });
    return issued;
  });
  forgetAllSessions(ctx.db.kysely);
  return { recoveryCodes: codes };
}

/** New recovery codes (the old ones stop working), against a current code. */
export async function regenerateRecoveryCodes(ctx: AppContext, p: Principal, code: string) {
  const now = ctx.clock.now();
  const check = await checkFactorCode(ctx.db.kysely, ctx.config, p.userId, code, now, { recovery: false });
  if (!check.ok) {
    await transaction(ctx, (trx) =>
      audit(ctx, trx, actorOf(p), {
        action: 'auth.recovery_codes_regenerate',
        objectType: 'user',
        objectId: p.userId,
        outcome: 'failure',
        detail: { reason: check.reason },
      }),
    );
    throw new AppError('INVALID_INPUT', codeMessage(check.reason), { field: 'code' });
  }
  const codes = await transaction(ctx, async (trx) => {
    const issued = await issueRecoveryCodes(ctx, trx, p.userId, now.toISOString());
    await audit(ctx, trx, actorOf(p), {
      action: 'auth.recovery_codes_regenerate',
      objectType: 'user',
      objectId: p.userId,
    });
    return issued;
  });
  return { recoveryCodes: codes };
}

export type CodeCheck =
  | { ok: true; kind: 'totp' | 'recovery' }
  | { ok: false; reason: 'wrong_code' | 'replayed_code' | 'not_enrolled' };

export function codeMessage(reason: 'wrong_code' | 'replayed_code' | 'not_enrolled'): string {
  if (reason === 'replayed_code') return '该验证码已使用过：请等待身份验证器显示下一个验证码';
  if (reason === 'not_enrolled') return '该账户未启用双因素认证';
  return '验证码不正确';
}

/**
 * Check a code of an enrolled account and take it (a TOTP step moves `last_step`; a recovery code is
 * marked used), in `db` (the caller's transaction, when the outcome must commit with something else).
 */
export async function checkFactorCode(
  db: Executor,
  config: Config,
  userId: string,
  code: string,
  now: Date,
  opts: { recovery: boolean },
): Promise<CodeCheck> {
  const totp = await repo.findTotp(db, userId);
  if (!totp?.confirmed_at) return { ok: false, reason: 'not_enrolled' };
  const key = secretKey(config);
  if (opts.recovery && looksLikeRecoveryCode(code)) {
    const used = await repo.useRecoveryCode(db, userId, recoveryCodeHash(key, code), now.toISOString());
    return used ? { ok: true, kind: 'recovery' } : { ok: false, reason: 'wrong_code' };
  }
  const step = matchTotp(unseal(key, totp.secret), code, now.getTime());
  if (step === null) return { ok: false, reason: 'wrong_code' };
  if (!(await repo.takeStep(db, userId, step))) return { ok: false, reason: 'replayed_code' };
  return { ok: true, kind: 'totp' };
}

/**
 * Remove an account's second factor on the server (a lost phone): the secret, the recovery codes and
 * every session go; the account enrols again at its next login. Audited.
 */
export async function resetSecondFactor(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<boolean> {
  const removed = await transaction(ctx, async (trx) => {
    const n = await repo.deleteSecondFactor(trx, userId);
    // A reset replaces a lost factor, it does not remove it: the account enrols again at its next
    // login, whatever the role policy says.
    if (n > 0)
      await repo.requireReenrolment(trx, {
        userId,
        resetBy: actor.userId,
        at: ctx.clock.now().toISOString(),
        reason,
      });
    await deleteUserSessions(trx, userId);
    await repo.bumpSessionScope(trx);
    await audit(ctx, trx, actor, {
      action: 'user.second_factor_reset',
      objectType: 'user',
      objectId: userId,
      detail: { hadFactor: n > 0, reason },
    });
    return n > 0;
  });
  forgetAllSessions(ctx.db.kysely);
  return removed;
}

/**
 * Re-enrol from 账户安全 (a lost or replaced phone): with a current code or one of the recovery codes
 * the account removes its own factor and enrols again (the session stays; the account's other sessions
 * end). Audited, failures too; a required factor leaves the session able only to enrol.
 */
export async function resetOwnSecondFactor(ctx: AppContext, p: Principal, code: string): Promise<void> {
  const now = ctx.clock.now();
  const outcome = await transaction(ctx, async (trx) => {
    const check = await checkFactorCode(trx, ctx.config, p.userId, code, now, { recovery: true });
    if (!check.ok) return check;
    await repo.deleteSecondFactor(trx, p.userId);
    await repo.deleteOtherSessions(trx, p.userId, p.sessionId);
    await repo.bumpSessionScope(trx);
    await audit(ctx, trx, actorOf(p), {
      action: 'auth.second_factor_self_reset',
      objectType: 'user',
      objectId: p.userId,
      detail: { with: check.kind },
    });
    return check;
  });
  if (!outcome.ok) {
    await transaction(ctx, (trx) =>
      audit(ctx, trx, actorOf(p), {
        action: 'auth.second_factor_self_reset',
        objectType: 'user',
        objectId: p.userId,
        outcome: 'failure',
        detail: { reason: outcome.reason },
      }),
    );
    throw new AppError(
      outcome.reason === 'not_enrolled' ? 'INVALID_STATE' : 'INVALID_INPUT',
      codeMessage(outcome.reason),
      {
        field: 'code',
      },
    );
  }
  forgetAllSessions(ctx.db.kysely);
}

export async function readPolicy(ctx: AppContext) {
  return {
    mode: ctx.config.security.secondFactor,
    fixedRoles: [...FIXED_FACTOR_ROLES],
    roles: (await repo.policyRoles(ctx.db.kysely)) as UserRole[],
    optionalRoles: [...POLICY_FACTOR_ROLES],
  };
}

/** The security administrator's policy: which business roles must also have a second factor. Audited. */
export async function writePolicy(ctx: AppContext, p: Principal, roles: readonly UserRole[]) {
  const bad = roles.filter((r) => !POLICY_FACTOR_ROLES.includes(r));
  if (bad.length > 0)
    throw new AppError(
      'INVALID_INPUT',
      `roles 中的 ${bad.join(', ')} 不可设置：三员与市级办公室始终须启用双因素，可选角色为 ${POLICY_FACTOR_ROLES.join(', ')}`,
      { field: 'roles' },
    );
  const wanted = [...new Set(roles)].sort();
  await transaction(ctx, async (trx) => {
    const before = await repo.policyRoles(trx);
    await repo.setPolicyRoles(trx, wanted, p.userId, ctx.clock.now().toISOString());
    await repo.bumpSessionScope(trx);
    await audit(ctx, trx, actorOf(p), {
      action: 'security.second_factor_policy',
      objectType: 'setting',
      objectId: 'second_factor_roles',
      before: { roles: before },
      after: { roles: wanted },
    });
  });
  forgetAllSessions(ctx.db.kysely);
  return readPolicy(ctx);
}
