/**
 * Login in one or two steps. The password comes first; an account with a second factor then gets a
 * short-lived challenge (never a session) and gives its TOTP code, or a recovery code, against it.
 * Wrong passwords and wrong codes count alike toward the lockout of the name from that address.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DAY, HOUR, MINUTE } from '../../clock.ts';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type Actor, anonymousActor } from '../audit/actor.ts';
import * as factorRepo from '../second-factor/second-factor.repository.ts';
import { checkFactorCode, codeMessage } from '../second-factor/second-factor.service.ts';
import { usernameKey } from '../users/username.ts';
import * as repo from './auth.repository.ts';
import { authenticate, type ClientInfo, dummy, type LoginResult } from './auth.service.ts';
import { verifyPassword } from './password.ts';
import { newSessionToken } from './session-token.ts';

/** A pair's lock grows with each lock it has had: base, 2×, 4× … at most a day. */
const lockMinutes = (base: number, earlierLocks: number) =>
  Math.min(base * 2 ** Math.min(earlierLocks, 10), DAY / MINUTE);

const minutesLeft = (until: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / MINUTE));

const lockedError = (until: string, now: Date) =>
  new AppError(
    'ACCOUNT_LOCKED',
    `登录失败次数过多，账户已锁定，请 ${minutesLeft(until, now)} 分钟后再试或联系安全管理员解锁`,
  );

/** The password was right and the account has a second factor: give its code against `challenge`. */
export interface LoginChallenge {
  challenge: string;
  expiresAt: string;
}

export type LoginOutcome = ({ kind: 'session' } & LoginResult) | ({ kind: 'challenge' } & LoginChallenge);

const challengeIdOf = (challenge: string) => createHash('sha256').update(challenge).digest('hex');

/**
 * Count one failed attempt (a wrong password, or a wrong or replayed second-factor code) of a name from
 * an address, in the caller's transaction, and lock the pair once it reaches the threshold. Returns
 * the lock's end when the pair is locked now.
 */
async function countFailedAttempt(
  ctx: AppContext,
  trx: Trx,
  a: { key: string; ip: string; username: string; userId: string | null; actor: Actor },
  reason: string,
): Promise<string | null> {
  const sec = ctx.config.security;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  await repo.insertLoginFailure(trx, { id: randomUUID(), ip: a.ip, usernameKey: a.key, at: nowIso });
  const count = await repo.countFailure(trx, a.key, a.ip, nowIso);
  await audit(
    ctx,
    trx,
    { ...a.actor, userId: a.userId },
    { action: 'auth.login', outcome: 'failure', detail: { reason } },
  );
  let locked: string | null = null;
  if (count.locked_until) locked = count.locked_until;
  else if (count.failures >= sec.lockoutThreshold) {
    const until = new Date(
      now.getTime() + lockMinutes(sec.lockoutMinutes, count.locks) * MINUTE,
    ).toISOString();
    locked = until;
    if (await repo.lockSource(trx, a.key, a.ip, until)) {
      await audit(
        ctx,
        trx,
        { ...a.actor, userId: a.userId },
        {
          action: 'auth.lockout',
          objectType: 'user',
          objectId: a.userId ?? undefined,
          outcome: 'success',
          detail: { username: a.username.slice(0, 64), until, failures: count.failures, source: a.ip },
        },
      );
    }
  }
  // Keep the failure table small: what is older than the window no longer counts.
  await repo.pruneLoginFailures(
    trx,
    new Date(now.getTime() - 2 * sec.ipWindowMinutes * MINUTE).toISOString(),
  );
  return locked;
}

/** Refuse a locked (name, address) pair, recording the attempt; a dummy hash keeps the time alike. */
async function refuseIfLocked(ctx: AppContext, key: string, ip: string, attempt: Actor, password?: string) {
  const now = ctx.clock.now();
  const lock = await repo.findLock(ctx.db.kysely, key, ip);
  if (!(lock?.locked_until && lock.locked_until > now.toISOString())) return;
  if (password !== undefined) await dummy(ctx).verify(password);
  await transaction(ctx, async (trx) => {
    await repo.insertLoginFailure(trx, { id: randomUUID(), ip, usernameKey: key, at: now.toISOString() });
    await audit(ctx, trx, attempt, { action: 'auth.login', outcome: 'denied', detail: { reason: 'locked' } });
  });
  throw lockedError(lock.locked_until, now);
}

/**
 * Open a session for an account whose login is complete: the name's locks end, expired sessions go,
 * and beyond `maxSessions` the oldest sessions end (the newest login wins; the user sees them all in
 * 我的会话 and can end any).
 */
async function openSession(
  ctx: AppContext,
  user: { id: string; username: string; key: string },
  roles: string[],
  client: ClientInfo,
  attempt: Actor,
  detail: Record<string, unknown>,
): Promise<LoginResult> {
  const sec = ctx.config.security;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const { token, id } = newSessionToken();
  await transaction(ctx, async (trx) => {
    await repo.clearLock(trx, user.key);
    await repo.deleteExpiredSessions(
      trx,
      user.id,
      nowIso,
      new Date(now.getTime() - sec.sessionIdleMinutes * MINUTE).toISOString(),
    );
    await repo.insertSession(trx, {
      id,
      userId: user.id,
      now: nowIso,
      expiresAt: new Date(now.getTime() + sec.sessionAbsoluteHours * HOUR).toISOString(),
      ip: client.ip,
      userAgent: client.userAgent,
    });
    const beyond = await repo.deleteSessionsBeyond(trx, user.id, id, sec.maxSessions);
    await repo.setLastLogin(trx, user.id, nowIso);
    await audit(
      ctx,
      trx,
      { ...attempt, userId: user.id, username: user.username, roles },
      {
        action: 'auth.login',
        objectType: 'session',
        outcome: 'success',
        detail: { ...detail, ...(beyond > 0 ? { endedOldestSessions: beyond } : {}) },
      },
    );
  });
  const principal = await authenticate(ctx, token, client);
  if (!principal.ok) throw new AppError('INTERNAL', '登录后无法读取会话');
  return { token, principal: principal.principal };
}

/**
 * Check a username and password. Unknown names, wrong passwords and locked names answer alike and cost
 * the same time: lockout is kept per name and source address, whether or not the account exists, so
 * guesses from one address do not lock the owner out from another. Each further lock of the same pair
 * lasts twice as long (up to a day); the per-address limit across all names still stops one address
 * from trying many names. An account with a second factor gets a challenge instead of a session.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  client: ClientInfo,
): Promise<LoginOutcome> {
  const sec = ctx.config.security;
  const now = ctx.clock.now();
  const key = usernameKey(input.username);
  const ip = client.ip ?? 'unknown';
  const attempt = anonymousActor(client.ip, input.username.slice(0, 64));

  const since = new Date(now.getTime() - sec.ipWindowMinutes * MINUTE).toISOString();
  if ((await repo.countIpFailures(ctx.db.kysely, ip, since)) >= sec.ipFailureLimit) {
    await dummy(ctx).verify(input.password);
    await transaction(ctx, (trx) =>
      audit(ctx, trx, attempt, {
        action: 'auth.login',
        outcome: 'denied',
        detail: { reason: 'ip_rate_limited' },
      }),
    );
    throw new AppError('RATE_LIMITED', '该地址登录失败次数过多，请稍后再试');
  }
  await refuseIfLocked(ctx, key, ip, attempt, input.password);

  const user = await repo.findUserForLogin(ctx.db.kysely, key);
  let ok = false;
  if (user) ok = await verifyPassword(input.password, user.password_hash);
  else await dummy(ctx).verify(input.password);

  if (!ok) {
    const locked = await transaction(ctx, (trx) =>
      countFailedAttempt(
        ctx,
        trx,
        { key, ip, username: input.username, userId: user?.id ?? null, actor: attempt },
        user ? 'wrong_password' : 'unknown_user',
      ),
    );
    if (locked !== null) throw lockedError(locked, now);
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  // `ok` implies the user exists.
  const found = user as NonNullable<typeof user>;
  await refuseUnusable(ctx, found, { ...attempt, userId: found.id });
  const roles = await repo.rolesOf(ctx.db.kysely, found.id);

  const totp = await factorRepo.findTotp(ctx.db.kysely, found.id);
  if (totp?.confirmed_at) {
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + sec.challengeMinutes * MINUTE).toISOString();
    await transaction(ctx, async (trx) => {
      await factorRepo.pruneChallenges(trx, now.toISOString());
      await factorRepo.insertChallenge(trx, {
        id: challengeIdOf(challenge),
        userId: found.id,
        source: ip,
        now: now.toISOString(),
        expiresAt,
      });
      await audit(
        ctx,
        trx,
        { ...attempt, userId: found.id, username: found.username, roles },
        { action: 'auth.login_password', objectType: 'user', objectId: found.id, detail: { next: 'totp' } },
      );
    });
    return { kind: 'challenge', challenge, expiresAt };
  }
  const result = await openSession(
    ctx,
    { id: found.id, username: found.username, key },
    roles,
    client,
    attempt,
    {
      factor: 'password',
    },
  );
  return { kind: 'session', ...result };
}

/** A disabled account, or one not granted a role yet, does not get in (after a correct password). */
async function refuseUnusable(ctx: AppContext, user: { id: string; disabled: number }, actor: Actor) {
  const reason = user.disabled
    ? 'disabled'
    : (await repo.rolesOf(ctx.db.kysely, user.id)).length === 0
      ? 'no_roles'
      : null;
  if (!reason) return;
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actor, { action: 'auth.login', outcome: 'denied', detail: { reason } }),
  );
  if (reason === 'disabled') throw new AppError('ACCOUNT_DISABLED', '该账户已停用，请联系系统管理员');
  throw new AppError('ACCOUNT_NOT_AUTHORIZED', '账户尚未授权：请联系安全管理员分配角色后再登录');
}

/**
 * The second step: a TOTP code (±1 step, never one already taken) or a recovery code (each once)
 * against the challenge the password gave. A wrong code counts toward the name's lockout from this
 * address; after `challengeMaxFailures` the challenge ends and the password is asked again.
 */
export async function loginSecondStep(
  ctx: AppContext,
  input: { challenge: string; code: string },
  client: ClientInfo,
): Promise<LoginResult> {
  const sec = ctx.config.security;
  const now = ctx.clock.now();
  const ip = client.ip ?? 'unknown';
  const id = challengeIdOf(input.challenge);
  const ch = await factorRepo.findChallenge(ctx.db.kysely, id);
  const attempt = anonymousActor(client.ip, ch?.username ?? null);
  if (!ch || ch.expires_at <= now.toISOString() || ch.source !== ip) {
    await transaction(ctx, async (trx) => {
      if (ch && ch.expires_at <= now.toISOString()) await factorRepo.deleteChallenge(trx, id);
      await audit(ctx, trx, attempt, {
        action: 'auth.login',
        outcome: 'denied',
        detail: {
          reason: ch ? (ch.source !== ip ? 'challenge_other_source' : 'challenge_expired') : 'no_challenge',
        },
      });
    });
    throw new AppError('UNAUTHENTICATED', '登录已超时或无效，请重新输入用户名和密码', {
      reason: 'challenge',
    });
  }
  const key = ch.username_key;
  await refuseIfLocked(ctx, key, ip, { ...attempt, userId: ch.user_id });
  const roles = await repo.rolesOf(ctx.db.kysely, ch.user_id);
  const user = { id: ch.user_id, username: ch.username, key };

  const outcome = await transaction(ctx, async (trx) => {
    const check = await checkFactorCode(trx, ctx.config, ch.user_id, input.code, now, { recovery: true });
    if (check.ok) {
      if (!(await factorRepo.deleteChallenge(trx, id)))
        return { ok: false as const, reason: 'replayed_code' as const };
      if (check.kind === 'recovery') {
        await audit(
          ctx,
          trx,
          { ...attempt, userId: ch.user_id, roles },
          {
            action: 'auth.recovery_code_used',
            objectType: 'user',
            objectId: ch.user_id,
            detail: { left: await factorRepo.recoveryCodesLeft(trx, ch.user_id) },
          },
        );
      }
      return check;
    }
    return check;
  });
  if (outcome.ok) {
    await refuseUnusable(ctx, { id: ch.user_id, disabled: ch.disabled }, { ...attempt, userId: ch.user_id });
    return openSession(ctx, user, roles, client, attempt, { factor: outcome.kind });
  }
  const reason = outcome.reason;
  const { locked, failures } = await transaction(ctx, async (trx) => {
    const n = await factorRepo.failChallenge(trx, id);
    if (n >= sec.challengeMaxFailures) await factorRepo.deleteChallenge(trx, id);
    const l = await countFailedAttempt(
      ctx,
      trx,
      { key, ip, username: ch.username, userId: ch.user_id, actor: attempt },
      reason,
    );
    return { locked: l, failures: n };
  });
  if (locked !== null) {
    await transaction(ctx, (trx) => factorRepo.deleteChallenge(trx, id));
    throw lockedError(locked, now);
  }
  if (failures >= sec.challengeMaxFailures)
    throw new AppError('UNAUTHENTICATED', '验证码错误次数过多，请重新输入用户名和密码', {
      reason: 'challenge',
    });
  throw new AppError('INVALID_CREDENTIALS', codeMessage(reason), { reason });
}
