import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { MINUTE } from '../src/clock.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUnit, makeUser, PASSWORD, type World } from './helpers/context.ts';

let w: World;
let unitId: string;
beforeAll(async () => {
  w = await createWorld();
  unitId = (await makeUnit(w.ctx)).id;
});
afterAll(() => w.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  w.api.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

describe('login', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user, unit and roles', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const res = await login(u.username, u.password);
    expect(res.status).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(res.body.user.username).toBe(u.username);
    expect(res.body.unit.id).toBe(unitId);
    expect(res.body.roles).toEqual(['unit_staff']);
    expect(res.body.mustChangePassword).toBe(false);
    const me = await w.api.get('/api/v1/me', res.cookie);
    expect(me.status).toBe(200);
    expect(me.body.unit.kind).toBe('city_department');
  });

  it('issues a new session id at every login and stores only its hash', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const a = await w.api.login(u.username, u.password);
    const b = await w.api.login(u.username, u.password);
    expect(a).not.toBe(b);
    const token = a.split('=')[1] as string;
    const stored = await w.ctx.db.kysely
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', u.id)
      .execute();
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const wrong = await login(u.username, 'Wrong-password-1');
    const unknown = await login('nobody_here', 'Wrong-password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('treats usernames alike after case and full-width normalisation', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'], username: 'Zhang_norm' });
    expect((await login('ｚhang_NORM', u.password)).status).toBe(200);
    await expect(
      makeUser(w.ctx, { unitId, roles: ['viewer'], username: 'ＺHANG_norm' }),
    ).rejects.toMatchObject({
      code: 'USERNAME_TAKEN',
    });
  });
});

describe('lockout', () => {
  it('locks a name after 5 failures for 15 minutes, whether or not the account exists', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const ip = { 'x-forwarded-for': '10.0.0.1' };
    for (let i = 0; i < 4; i++)
      expect((await login(u.username, 'Wrong-pass-1', ip)).body.error.code).toBe('INVALID_CREDENTIALS');
    const fifth = await login(u.username, 'Wrong-pass-1', ip);
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    // The right password does not help while locked.
    expect((await login(u.username, u.password)).body.error.code).toBe('ACCOUNT_LOCKED');

    for (let i = 0; i < 4; i++) await login('ghost_user', 'Wrong-pass-1');
    const ghost = await login('ghost_user', 'Wrong-pass-1');
    expect(ghost.status).toBe(423);
    expect(ghost.body.error.code).toBe('ACCOUNT_LOCKED');

    w.clock.advance(15 * MINUTE + 1000);
    expect((await login(u.username, u.password)).status).toBe(200);
    const lockouts = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.lockout')
      .execute();
    expect(lockouts.some((e) => String(e.detail).includes(u.username))).toBe(true);
  });

  it('lets a security administrator unlock, and audits it', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    for (let i = 0; i < 5; i++) await login(u.username, 'Wrong-pass-1');
    expect((await login(u.username, u.password)).body.error.code).toBe('ACCOUNT_LOCKED');
    const cookie = await w.api.login(sec.username, sec.password);
    const list = await w.api.get(`/api/v1/users?q=${u.username}`, cookie);
    expect(list.body.users.find((x: { id: string }) => x.id === u.id).locked).toBe(true);
    const res = await w.api.post(`/api/v1/users/${u.id}/unlock`, undefined, cookie);
    expect(res.status).toBe(200);
    expect(res.body.user.locked).toBe(false);
    expect((await login(u.username, u.password)).status).toBe(200);
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'user.unlock')
      .where('object_id', '=', u.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe(sec.id);
  });

  it('refuses an address after too many failures, for any name', async () => {
    const ip = { 'x-forwarded-for': '10.9.9.9' };
    const world = await createWorld({ config: { trustProxy: ['loopback'] } });
    try {
      const unit = await makeUnit(world.ctx);
      const u = await makeUser(world.ctx, { unitId: unit.id, roles: ['viewer'] });
      const limit = world.ctx.config.security.ipFailureLimit;
      for (let i = 0; i < limit; i++) {
        await world.api.request({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: `spray_${i}`, password: 'Wrong-pass-1' },
          headers: ip,
        });
      }
      const blocked = await world.api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: u.password },
        headers: ip,
      });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('RATE_LIMITED');
      const other = await world.api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: u.password },
        headers: { 'x-forwarded-for': '10.9.9.10' },
      });
      expect(other.status).toBe(200);
    } finally {
      await world.close();
    }
  });
});

describe('login timing', () => {
  it('costs about the same for an unknown user as for a wrong password', async () => {
    // A realistic scrypt cost, so hashing dominates the measurement.
    const world = await createWorld({
      config: { security: { scrypt: { N: 2 ** 14, r: 8, p: 1, keyLength: 32 } } as never },
    });
    try {
      const unit = await makeUnit(world.ctx);
      const u = await makeUser(world.ctx, { unitId: unit.id, roles: ['viewer'] });
      const time = async (username: string) => {
        const t0 = performance.now();
        await world.api.post('/api/v1/auth/login', { username, password: 'Wrong-pass-1' });
        return performance.now() - t0;
      };
      await time('warm_up_unknown');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 7; i++) {
        known.push(await time(u.username));
        unknown.push(await time(`nobody_${i}`));
      }
      // Medians of interleaved samples, with a wide band: the fault this catches (an unknown user answered
      // without hashing) is a factor of ten or more, while a loaded machine jitters by tens of percent.
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[3] as number;
      expect(med(unknown)).toBeGreaterThan(med(known) * 0.5);
      expect(med(unknown)).toBeLessThan(med(known) * 2);
    } finally {
      await world.close();
    }
  });
});

describe('sessions', () => {
  it('expire after 30 idle minutes, and stay alive while used', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const cookie = await w.api.login(u.username, u.password);
    for (let i = 0; i < 3; i++) {
      w.clock.advance(20 * MINUTE);
      expect((await w.api.get('/api/v1/me', cookie)).status).toBe(200);
    }
    w.clock.advance(30 * MINUTE);
    const res = await w.api.get('/api/v1/me', cookie);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_EXPIRED');
    expect((await w.api.get('/api/v1/me', cookie)).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('do not write on every request: last-seen moves only when older than a minute', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const cookie = await w.api.login(u.username, u.password);
    const seen = async () =>
      (
        await w.ctx.db.kysely
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('user_id', '=', u.id)
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    const first = await seen();
    w.clock.advance(30_000);
    await w.api.get('/api/v1/me', cookie);
    expect(await seen()).toBe(first);
    w.clock.advance(31_000);
    await w.api.get('/api/v1/me', cookie);
    expect(await seen()).not.toBe(first);
  });

  it('end at the absolute lifetime even when used', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const cookie = await w.api.login(u.username, u.password);
    const hours = w.ctx.config.security.sessionAbsoluteHours;
    for (let t = 0; t < hours * 60 - 20; t += 20) {
      w.clock.advance(20 * MINUTE);
      expect((await w.api.get('/api/v1/me', cookie)).status).toBe(200);
    }
    w.clock.advance(21 * MINUTE);
    expect((await w.api.get('/api/v1/me', cookie)).body.error.code).toBe('SESSION_EXPIRED');
  });

  it('end at logout', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const cookie = await w.api.login(u.username, u.password);
    const out = await w.api.post('/api/v1/auth/logout', undefined, cookie);
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/lantian_session=;/);
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(401);
  });

  it('all end when the account is disabled', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const admin = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const c1 = await w.api.login(u.username, u.password);
    const c2 = await w.api.login(u.username, u.password);
    const adminCookie = await w.api.login(admin.username, admin.password);
    expect((await w.api.post(`/api/v1/users/${u.id}/disable`, undefined, adminCookie)).status).toBe(200);
    expect((await w.api.get('/api/v1/me', c1)).status).toBe(401);
    expect((await w.api.get('/api/v1/me', c2)).status).toBe(401);
    expect((await login(u.username, u.password)).body.error.code).toBe('ACCOUNT_DISABLED');
    expect((await w.api.post(`/api/v1/users/${u.id}/enable`, undefined, adminCookie)).status).toBe(200);
    expect((await login(u.username, u.password)).status).toBe(200);
  });
});

describe('passwords', () => {
  it('must be changed at first login before anything else', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['unit_staff'], mustChange: true });
    const res = await login(u.username, u.password);
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    const cookie = res.cookie as string;
    expect((await w.api.get('/api/v1/me', cookie)).body.mustChangePassword).toBe(true);
    const blocked = await w.api.get('/api/v1/me/assignments', cookie);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: u.password, newPassword: 'Another-pass-42' },
      cookie,
    );
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    const fresh = changed.cookie as string;
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(cookie);
    // The old session ended; the new one works.
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(401);
    expect((await w.api.get('/api/v1/me/assignments', fresh)).status).toBe(200);
    expect((await login(u.username, 'Another-pass-42')).status).toBe(200);
  });

  it("ends the account's other sessions when changed", async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const other = await w.api.login(u.username, u.password);
    const mine = await w.api.login(u.username, u.password);
    const res = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: u.password, newPassword: 'Changed-pass-77' },
      mine,
    );
    expect(res.status).toBe(200);
    expect((await w.api.get('/api/v1/me', other)).status).toBe(401);
  });

  it('follow the policy: length, classes, username, common list, history', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'], username: 'policy_user' });
    const cookie = await w.api.login(u.username, u.password);
    const attempt = (newPassword: string) =>
      w.api.post('/api/v1/auth/password', { currentPassword: u.password, newPassword }, cookie);
    for (const bad of ['Ab1!', 'alllowercase', 'Xpolicy_user9', 'P@ssw0rd', `Aa1!${'x'.repeat(130)}`]) {
      const res = await attempt(bad);
      expect(res.status, bad).toBe(422);
      expect(res.body.error.code).toBe('PASSWORD_POLICY');
    }
    const wrongCurrent = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: 'nope', newPassword: 'Valid-pass-88' },
      cookie,
    );
    expect(wrongCurrent.status).toBe(422);

    // The last three passwords are refused.
    let current = u.password;
    let session = cookie;
    for (const next of ['History-one-1', 'History-two-2', 'History-three-3']) {
      w.clock.advance(1000);
      const res = await w.api.post(
        '/api/v1/auth/password',
        { currentPassword: current, newPassword: next },
        session,
      );
      expect(res.status).toBe(200);
      current = next;
      session = res.cookie as string;
    }
    const reuse = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: current, newPassword: 'History-one-1' },
      session,
    );
    expect(reuse.body.error.code).toBe('PASSWORD_POLICY');
    const old = await w.api.post(
      '/api/v1/auth/password',
      { currentPassword: current, newPassword: PASSWORD },
      session,
    );
    expect(old.status).toBe(200);
  });

  it('expire after 90 days and must then be changed', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    w.clock.advance(91 * 24 * 60 * MINUTE);
    const res = await login(u.username, u.password);
    expect(res.body.mustChangePassword).toBe(true);
    expect(res.body.passwordExpired).toBe(true);
  });

  it('are reset by a system administrator without it learning one: the old one ends, the owner activates', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const admin = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const userCookie = await w.api.login(u.username, u.password);
    const cookie = await w.api.login(admin.username, admin.password);
    const offered = await w.api.post(
      `/api/v1/users/${u.id}/password-reset`,
      { newPassword: 'Reset-pass-123' },
      cookie,
    );
    expect(offered.status).toBe(400);
    const res = await w.api.post(`/api/v1/users/${u.id}/password-reset`, {}, cookie);
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await w.api.get('/api/v1/me', userCookie)).status).toBe(401);
    expect((await login(u.username, u.password)).status).toBe(401);
    const io = cliIo(w.testDb.env);
    expect(await main(['user', 'activation-code', '--username', u.username], io)).toBe(0);
    const activated = await w.api.post('/api/v1/auth/activate', {
      username: u.username,
      code: io.out().trim(),
      newPassword: 'Reset-pass-123',
    });
    expect(activated.status).toBe(200);
    expect((await login(u.username, 'Reset-pass-123')).body.mustChangePassword).toBe(false);
  });
});

describe('roles', () => {
  it('keep the three administrators apart', async () => {
    await expect(makeUser(w.ctx, { unitId, roles: ['sysadmin', 'secadmin'] })).rejects.toMatchObject({
      code: 'ROLE_CONFLICT',
    });
    await expect(makeUser(w.ctx, { unitId, roles: ['auditor', 'supervisor'] })).rejects.toMatchObject({
      code: 'ROLE_CONFLICT',
    });
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const target = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const cookie = await w.api.login(sec.username, sec.password);
    const res = await w.api.post(
      `/api/v1/users/${target.id}/roles`,
      { roles: ['sysadmin', 'auditor'] },
      cookie,
    );
    // An administrator's roles change only on the server (admin-roles.test.ts).
    expect(res.status).toBe(403);
    const swap = await w.api.post(`/api/v1/users/${target.id}/roles`, { roles: ['auditor'] }, cookie);
    expect(swap.status).toBe(403);
    expect(swap.body.error.message).toMatch(/npx lantian user roles/);
    const self = await w.api.post(`/api/v1/users/${sec.id}/roles`, { roles: ['supervisor'] }, cookie);
    expect(self.status).toBe(403);
  });
});
