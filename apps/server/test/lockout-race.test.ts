/**
 * The account lockout (5 failures → 15 minutes) counts every failure, even of guesses sent side by side:
 * each failure is counted by one atomic upsert, and only the request that locks the account audits the lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUnit, makeUser, type World } from './helpers/context.ts';

let w: World;
let unitId: string;
beforeAll(async () => {
  w = await createWorld();
  unitId = (await makeUnit(w.ctx)).id;
});
afterAll(() => w.close());

const login = (username: string, password: string) =>
  w.api.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('lockout under concurrent guesses', () => {
  it('locks the account after 5 failures even when the guesses arrive together', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    await Promise.all(Array.from({ length: 10 }, (_, i) => login(u.username, `Wrong-pass-${i}`)));
    // Ten wrong passwords: the right one must not open the account now.
    const right = await login(u.username, u.password);
    expect(right.body.error?.code).toBe('ACCOUNT_LOCKED');
    const locks = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'auth.lockout')
      .where('object_id', '=', u.id)
      .execute();
    expect(locks).toHaveLength(1);
  });

  it('counts every failure of a burst towards the lock', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    await Promise.all(Array.from({ length: 4 }, (_, i) => login(u.username, `Wrong-pass-${i}`)));
    const lock = await w.ctx.db.kysely
      .selectFrom('login_source_locks')
      .selectAll()
      .where('username_key', '=', u.username.toLowerCase())
      .executeTakeFirst();
    expect(lock?.failures).toBe(4);
  });
});
