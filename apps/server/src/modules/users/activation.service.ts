/**
 * One-time activation codes (三员: nobody learns another person's password). Opening an account or
 * resetting a password sets no password anyone knows: the account gets a random code (kept only as an
 * HMAC under the data key, single use, expiring) delivered to the user's own e-mail address, or to
 * their unit's leaders, or — when nobody can receive it — left to the server's operator
 * (`npx lantian user activation-code`). The owner then sets their own password at `/activate`.
 * Whoever triggered it never sees the code; the user is told a reset happened.
 */
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ActivationDelivery, ActivationIssued } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { dataKey } from '../../secrets.ts';
import { type Actor, anonymousActor } from '../audit/actor.ts';
import * as auth from '../auth/auth.repository.ts';
import { type ClientInfo, checkNewPassword } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { unitById } from '../directory/directory.repository.ts';
import { notify, type Recipient, unitRecipients } from '../notifications/notify.ts';
import { usernameKey } from './username.ts';
import * as repo from './users.repository.ts';

/** Hours a code stays valid. */
export const ACTIVATION_HOURS = 72;
/** No 0/O, 1/I/L: read aloud or copied from a message without mistakes (32 letters, 5 bits each). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP = 4;
/** Failures of one name from one address are counted under this prefix, apart from logins. */
const LOCK_PREFIX = 'activate:';

export type ActivationPurpose = 'new_account' | 'reset';

function newCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = '';
    for (let i = 0; i < GROUP; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

const normalise = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');
const codeHash = (ctx: AppContext, code: string) =>
  createHmac('sha256', dataKey(ctx.config))
    .update(`lantian-activation:${normalise(code)}`)
    .digest('hex');

/** A password hash nobody knows the password of: the account cannot sign in until activated. */
const unusableHash = (ctx: AppContext) =>
  hashPassword(randomBytes(32).toString('base64'), ctx.config.security.scrypt);

async function ownAddress(trx: Trx, userId: string): Promise<Recipient | null> {
  const row = await trx
    .selectFrom('user_contacts')
    .select('email')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.email ? { id: userId, email: row.email } : null;
}

export interface IssuedActivation extends ActivationIssued {
  /** For the server's operator only (the CLI prints it); never in an HTTP answer. */
  code: string;
}

/**
 * Issue a fresh code for the account (earlier unused ones stop working) and deliver it, in the
 * caller's transaction. `toServer`: the operator at the console takes it (the CLI).
 */
export async function issueActivation(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  user: { id: string; username: string; unit_id: string },
  purpose: ActivationPurpose,
  opts: { toServer?: boolean } = {},
): Promise<IssuedActivation> {
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ACTIVATION_HOURS * 3_600_000).toISOString();
  const code = newCode();
  const smtp = !!ctx.config.supervision.smtpUrl;
  const own = purpose === 'reset' && smtp && !opts.toServer ? await ownAddress(trx, user.id) : null;
  const leaders = opts.toServer
    ? []
    : (await unitRecipients(trx, user.unit_id, ['unit_leader'])).filter(
        (r) => r.id !== user.id && r.id !== actor.userId,
      );
  const deliveredTo: ActivationDelivery = own ? 'email' : leaders.length > 0 ? 'unit_leader' : 'server';
  await trx
    .deleteFrom('activation_codes')
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('activation_codes')
    .values({
      id: randomUUID(),
      user_id: user.id,
      code_hash: codeHash(ctx, code),
      purpose,
      delivered_to: deliveredTo,
      created_by: actor.userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  const until = `${expiresAt.slice(0, 16).replace('T', ' ')} (UTC)`;
  const what = purpose === 'reset' ? '密码已重置' : '账户已开通';
  if (own)
    await notify(ctx, trx, [own], {
      kind: 'activation_code',
      title: `激活码：${what}`,
      body: `您的账户 ${user.username} ${what}。请在 /activate 页面用激活码 ${code} 设置您自己的密码，${until} 前有效，只能使用一次。`,
      email: true,
    });
  if (deliveredTo === 'unit_leader')
    await notify(ctx, trx, leaders, {
      kind: 'activation_code',
      title: `本单位账户 ${user.username} 的激活码`,
      body: `本单位账户 ${user.username} ${what}。请将激活码 ${code} 当面或通过可靠渠道交给本人，由本人在 /activate 页面设置密码（${until} 前有效，只能使用一次）。`,
      objectType: 'user',
      objectId: user.id,
      email: true,
    });
  await audit(ctx, trx, actor, {
    action: 'user.activation_issued',
    objectType: 'user',
    objectId: user.id,
    detail: { username: user.username, purpose, deliveredTo, expiresAt },
  });
  return { deliveredTo, expiresAt, code };
}

/** A reset: the old password stops working, sessions end, a code is issued. */
export async function resetWithActivation(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  opts: { toServer?: boolean } = {},
): Promise<IssuedActivation> {
  const hash = await unusableHash(ctx);
  return transaction(ctx, async (trx) => {
    const user = await repo.userById(trx, userId);
    if (!user) throw new AppError('NOT_FOUND', '用户不存在');
    await auth.setPassword(trx, {
      userId,
      hash,
      now: ctx.clock.now().toISOString(),
      mustChange: true,
      historyId: randomUUID(),
    });
    await auth.deleteUserSessions(trx, userId);
    await audit(ctx, trx, actor, { action: 'user.password_reset', objectType: 'user', objectId: userId });
    const issued = await issueActivation(ctx, trx, actor, user, 'reset', opts);
    await tellOwner(ctx, trx, actor, user);
    return issued;
  });
}

/** The owner is told of a reset: in the notification centre (read after activation) and by e-mail. */
async function tellOwner(ctx: AppContext, trx: Trx, actor: Actor, user: { id: string; username: string }) {
  const now = ctx.clock.now();
  const self = (await ownAddress(trx, user.id)) ?? { id: user.id, email: null };
  await notify(ctx, trx, [self], {
    kind: 'password_reset',
    title: '您的密码已被重置',
    body: `您的账户 ${user.username} 的密码于 ${now.toISOString().slice(0, 16).replace('T', ' ')} (UTC) 被${actor.username ?? '管理员'}重置，原密码已失效。如非本人要求，请立即联系安全管理员。`,
    email: true,
  });
}

export { unusableHash };

const INVALID = '用户名或激活码不正确，或激活码已过期、已使用';

/**
 * The owner sets their own password with the code. Rate-limited like a login (failures per name and
 * address lock that pair; the address's failures count toward the same limit as logins); the password
 * policy applies; the code is used once.
 */
export async function activate(
  ctx: AppContext,
  input: { username: string; code: string; newPassword: string },
  client: ClientInfo,
): Promise<{ username: string }> {
  const sec = ctx.config.security;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const ip = client.ip ?? 'unknown';
  const key = usernameKey(input.username);
  const lockKey = LOCK_PREFIX + key;
  const attempt = anonymousActor(client.ip, input.username.slice(0, 64));
  const since = new Date(now.getTime() - sec.ipWindowMinutes * 60_000).toISOString();
  const refuse = async (reason: string, userId: string | null) => {
    await transaction(ctx, async (trx) => {
      await auth.insertLoginFailure(trx, { id: randomUUID(), ip, usernameKey: lockKey, at: nowIso });
      const count = await auth.countFailure(trx, lockKey, ip, nowIso);
      if (!count.locked_until && count.failures >= sec.lockoutThreshold) {
        const until = new Date(now.getTime() + sec.lockoutMinutes * 60_000).toISOString();
        await auth.lockSource(trx, lockKey, ip, until);
      }
      await audit(
        ctx,
        trx,
        { ...attempt, userId },
        { action: 'user.activate', outcome: 'failure', detail: { reason } },
      );
    });
    throw new AppError('ACTIVATION_INVALID', INVALID);
  };
  if ((await auth.countIpFailures(ctx.db.kysely, ip, since)) >= sec.ipFailureLimit)
    throw new AppError('RATE_LIMITED', '该地址失败次数过多，请稍后再试');
  const lock = await auth.findLock(ctx.db.kysely, lockKey, ip);
  if (lock?.locked_until && lock.locked_until > nowIso)
    throw new AppError(
      'RATE_LIMITED',
      `激活失败次数过多，请 ${ctx.config.security.lockoutMinutes} 分钟后再试`,
    );

  const user = await repo.userByKey(ctx.db.kysely, key);
  const expected = Buffer.from(codeHash(ctx, input.code), 'hex');
  const open = user
    ? await ctx.db.kysely
        .selectFrom('activation_codes')
        .selectAll()
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .execute()
    : [];
  const match = open.find((c) => timingSafeEqual(Buffer.from(c.code_hash, 'hex'), expected));
  if (!user || !match || user.disabled === 1)
    return refuse(user ? 'wrong_code' : 'unknown_user', user?.id ?? null);

  const unit = await unitById(ctx.db.kysely, user.unit_id);
  await checkNewPassword(ctx, user.id, user.username, input.newPassword, [
    user.display_name,
    unit?.name,
    unit?.full_name,
  ]);
  const hash = await hashPassword(input.newPassword, sec.scrypt);
  await transaction(ctx, async (trx) => {
    const used = await trx
      .updateTable('activation_codes')
      .set({ used_at: nowIso })
      .where('id', '=', match.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('ACTIVATION_INVALID', INVALID);
    await auth.setPassword(trx, {
      userId: user.id,
      hash,
      now: nowIso,
      mustChange: false,
      historyId: randomUUID(),
    });
    await auth.deleteUserSessions(trx, user.id);
    await auth.clearLock(trx, user.username_key);
    await auth.clearLock(trx, lockKey);
    await audit(
      ctx,
      trx,
      { ...attempt, userId: user.id, username: user.username },
      {
        action: 'user.activate',
        objectType: 'user',
        objectId: user.id,
        detail: { purpose: match.purpose, deliveredTo: match.delivered_to },
      },
    );
  });
  return { username: user.username };
}
