/** First start: bring the schema up to date, load the bundled directory, create the three administrators. */
import { randomInt } from 'node:crypto';
import { beijingAreas, beijingDirectory } from '@lantian/core';
import { ConfigError } from './config.ts';
import { type AppContext, transaction } from './context.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadAreaSet } from './modules/areas/areas.service.ts';
import { systemActor } from './modules/audit/actor.ts';
import { writeCheckpoint } from './modules/audit/audit.checkpoint.ts';
import { ensureAuditKeying } from './modules/audit/audit.keying.ts';
import { passwordProblems } from './modules/auth/password-policy.ts';
import { ensureContactEncryption } from './modules/contacts/contact-keying.ts';
import { countUnits, unitByName } from './modules/directory/directory.repository.ts';
import { createUnit, loadDirectory } from './modules/directory/directory.service.ts';
import { countUsers } from './modules/users/users.repository.ts';
import { createUser } from './modules/users/users.service.ts';

export const ADMIN_USERNAME = 'admin';
/** The unit the first administrators belong to: Lantian's own operators, not a plan unit. */
export const SYSTEM_UNIT = { name: '蓝天系统运维', fullName: '蓝天系统运维', kind: 'other' as const };

/**
 * 三员分立: the three administrators, each its own account from the first start. The system
 * administrator creates accounts, the security administrator grants their roles, the audit
 * administrator reads the audit trail; none can do another's job.
 */
const FIRST_ADMINS = [
  { username: ADMIN_USERNAME, title: '系统管理员', role: 'sysadmin', env: 'LANTIAN_ADMIN_PASSWORD' },
  { username: 'secadmin', title: '安全管理员', role: 'secadmin', env: 'LANTIAN_SECADMIN_PASSWORD' },
  { username: 'auditadmin', title: '审计管理员', role: 'auditor', env: 'LANTIAN_AUDITOR_PASSWORD' },
] as const;

export interface FirstAdmin {
  username: string;
  title: string;
  /** Shown once when generated; undefined when it came from the environment. */
  password?: string;
  env: string;
  fromEnv: boolean;
}

export interface PrepareResult {
  migrations: string[];
  directoryLoaded: boolean;
  /** Set only at the start that created the administrators. */
  admins?: FirstAdmin[];
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

/**
 * `anchor: false` (the read-only `audit verify`): write no checkpoint of the chain as found, so a
 * verification never vouches for a tampered tail or re-anchors a cut checkpoint file before checking it.
 */
export async function prepareDatabase(
  ctx: AppContext,
  opts: { anchor?: boolean } = {},
): Promise<PrepareResult> {
  const migrations = await migrateToLatest(ctx.db);
  await ensureAuditKeying(ctx);
  await ensureContactEncryption(ctx);
  const actor = systemActor();
  let directoryLoaded = false;
  if ((await countUnits(ctx.db.kysely)) === 0) {
    await transaction(ctx, async (trx) => {
      await loadDirectory(ctx, trx, actor, beijingDirectory);
      // The bundled areas answer through the bundled directory's district units: they come together.
      await loadAreaSet(ctx, trx, actor, beijingAreas);
    });
    directoryLoaded = true;
  }
  if ((await countUsers(ctx.db.kysely)) > 0) {
    if (opts.anchor !== false) await writeCheckpoint(ctx);
    return { migrations, directoryLoaded };
  }

  const given: Record<(typeof FIRST_ADMINS)[number]['role'], string | undefined> = {
    sysadmin: ctx.config.adminPassword,
    secadmin: ctx.config.secadminPassword,
    auditor: ctx.config.auditorPassword,
  };
  const chosen = FIRST_ADMINS.map((a) => {
    const password = given[a.role] ?? generatePassword();
    const problems = passwordProblems(password, a.username, ctx.config.security);
    if (problems.length > 0) throw new ConfigError(`${a.env} 不符合密码策略：${problems.join('；')}`);
    return { ...a, password, fromEnv: given[a.role] !== undefined };
  });
  const unit =
    (await unitByName(ctx.db.kysely, SYSTEM_UNIT.name)) ??
    (await transaction(ctx, (trx) => createUnit(ctx, trx, actor, SYSTEM_UNIT)));
  for (const a of chosen) {
    await createUser(ctx, actor, {
      username: a.username,
      displayName: a.title,
      unitId: unit.id,
      roles: [a.role],
      password: a.password,
      mustChangePassword: true,
    });
  }
  await writeCheckpoint(ctx);
  return {
    migrations,
    directoryLoaded,
    admins: chosen.map((a) => ({
      username: a.username,
      title: a.title,
      password: a.fromEnv ? undefined : a.password,
      env: a.env,
      fromEnv: a.fromEnv,
    })),
  };
}
