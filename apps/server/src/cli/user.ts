/**
 * `lantian user add`, `user roles`, `user reset-password` and `user reset-2fa`: passwords come from
 * standard input, never from the command line. The three administrators' roles change here only (the
 * web refuses), audited.
 */
import type { UserRole } from '@lantian/contract';
import { USER_ROLES } from '@lantian/contract';
import { transaction } from '../context.ts';
import { cliActor } from '../modules/audit/actor.ts';
import { unitIdsByNames } from '../modules/plans/plan-review.service.ts';
import { resetSecondFactor } from '../modules/second-factor/second-factor.service.ts';
import { issueActivation } from '../modules/users/activation.service.ts';
import { usernameKey } from '../modules/users/username.ts';
import { userByKey } from '../modules/users/users.repository.ts';
import { createUser, resetPassword, setRoles } from '../modules/users/users.service.ts';
import { withDatabase } from './context.ts';
import { CliError, type CliIo } from './io.ts';

export interface UserAddOptions {
  username?: string;
  unit?: string;
  role?: string;
  displayName?: string;
}

function parseRoles(raw: string): UserRole[] {
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !(USER_ROLES as readonly string[]).includes(r));
  if (bad.length > 0 || roles.length === 0)
    throw new CliError(`未知角色：${bad.join(', ') || '（空）'}；可用角色：${USER_ROLES.join(', ')}`, 2);
  return roles as UserRole[];
}

/** Set an account's roles on the server — the only way to give or take an administrator role. */
export async function userRoles(io: CliIo, opts: { username?: string; role?: string }): Promise<number> {
  if (!opts.username || !opts.role)
    throw new CliError('用法：npx lantian user roles --username U --role 角色[,角色]', 2);
  const roles = parseRoles(opts.role);
  return withDatabase(io, async (ctx) => {
    const user = await userByKey(ctx.db.kysely, usernameKey(opts.username as string));
    if (!user) throw new CliError(`没有用户“${opts.username}”`, 2);
    await setRoles(ctx, cliActor(), user.id, roles);
    io.stderr(`已将用户 ${user.username} 的角色设为 ${roles.join(', ')}（已记入审计日志）\n`);
    return 0;
  });
}

export async function userAdd(io: CliIo, opts: UserAddOptions): Promise<number> {
  if (!opts.username || !opts.unit || !opts.role) {
    throw new CliError(
      '用法：npx lantian user add --username U --unit 单位 --role 角色[,角色]（密码从标准输入读取）',
      2,
    );
  }
  const roles = parseRoles(opts.role);
  if (io.stdinIsTTY) io.stderr('请输入初始密码并回车（用户首次登录须修改）：');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (!password) throw new CliError('没有从标准输入读到密码', 2);
  return withDatabase(io, async (ctx) => {
    const [unitId] = await unitIdsByNames(ctx.db.kysely, [opts.unit as string]);
    const id = await createUser(ctx, cliActor(), {
      username: opts.username as string,
      displayName: opts.displayName,
      unitId: unitId as string,
      roles,
      password,
    });
    io.stdout(`${id}\n`);
    io.stderr(`已创建用户 ${opts.username}（${roles.join(', ')}，${opts.unit}）；首次登录须修改密码\n`);
    return 0;
  });
}

/**
 * Reset any account's password on the server, the administrators' included (the web leaves those out
 * of the system administrator's reach). The user must change it at the next login; sessions end.
 */
export async function userResetPassword(io: CliIo, opts: { username?: string }): Promise<number> {
  if (!opts.username)
    throw new CliError('用法：npx lantian user reset-password --username U（新密码从标准输入读取）', 2);
  if (io.stdinIsTTY) io.stderr('请输入新密码并回车（用户下次登录须修改）：');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (!password) throw new CliError('没有从标准输入读到密码', 2);
  return withDatabase(io, async (ctx) => {
    const user = await userByKey(ctx.db.kysely, usernameKey(opts.username as string));
    if (!user) throw new CliError(`没有用户“${opts.username}”`, 2);
    await resetPassword(ctx, cliActor(), user.id, password);
    io.stderr(`已重置用户 ${user.username} 的密码；其会话已结束，下次登录须修改密码\n`);
    return 0;
  });
}

/**
 * A fresh activation code for an account, printed here for the operator to hand to its owner (when
 * the unit has no leader to receive it, or the owner asks in person). Earlier codes stop working;
 * the account's password is untouched until the owner activates. Audited.
 */
export async function userActivationCode(io: CliIo, opts: { username?: string }): Promise<number> {
  if (!opts.username) throw new CliError('用法：npx lantian user activation-code --username U', 2);
  return withDatabase(io, async (ctx) => {
    const user = await userByKey(ctx.db.kysely, usernameKey(opts.username as string));
    if (!user) throw new CliError(`没有用户“${opts.username}”`, 2);
    const issued = await transaction(ctx, (trx) =>
      issueActivation(ctx, trx, cliActor(), user, user.last_login_at ? 'reset' : 'new_account', {
        toServer: true,
      }),
    );
    io.stdout(`${issued.code}\n`);
    io.stderr(
      `用户 ${user.username} 的激活码（${issued.expiresAt} 前有效，只能使用一次）；请交给本人，在 /activate 页面设置密码\n`,
    );
    return 0;
  });
}

/**
 * Remove an account's second factor on the server (a lost phone), the administrators' included: its
 * secret and recovery codes go, its sessions end, and it enrols again at its next login. Audited.
 */
export async function userResetSecondFactor(io: CliIo, opts: { username?: string }): Promise<number> {
  if (!opts.username) throw new CliError('用法：npx lantian user reset-2fa --username U', 2);
  return withDatabase(io, async (ctx) => {
    const user = await userByKey(ctx.db.kysely, usernameKey(opts.username as string));
    if (!user) throw new CliError(`没有用户“${opts.username}”`, 2);
    const had = await resetSecondFactor(
      ctx,
      cliActor(),
      user.id,
      '在服务器上重置（npx lantian user reset-2fa）',
    );
    io.stderr(
      had
        ? `已重置用户 ${user.username} 的双因素认证；其会话已结束，下次登录须重新绑定身份验证器\n`
        : `用户 ${user.username} 未启用双因素认证；其会话已结束\n`,
    );
    return 0;
  });
}
