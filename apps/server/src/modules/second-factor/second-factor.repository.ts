/** SQL of the second factor: TOTP secrets, recovery codes, login challenges and the role policy. */
import { sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';

export async function findTotp(db: Executor, userId: string) {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Start (or restart) an enrolment: an unconfirmed secret replaces any earlier unconfirmed one. */
export async function putPendingTotp(db: Executor, userId: string, secret: string, now: string) {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).where('confirmed_at', 'is', null).execute();
  await db
    .insertInto('user_totp')
    .values({ user_id: userId, secret, created_at: now, confirmed_at: null, last_step: 0 })
    .execute();
}

export async function confirmTotp(db: Executor, userId: string, now: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('user_totp')
    .set({ confirmed_at: now, last_step: step })
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Take a code's step: true for the one request that moved `last_step` forward to it. A step already
 * taken (the same code again, or an earlier one) is a replay, and so is the loser of a race.
 */
export async function takeStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .where('last_step', '<', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSecondFactor(db: Executor, userId: string): Promise<number> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
  const r = await db.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** End an account's sessions other than `keepId` (the one re-enrolling). */
export async function deleteOtherSessions(db: Executor, userId: string, keepId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  codes: { id: string; hash: string }[],
  now: string,
) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(
      codes.map((c) => ({ id: c.id, user_id: userId, code_hash: c.hash, created_at: now, used_at: null })),
    )
    .execute();
}

/** Use a recovery code once: true for the one request that marked it used. */
export async function useRecoveryCode(db: Executor, userId: string, hash: string, now: string) {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recoveryCodesLeft(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: Executor,
  c: { id: string; userId: string; source: string; now: string; expiresAt: string },
) {
  await db
    .insertInto('login_challenges')
    .values({
      id: c.id,
      user_id: c.userId,
      source: c.source,
      created_at: c.now,
      expires_at: c.expiresAt,
      failures: 0,
    })
    .execute();
}

export async function findChallenge(db: Executor, id: string) {
  return db
    .selectFrom('login_challenges as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.user_id',
      'c.source',
      'c.expires_at',
      'c.failures',
      'u.username',
      'u.username_key',
      'u.disabled',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** One more wrong code on a challenge; returns the count. */
export async function failChallenge(db: Executor, id: string): Promise<number> {
  const row = await db
    .updateTable('login_challenges')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('id', '=', id)
    .returning('failures')
    .executeTakeFirst();
  return row?.failures ?? Number.POSITIVE_INFINITY;
}

/** End a challenge; true for the one request that ended it (a challenge opens one session at most). */
export async function deleteChallenge(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom('login_challenges').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function pruneChallenges(db: Executor, now: string) {
  await db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
}

export async function policyRoles(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('second_factor_roles').select('role').orderBy('role').execute();
  return rows.map((r) => r.role);
}

export async function setPolicyRoles(db: Executor, roles: readonly string[], by: string | null, now: string) {
  await db.deleteFrom('second_factor_roles').execute();
  if (roles.length > 0)
    await db
      .insertInto('second_factor_roles')
      .values(roles.map((role) => ({ role, updated_by: by, updated_at: now })))
      .execute();
}

/**
 * Move the `session` read scope: cached sessions carry the second-factor state (enrolled, required),
 * and tables the read-scope triggers do not watch change it.
 */
export async function bumpSessionScope(db: Executor) {
  await sql`insert into read_scopes (scope, n) values ('session', 1)
    on conflict (scope) do update set n = read_scopes.n + 1`.execute(db);
}

/** After a reset of a factor the account had: it must enrol again (the reason and who reset it kept). */
export async function requireReenrolment(
  db: Executor,
  r: { userId: string; resetBy: string | null; at: string; reason: string },
): Promise<void> {
  await db
    .insertInto('second_factor_reenrolment')
    .values({ user_id: r.userId, reset_by: r.resetBy, reset_at: r.at, reason: r.reason })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ reset_by: r.resetBy, reset_at: r.at, reason: r.reason }),
    )
    .execute();
}

/** The re-enrolment owed by an account, with the name of who reset its factor (null: on the server). */
export async function reenrolmentOf(db: Executor, userId: string) {
  return db
    .selectFrom('second_factor_reenrolment as e')
    .leftJoin('users as u', 'u.id', 'e.reset_by')
    .select(['e.reset_at', 'e.reason', 'u.display_name', 'u.username'])
    .where('e.user_id', '=', userId)
    .executeTakeFirst();
}

/** A new factor confirmed: the re-enrolment asked for is done. */
export async function reenrolmentDone(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('second_factor_reenrolment').where('user_id', '=', userId).execute();
}
