/** Sessions (the principal behind a token), logout and password change; login is in login.service.ts. */
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@lantian/contract';
import { DAY, HOUR, MINUTE } from '../../clock.ts';
import { type AppContext, audit, transaction } from '../../context.ts';
import { readScopes } from '../../db/read-scopes.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { factorRequired } from '../second-factor/second-factor.service.ts';
import * as repo from './auth.repository.ts';
import { DummyVerifier, hashPassword, verifyPassword } from './password.ts';
import { passwordProblems } from './password-policy.ts';
import { actorOf, type Principal } from './principal.ts';
import {
  cachedSession,
  forgetSession,
  peekSession,
  rememberSession,
  SESSION_SCOPE,
} from './session-cache.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';

const dummies = new WeakMap<object, DummyVerifier>();
/** A verifier that costs what a real one does, for names that do not exist. */
export function dummy(ctx: AppContext): DummyVerifier {
  let d = dummies.get(ctx.config.security);
  if (!d) {
    d = new DummyVerifier(ctx.config.security.scrypt);
    dummies.set(ctx.config.security, d);
  }
  return d;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  token: string;
  principal: Principal;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: 'none' | 'expired' };

/**
 * The principal behind a session token. Checks the absolute lifetime and the idle timeout; writes
 * last-seen only when it is older than `sessionTouchSeconds` (so idle expiry can come up to that much
 * early, never late). A session read in the last few seconds is taken from the session cache when the
 * `session` read scope has not moved (see session-cache.ts); `extraScopes` of the unit (at most three)
 * are read in the same query when the session is cached, and handed to the route on the principal.
 */
export async function authenticate(
  ctx: AppContext,
  token: string,
  client: ClientInfo,
  extraScopes?: (unitId: string) => string[],
): Promise<AuthResult> {
  const id = sessionIdOf(token);
  const sec = ctx.config.security;
  const db = ctx.db.kysely;
  // The unit comes from the cached session (if any): its scopes are only used when that entry is valid.
  const peek = extraScopes ? peekSession(db, id) : undefined;
  const scopes = await readScopes(db, [
    SESSION_SCOPE,
    ...(peek && extraScopes ? extraScopes(peek.unit_id) : []),
  ]);
  const epoch = scopes.get(SESSION_SCOPE) ?? 0;
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const touchDue = (lastSeen: string) => nowMs - Date.parse(lastSeen) >= sec.sessionTouchSeconds * 1000;
  let row = cachedSession(db, id, epoch, nowMs);
  // Only sessions that need no write and are well inside their limits are served from the cache.
  if (row && (touchDue(row.last_seen_at) || nowMs >= Date.parse(row.expires_at))) row = undefined;
  if (!row) {
    row = await repo.findSession(db, id);
    if (!row) return { ok: false, reason: 'none' };
    const idle = nowMs - Date.parse(row.last_seen_at) >= sec.sessionIdleMinutes * MINUTE;
    if (row.disabled || idle || nowMs >= Date.parse(row.expires_at)) {
      forgetSession(db, id);
      await repo.deleteSession(db, id);
      return { ok: false, reason: row.disabled ? 'none' : 'expired' };
    }
    if (touchDue(row.last_seen_at)) {
      await repo.touchSession(db, id, now.toISOString());
      row = { ...row, last_seen_at: now.toISOString() };
    }
    rememberSession(db, row, epoch, nowMs);
  }
  const roles = row.roles as UserRole[];
  const passwordExpired =
    sec.passwordMaxAgeDays > 0 && nowMs - Date.parse(row.password_changed_at) >= sec.passwordMaxAgeDays * DAY;
  return {
    ok: true,
    principal: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitFullName: row.unit_full_name,
      unitKind: row.unit_kind,
      roles,
      mustChangePassword: row.must_change_password === 1 || passwordExpired,
      passwordExpired,
      secondFactorEnrolled: row.totp_confirmed_at !== null,
      secondFactorRequired:
        row.factor_reset_at !== null || factorRequired(ctx.config, roles, row.policyRequiresFactor),
      sessionId: row.session_id,
      sessionExpiresAt: row.expires_at,
      ip: client.ip,
      scopes,
    },
  };
}

export async function logout(ctx: AppContext, principal: Principal): Promise<void> {
  await transaction(ctx, async (trx) => {
    await repo.deleteSession(trx, principal.sessionId);
    await audit(ctx, trx, actorOf(principal), { action: 'auth.logout', objectType: 'session' });
  });
  forgetSession(ctx.db.kysely, principal.sessionId);
}

/** Refuse a new password that breaks the policy or repeats a recent one. */
export async function checkNewPassword(
  ctx: AppContext,
  userId: string | null,
  username: string,
  password: string,
  ownData: readonly (string | null | undefined)[] = [],
): Promise<void> {
  const problems = passwordProblems(password, username, ctx.config.security, ownData);
  if (problems.length > 0) throw new AppError('PASSWORD_POLICY', problems.join('；'), { problems });
  if (!userId) return;
  for (const old of await repo.recentPasswordHashes(
    ctx.db.kysely,
    userId,
    ctx.config.security.passwordHistory,
  )) {
    if (await verifyPassword(password, old)) {
      throw new AppError(
        'PASSWORD_POLICY',
        `新密码不能与最近 ${ctx.config.security.passwordHistory} 次使用过的密码相同`,
      );
    }
  }
}

/**
 * Change one's own password: every session of the account ends, and a fresh one is opened for the
 * caller so the browser that changed it stays signed in.
 */
export async function changePassword(
  ctx: AppContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<LoginResult> {
  const state = await repo.findPasswordState(ctx.db.kysely, principal.userId);
  if (!(await verifyPassword(input.currentPassword, state.password_hash))) {
    await transaction(ctx, (trx) =>
      audit(ctx, trx, actorOf(principal), {
        action: 'auth.password_change',
        objectType: 'user',
        objectId: principal.userId,
        outcome: 'failure',
        detail: { reason: 'wrong_current_password' },
      }),
    );
    throw new AppError('INVALID_INPUT', '当前密码不正确');
  }
  if (input.newPassword === input.currentPassword)
    throw new AppError('PASSWORD_POLICY', '新密码不能与当前密码相同');
  await checkNewPassword(ctx, principal.userId, state.username, input.newPassword, [
    principal.displayName,
    principal.unitName,
    principal.unitFullName,
  ]);
  const hash = await hashPassword(input.newPassword, ctx.config.security.scrypt);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const { token, id } = newSessionToken();
  await transaction(ctx, async (trx) => {
    await repo.setPassword(trx, {
      userId: principal.userId,
      hash,
      now: nowIso,
      mustChange: false,
      historyId: randomUUID(),
    });
    await repo.deleteUserSessions(trx, principal.userId);
    await repo.insertSession(trx, {
      id,
      userId: principal.userId,
      now: nowIso,
      expiresAt: new Date(now.getTime() + ctx.config.security.sessionAbsoluteHours * HOUR).toISOString(),
      ip: client.ip,
      userAgent: client.userAgent,
    });
    await audit(ctx, trx, actorOf(principal), {
      action: 'auth.password_change',
      objectType: 'user',
      objectId: principal.userId,
    });
  });
  const result = await authenticate(ctx, token, client);
  if (!result.ok) throw new AppError('INTERNAL', '修改密码后无法读取会话');
  return { token, principal: result.principal };
}

/** A required second factor not enrolled yet: nothing but enrolment (and reading oneself) until it is. */
export function mustEnrolSecondFactor(p: Principal): boolean {
  return p.secondFactorRequired && !p.secondFactorEnrolled;
}

/** Presents a principal as the API's `MeResponse`. */
export function presentMe(ctx: AppContext, p: Principal) {
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName },
    unit: { id: p.unitId, name: p.unitName, fullName: p.unitFullName, kind: p.unitKind as never },
    roles: p.roles,
    mustChangePassword: p.mustChangePassword,
    passwordExpired: p.passwordExpired,
    secondFactor: {
      enrolled: p.secondFactorEnrolled,
      required: p.secondFactorRequired,
      mustEnrol: mustEnrolSecondFactor(p),
    },
    session: {
      id: p.sessionId,
      expiresAt: p.sessionExpiresAt,
      idleTimeoutSeconds: ctx.config.security.sessionIdleMinutes * 60,
    },
  };
}

export type { Actor };
