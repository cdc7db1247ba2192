/** SQL for accounts and their roles. */
import type { Executor } from '../../db/connect.ts';
import type { UsersTable } from '../../db/schema.ts';
import { likeEscaped, likeTerm } from '../directory/directory.query.ts';

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function userById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function userByKey(db: Executor, key: string) {
  return db.selectFrom('users').selectAll().where('username_key', '=', key).executeTakeFirst();
}

export async function insertUser(db: Executor, row: UsersTable, roles: readonly string[]): Promise<void> {
  await db.insertInto('users').values(row).execute();
  await replaceRoles(db, row.id, roles);
}

export async function replaceRoles(db: Executor, userId: string, roles: readonly string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function setDisabled(
  db: Executor,
  userId: string,
  disabled: boolean,
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ disabled: disabled ? 1 : 0, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** Accounts with their unit, roles and lock state, for the administrators' list. */
/** Accounts with their unit, lock and roles: one page (optionally matching `q`), or the one `userId`. */
export async function listUsers(
  db: Executor,
  f: { q?: string; role?: string; userId?: string; limit: number; offset: number },
) {
  let b = db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id');
  if (f.userId) b = b.where('u.id', '=', f.userId);
  if (f.role) {
    const role = f.role;
    b = b.where((eb) => {
      const held = eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id');
      return role === 'awaiting' ? eb.not(eb.exists(held)) : eb.exists(held.where('r.role', '=', role));
    });
  }
  if (f.q) {
    const term = likeTerm(f.q);
    b = b.where((eb) => eb.or(['u.username', 'u.display_name', 'n.name'].map((c) => likeEscaped(c, term))));
  }
  const [count, users] = await Promise.all([
    b.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    b
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.disabled',
        'u.must_change_password',
        'u.last_login_at',
        'u.created_at',
        'n.id as unit_id',
        'n.name as unit_name',
        (eb) =>
          eb
            .selectFrom('login_source_locks as l')
            .whereRef('l.username_key', '=', 'u.username_key')
            .select((e) => e.fn.max('l.locked_until').as('m'))
            .as('locked_until'),
      ])
      .orderBy('u.username_key')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  const ids = users.map((u) => u.id);
  const roles =
    ids.length === 0
      ? []
      : await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute();
  return { total: Number(count.n), users, roles };
}
