/** First start: bring the schema up to date, load the bundled directory, create the first administrator. */
import { randomInt } from 'node:crypto';
import { beijingDirectory } from '@lantian/core';
import { ConfigError } from './config.ts';
import { type AppContext, transaction } from './context.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemActor } from './modules/audit/actor.ts';
import { passwordProblems } from './modules/auth/password-policy.ts';
import { countUnits, unitByName } from './modules/directory/directory.repository.ts';
import { createUnit, loadDirectory } from './modules/directory/directory.service.ts';
import { countUsers } from './modules/users/users.repository.ts';
import { createUser } from './modules/users/users.service.ts';

export const ADMIN_USERNAME = 'admin';
/** The unit the first administrator belongs to: Lantian's own operators, not a plan unit. */
export const SYSTEM_UNIT = { name: '蓝天系统运维', fullName: '蓝天系统运维', kind: 'other' as const };

export interface PrepareResult {
  migrations: string[];
  directoryLoaded: boolean;
  /** Set only at the start that created the administrator. */
  admin?: { username: string; password?: string; fromEnv: boolean };
}

/** A password that passes the policy: 20 characters from all four classes. */
export function generatePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#%^*-_=+?'];
  const chars = sets.map((s) => s[randomInt(s.length)] as string);
  const all = sets.join('');
  while (chars.length < 20) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

export async function prepareDatabase(ctx: AppContext): Promise<PrepareResult> {
  const migrations = await migrateToLatest(ctx.db);
  const actor = systemActor();
  let directoryLoaded = false;
  if ((await countUnits(ctx.db.kysely)) === 0) {
    await transaction(ctx, (trx) => loadDirectory(ctx, trx, actor, beijingDirectory));
    directoryLoaded = true;
  }
  if ((await countUsers(ctx.db.kysely)) > 0) return { migrations, directoryLoaded };

  const fromEnv = !!ctx.config.adminPassword;
  const password = ctx.config.adminPassword ?? generatePassword();
  const problems = passwordProblems(password, ADMIN_USERNAME, ctx.config.security);
  if (problems.length > 0)
    throw new ConfigError(`LANTIAN_ADMIN_PASSWORD 不符合密码策略：${problems.join('；')}`);
  const unit =
    (await unitByName(ctx.db.kysely, SYSTEM_UNIT.name)) ??
    (await transaction(ctx, (trx) => createUnit(ctx, trx, actor, SYSTEM_UNIT)));
  await createUser(ctx, actor, {
    username: ADMIN_USERNAME,
    displayName: '系统管理员',
    unitId: unit.id,
    roles: ['sysadmin'],
    password,
    mustChangePassword: true,
  });
  return {
    migrations,
    directoryLoaded,
    admin: { username: ADMIN_USERNAME, password: fromEnv ? undefined : password, fromEnv },
  };
}
