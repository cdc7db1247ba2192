/** Accounts: creation, roles (三员 kept apart), disabling, password resets and unlocking. */
import { randomUUID } from 'node:crypto';
import { ADMIN_ROLES, type UserRole, type UsersQuery } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { clearLock, deleteUserSessions, setPassword } from '../auth/auth.repository.ts';
import { checkNewPassword } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { unitById } from '../directory/directory.repository.ts';
import { pageOf } from '../supervision/common.ts';
import { type IssuedActivation, issueActivation, unusableHash } from './activation.service.ts';
import { usernameKey, usernameProblem } from './username.ts';
import * as repo from './users.repository.ts';

/** 三员分立: an administrator role is held alone — never two of them, never with a business role. */
export function rolesProblem(roles: readonly UserRole[]): string | null {
  const unique = new Set(roles);
  if (unique.size !== roles.length) return '角色重复';
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1) return '系统管理员、安全管理员、审计管理员三种角色不能由同一账户兼任';
  if (admin.length === 1 && roles.length > 1) return '管理员账户不能同时持有业务角色';
  return null;
}

export interface NewUser {
  username: string;
  displayName?: string;
  unitId: string;
  roles: UserRole[];
  /**
   * On the server only (first start, the CLI, tests): an initial password to be changed at first
   * login. Without one (the web), nobody knows a password: an activation code is issued instead.
   */
  password?: string;
  /** Initial passwords must be changed at first login; only tests set this false. */
  mustChangePassword?: boolean;
}

export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<string> {
  return (await createAccount(ctx, actor, input)).id;
}

/** Open an account; without a password, with its activation (where the code went, until when). */
export async function createAccount(
  ctx: AppContext,
  actor: Actor,
  input: NewUser,
): Promise<{ id: string; activation: IssuedActivation | null }> {
  const username = input.username.normalize('NFKC').trim();
  const bad = usernameProblem(username);
  if (bad) throw new AppError('INVALID_INPUT', bad);
  const rolesBad = rolesProblem(input.roles);
  if (rolesBad) throw new AppError('ROLE_CONFLICT', rolesBad);
  const key = usernameKey(username);
  if (await repo.userByKey(ctx.db.kysely, key))
    throw new AppError('USERNAME_TAKEN', `用户名“${username}”已被使用`);
  const unit = await unitById(ctx.db.kysely, input.unitId);
  if (!unit) throw new AppError('INVALID_INPUT', '所属单位不存在');
  const password = input.password;
  if (password !== undefined)
    await checkNewPassword(ctx, null, username, password, [input.displayName, unit.name, unit.full_name]);
  const hash =
    password === undefined
      ? await unusableHash(ctx)
      : await hashPassword(password, ctx.config.security.scrypt);
  const now = ctx.clock.now().toISOString();
  const id = randomUUID();
  const activation = await transaction(ctx, async (trx) => {
    if (await repo.userByKey(trx, key)) throw new AppError('USERNAME_TAKEN', `用户名“${username}”已被使用`);
    await repo.insertUser(
      trx,
      {
        id,
        username,
        username_key: key,
        display_name: input.displayName?.trim() || username,
        unit_id: unit.id,
        password_hash: hash,
        password_changed_at: now,
        must_change_password: input.mustChangePassword === false ? 0 : 1,
        disabled: 0,
        created_at: now,
        updated_at: now,
        last_login_at: null,
        version: 1,
      },
      input.roles,
    );
    if (password !== undefined)
      await trx
        .insertInto('password_history')
        .values({ id: randomUUID(), user_id: id, password_hash: hash, created_at: now })
        .execute();
    await audit(ctx, trx, actor, {
      action: 'user.create',
      objectType: 'user',
      objectId: id,
      after: { username, unit: unit.name, roles: input.roles },
    });
    if (password !== undefined) return null;
    return issueActivation(ctx, trx, actor, { id, username, unit_id: unit.id }, 'new_account');
  });
  return { id, activation };
}

async function existing(db: Executor, userId: string) {
  const user = await repo.userById(db, userId);
  if (!user) throw new AppError('NOT_FOUND', '用户不存在');
  return user;
}

export async function setRoles(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  roles: UserRole[],
): Promise<void> {
  const rolesBad = rolesProblem(roles);
  if (rolesBad) throw new AppError('ROLE_CONFLICT', rolesBad);
  await transaction(ctx, async (trx) => {
    const user = await existing(trx, userId);
    const before = (
      await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()
    ).map((r) => r.role);
    await repo.replaceRoles(trx, userId, roles);
    await audit(ctx, trx, actor, {
      action: 'user.roles_change',
      objectType: 'user',
      objectId: userId,
      before: { username: user.username, roles: before },
      after: { username: user.username, roles },
    });
  });
}

/** Disabling ends the account's sessions at once. */
export async function setDisabled(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  disabled: boolean,
): Promise<void> {
  await transaction(ctx, async (trx) => {
    const user = await existing(trx, userId);
    await repo.setDisabled(trx, userId, disabled, ctx.clock.now().toISOString());
    if (disabled) await deleteUserSessions(trx, userId);
    await audit(ctx, trx, actor, {
      action: disabled ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: userId,
      before: { username: user.username, disabled: user.disabled === 1 },
      after: { username: user.username, disabled },
    });
  });
}

/**
 * On the server (`npx lantian user reset-password`): the operator sets a new password; the user must
 * change it at next login, and sessions end. The web resets through an activation code instead.
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  password: string,
): Promise<void> {
  const user = await existing(ctx.db.kysely, userId);
  const unit = await unitById(ctx.db.kysely, user.unit_id);
  await checkNewPassword(ctx, userId, user.username, password, [
    user.display_name,
    unit?.name,
    unit?.full_name,
  ]);
  const hash = await hashPassword(password, ctx.config.security.scrypt);
  await transaction(ctx, async (trx) => {
    await setPassword(trx, {
      userId,
      hash,
      now: ctx.clock.now().toISOString(),
      mustChange: true,
      historyId: randomUUID(),
    });
    await deleteUserSessions(trx, userId);
    await audit(ctx, trx, actor, { action: 'user.password_reset', objectType: 'user', objectId: userId });
  });
}

export async function unlockUser(ctx: AppContext, actor: Actor, userId: string): Promise<void> {
  await transaction(ctx, async (trx) => {
    const user = await existing(trx, userId);
    await clearLock(trx, user.username_key);
    await audit(ctx, trx, actor, {
      action: 'user.unlock',
      objectType: 'user',
      objectId: userId,
      detail: { username: user.username },
    });
  });
}

/** One page of the accounts (`q` matches username, display name or unit). */
export async function listUsers(ctx: AppContext, q: UsersQuery) {
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const filter = { ...(q.q ? { q: q.q } : {}), ...(q.role ? { role: q.role } : {}) };
  const page = await repo.listUsers(ctx.db.kysely, { ...filter, limit, offset });
  return { total: page.total, page: q.page, pageSize: q.pageSize, users: present(ctx, page) };
}

function present(ctx: AppContext, { users, roles }: Awaited<ReturnType<typeof repo.listUsers>>) {
  const nowIso = ctx.clock.now().toISOString();
  return users.map((u) => {
    const locked = !!u.locked_until && u.locked_until > nowIso;
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      unit: { id: u.unit_id, name: u.unit_name },
      roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as UserRole),
      disabled: u.disabled === 1,
      mustChangePassword: u.must_change_password === 1,
      locked,
      lockedUntil: locked ? u.locked_until : null,
      lastLoginAt: u.last_login_at,
      createdAt: u.created_at,
    };
  });
}

export async function getUser(ctx: AppContext, userId: string) {
  const [user] = present(ctx, await repo.listUsers(ctx.db.kysely, { userId, limit: 1, offset: 0 }));
  if (!user) throw new AppError('NOT_FOUND', '用户不存在');
  return user;
}
