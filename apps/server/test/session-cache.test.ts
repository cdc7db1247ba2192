/**
 * The session cache (modules/auth/session-cache.ts): a session read in the last few seconds is reused,
 * yet a logout, password change, role change or disable on ANY instance is seen by every other as soon as
 * its announcement arrives (PostgreSQL NOTIFY, milliseconds; `settled` waits for exactly that), at once on SQLite,
 * and idle expiry stays decided by the stored last-seen time.
 */
import type { UserRole } from '@lantian/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { MINUTE } from '../src/clock.ts';
import type { Db } from '../src/db/connect.ts';
import { mirrorOf } from '../src/db/read-scope-mirror.ts';
import { SESSION_CACHE_TTL_MS } from '../src/modules/auth/session-cache.ts';
import { createWorld, makeUnit, makeUser, type TestUser, type World } from './helpers/context.ts';
import { Api } from './helpers/http.ts';

let w: World;
let second: FastifyInstance;
let secondDb: Db;
/** The same database through another connection and app: another instance behind the load balancer. */
let other: Api;
let unitId: string;
let admin: TestUser;
let adminCookie: string;

beforeAll(async () => {
  w = await createWorld();
  secondDb = w.testDb.reopen();
  second = await buildApp({ db: secondDb, config: w.ctx.config, clock: w.clock });
  await second.ready();
  other = new Api(second);
  unitId = (await makeUnit(w.ctx)).id;
  admin = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
  adminCookie = await w.api.login(admin.username, admin.password);
});
afterAll(async () => {
  await second.close();
  await w.close();
});

/**
 * A write made straight in the database (as the CLI or another instance would) reaches an instance's
 * read-scope mirror (PostgreSQL) when its announcement arrives: wait for that, as a later request would.
 */
const settled = () => Promise.all([mirrorOf(w.ctx.db.kysely)?.sync(), mirrorOf(secondDb.kysely)?.sync()]);

async function signedIn(roles: UserRole[]) {
  const u = await makeUser(w.ctx, { unitId, roles });
  const cookie = await w.api.login(u.username, u.password);
  // Both instances have the session cached now.
  expect((await w.api.get('/api/v1/me', cookie)).status).toBe(200);
  expect((await other.get('/api/v1/me', cookie)).status).toBe(200);
  return { u, cookie };
}

describe('the session cache', () => {
  it('reads the scopes from memory on PostgreSQL (a LISTEN mirror), from the table on SQLite', async () => {
    expect(mirrorOf(w.ctx.db.kysely)?.live ?? false).toBe(w.ctx.db.dialect === 'postgres');
    // LANTIAN_STRICT_READS=1: no mirror, every cached read checks with the database.
    const db = w.testDb.reopen();
    const strict = await buildApp({ db, config: { ...w.ctx.config, strictReads: true }, clock: w.clock });
    await strict.ready();
    expect(mirrorOf(db.kysely)).toBeUndefined();
    await strict.close();
  });

  it('reuses a recent session read: a change that ends no session shows after the cache lifetime', async () => {
    const { cookie } = await signedIn(['viewer']);
    // Moving the absolute expiry touches no read scope (nothing a session ends through does this):
    // the cached copy is still used for a few seconds, then the stored one is read again.
    await w.ctx.db.kysely
      .updateTable('sessions')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('unit_id', '=', unitId))
      .execute();
    expect((await other.get('/api/v1/me', cookie)).status).toBe(200);
    w.clock.advance(SESSION_CACHE_TTL_MS + 1);
    expect((await other.get('/api/v1/me', cookie)).status).toBe(401);
    adminCookie = await w.api.login(admin.username, admin.password);
  });

  it('sees a logout on another instance once announced', async () => {
    const { cookie } = await signedIn(['viewer']);
    expect((await w.api.post('/api/v1/auth/logout', undefined, cookie)).status).toBe(200);
    await settled();
    expect((await other.get('/api/v1/me', cookie)).status).toBe(401);
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(401);
  });

  it('sees a password change on another instance once announced', async () => {
    const { u, cookie } = await signedIn(['viewer']);
    const changed = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: u.password, newPassword: 'Cache-change-84' },
      cookie,
    );
    expect(changed.status).toBe(200);
    await settled();
    expect((await other.get('/api/v1/me', cookie)).status).toBe(401);
    expect((await other.get('/api/v1/me', changed.cookie)).status).toBe(200);
  });

  it('sees an account disabled on another instance once announced', async () => {
    const { u, cookie } = await signedIn(['unit_staff']);
    const res = await w.api.post(`/api/v1/users/${u.id}/disable`, undefined, adminCookie);
    expect(res.status).toBe(200);
    await settled();
    expect((await other.get('/api/v1/me', cookie)).status).toBe(401);
  });

  it('sees a role change made directly in the database (the CLI, another instance) at once', async () => {
    const { u, cookie } = await signedIn(['unit_staff']);
    expect((await other.get('/api/v1/me', cookie)).body.roles).toEqual(['unit_staff']);
    await w.ctx.db.kysely
      .updateTable('user_roles')
      .set({ role: 'viewer' })
      .where('user_id', '=', u.id)
      .execute();
    await settled();
    expect((await other.get('/api/v1/me', cookie)).body.roles).toEqual(['viewer']);
  });

  it('keeps idle expiry exact: last-seen written by one instance keeps the session alive on the other', async () => {
    const { cookie } = await signedIn(['viewer']);
    w.clock.advance(20 * MINUTE);
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(200);
    w.clock.advance(20 * MINUTE);
    // 40 minutes after the other instance last saw it, 20 after the last use: alive.
    expect((await other.get('/api/v1/me', cookie)).status).toBe(200);
    w.clock.advance(31 * MINUTE);
    const idle = await other.get('/api/v1/me', cookie);
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_EXPIRED');
    adminCookie = await w.api.login(admin.username, admin.password);
  });

  it('does not let ended sessions of other users flush into a wrong answer', async () => {
    const a = await signedIn(['viewer']);
    const b = await signedIn(['unit_staff']);
    expect((await w.api.post('/api/v1/auth/logout', undefined, a.cookie)).status).toBe(200);
    await settled();
    const me = await other.get('/api/v1/me', b.cookie);
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(b.u.id);
    expect((await other.get('/api/v1/me', a.cookie)).status).toBe(401);
  });
});
