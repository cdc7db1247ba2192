/** SQL for sessions, login throttling and the account fields login needs. */
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';

export async function findUserForLogin(db: Executor, usernameKey: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'disabled', 'unit_id'])
    .where('username_key', '=', usernameKey)
    .executeTakeFirst();
}

const sessionQuery = (db: Executor, sessionId: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('user_totp as t', 't.user_id', 'u.id')
    .leftJoin('second_factor_roles as f', 'f.role', 'r.role')
    .leftJoin('second_factor_reenrolment as e', 'e.user_id', 'u.id')
    .select([
      's.id as session_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.disabled',
      'u.must_change_password',
      'u.password_changed_at',
      'n.id as unit_id',
      'n.name as unit_name',
      'n.full_name as unit_full_name',
      'n.kind as unit_kind',
      't.confirmed_at as totp_confirmed_at',
      // Set after the security administrator reset the account's factor: it must enrol again.
      'e.reset_at as factor_reset_at',
      // One row per role (or one with a null role), in the same round trip; `policy_role` is set where
      // the security administrator's policy requires a second factor of that role.
      'r.role',
      'f.role as policy_role',
    ])
    .where('s.id', '=', sessionId);

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];
const preparedSession = prepared<[string], SessionRow>(1, (db, id) => sessionQuery(db, id as string));

export interface SessionRecord extends Omit<SessionRow, 'role' | 'policy_role'> {
  roles: string[];
  /** One of the roles is in the second-factor policy. */
  policyRequiresFactor: boolean;
}
const preparedRoles = prepared<[string], { role: string }>(1, (db, userId) =>
  db
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', userId as string),
);

/** A session with its user, unit and roles, in one query: this runs on every authenticated request. */
export async function findSession(db: Executor, sessionId: string): Promise<SessionRecord | undefined> {
  const rows = await preparedSession(db, sessionId);
  const first = rows[0];
  if (!first) return undefined;
  const { role: _role, policy_role: _policy, ...session } = first;
  return {
    ...session,
    roles: rows.map((r) => r.role).filter((r): r is string => r !== null),
    policyRequiresFactor: rows.some((r) => r.policy_role !== null),
  };
}

export async function rolesOf(db: Executor, userId: string): Promise<string[]> {
  return (await preparedRoles(db, userId)).map((r) => r.role);
}

export async function insertSession(
  db: Executor,
  s: {
    id: string;
    userId: string;
    now: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function touchSession(db: Executor, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/**
 * End an account's oldest sessions beyond `keep` (the concurrent-sessions limit): the session `newId`
 * just opened stays, with the newest others; returns how many ended.
 */
export async function deleteSessionsBeyond(
  db: Executor,
  userId: string,
  newId: string,
  keep: number,
): Promise<number> {
  const extra = await db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '!=', newId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .offset(keep - 1)
    .execute();
  if (extra.length === 0) return 0;
  await db
    .deleteFrom('sessions')
    .where(
      'id',
      'in',
      extra.map((r) => r.id),
    )
    .execute();
  return extra.length;
}

/** An account's live sessions (not past their lifetime, not idle since before `idleBefore`), newest first. */
export async function listUserSessions(db: Executor, userId: string, now: string, idleBefore: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleBefore)
    .orderBy('created_at', 'desc')
    .execute();
}

/** End one session of an account; true when there was one to end. */
export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteUserSessions(db: Executor, userId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Sessions past their absolute lifetime, or idle since before `idleBefore`. */
export async function deleteExpiredSessions(db: Executor, userId: string, now: string, idleBefore: string) {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
    .execute();
}

export async function findLock(db: Executor, usernameKey: string, source: string) {
  return db
    .selectFrom('login_source_locks')
    .selectAll()
    .where('username_key', '=', usernameKey)
    .where('source', '=', source)
    .executeTakeFirst();
}

/**
 * Count one failed login of a name from a source address, atomically (failures sent side by side each
 * count): a lock that has run out starts the count again. Returns the count, the lock and how many
 * locks this pair has had, as they are now.
 */
export async function countFailure(
  db: Executor,
  usernameKey: string,
  source: string,
  at: string,
): Promise<{ failures: number; locked_until: string | null; locks: number }> {
  const t = 'login_source_locks';
  const expired = sql<boolean>`${sql.ref(`${t}.locked_until`)} is not null and ${sql.ref(`${t}.locked_until`)} <= ${at}`;
  return db
    .insertInto(t)
    .values({
      username_key: usernameKey,
      source,
      failures: 1,
      locks: 0,
      last_failure_at: at,
      locked_until: null,
    })
    .onConflict((oc) =>
      oc.columns(['username_key', 'source']).doUpdateSet({
        failures: sql<number>`case when ${expired} then 1 else ${sql.ref(`${t}.failures`)} + 1 end`,
        last_failure_at: at,
        locked_until: sql<
          string | null
        >`case when ${expired} then null else ${sql.ref(`${t}.locked_until`)} end`,
      }),
    )
    .returning(['failures', 'locked_until', 'locks'])
    .executeTakeFirstOrThrow();
}

/** Lock a name from a source that is not locked yet; true for the one request that locked it. */
export async function lockSource(
  db: Executor,
  usernameKey: string,
  source: string,
  until: string,
): Promise<boolean> {
  const r = await db
    .updateTable('login_source_locks')
    .set((eb) => ({ failures: 0, locked_until: until, locks: eb('locks', '+', 1) }))
    .where('username_key', '=', usernameKey)
    .where('source', '=', source)
    .where('locked_until', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** End every lock of a name, from every source (a successful login, or an administrator's unlock). */
export async function clearLock(db: Executor, usernameKey: string) {
  await db.deleteFrom('login_source_locks').where('username_key', '=', usernameKey).execute();
}

export async function countIpFailures(db: Executor, ip: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLoginFailure(
  db: Executor,
  f: { id: string; ip: string; usernameKey: string; at: string },
) {
  await db
    .insertInto('login_failures')
    .values({ id: f.id, ip: f.ip, username_key: f.usernameKey, at: f.at })
    .execute();
}

export async function pruneLoginFailures(db: Executor, before: string) {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}

export async function setLastLogin(db: Executor, userId: string, at: string) {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function findPasswordState(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'version'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/**
 * Hashes of the last `n` passwords (the current one included). Passwords set in the same instant all
 * count, so ties never let an old password through.
 */
export async function recentPasswordHashes(db: Executor, userId: string, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const recent = await db
    .selectFrom('password_history')
    .select('created_at')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(n)
    .execute();
  const oldest = recent[recent.length - 1]?.created_at;
  if (!oldest) return [];
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .where('created_at', '>=', oldest)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function setPassword(
  db: Executor,
  u: { userId: string; hash: string; now: string; mustChange: boolean; historyId: string },
) {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: u.hash,
      password_changed_at: u.now,
      must_change_password: u.mustChange ? 1 : 0,
      updated_at: u.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', u.userId)
    .execute();
  await db
    .insertInto('password_history')
    .values({ id: u.historyId, user_id: u.userId, password_hash: u.hash, created_at: u.now })
    .execute();
}
