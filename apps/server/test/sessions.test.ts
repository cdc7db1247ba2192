/**
 * Sessions (issue 13 item 9): at most LANTIAN_MAX_SESSIONS at once (a new login ends the oldest), each
 * listed with device, address and last seen; the owner ends any of theirs, the security administrator
 * anyone's (audited); an ended session's cookie gets 401 at once, on this instance and on another one
 * that had it cached.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Db } from '../src/db/connect.ts';
import { mirrorOf } from '../src/db/read-scope-mirror.ts';
import { deviceSummary } from '../src/modules/auth/device.ts';
import { createWorld, makeUnit, makeUser, type TestUser, type World } from './helpers/context.ts';
import { Api } from './helpers/http.ts';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

let w: World;
let second: FastifyInstance;
let secondDb: Db;
let other: Api;
let unitId: string;

beforeAll(async () => {
  w = await createWorld({ config: { security: { maxSessions: 3 } as never } });
  secondDb = w.testDb.reopen();
  second = await buildApp({ db: secondDb, config: w.ctx.config, clock: w.clock });
  await second.ready();
  other = new Api(second);
  unitId = (await makeUnit(w.ctx)).id;
});
afterAll(async () => {
  await second.close();
  await w.close();
});

const settled = () => Promise.all([mirrorOf(w.ctx.db.kysely)?.sync(), mirrorOf(secondDb.kysely)?.sync()]);

async function loginWith(u: TestUser, userAgent: string, ip = '10.0.0.7') {
  const res = await w.api.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: u.username, password: u.password },
    headers: { 'user-agent': userAgent },
    remoteAddress: ip,
  });
  if (!res.cookie) throw new Error(`login failed: ${res.status}`);
  return res.cookie;
}

describe('the concurrent-sessions limit', () => {
  it('ends the oldest session when a login goes beyond it', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const cookies: string[] = [];
    for (let i = 0; i < 4; i++) {
      cookies.push(await loginWith(u, CHROME));
      w.clock.advance(1000);
    }
    expect((await w.api.get('/api/v1/me', cookies[0])).status).toBe(401);
    for (const c of cookies.slice(1)) expect((await w.api.get('/api/v1/me', c)).status).toBe(200);
    const list = await w.api.get('/api/v1/me/sessions', cookies[3]);
    expect(list.body.limit).toBe(3);
    expect(list.body.sessions).toHaveLength(3);
    const login = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.login')
      .where('user_id', '=', u.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(login.detail as string)).toMatchObject({ endedOldestSessions: 1 });
  });
});

describe('my sessions', () => {
  it('lists device, address, last seen and which one is this; ends another at once, even where it was cached', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['unit_leader'] });
    const desk = await loginWith(u, CHROME, '10.1.1.1');
    const deskAt = w.clock.now().toISOString();
    w.clock.advance(1000);
    const phone = await loginWith(u, IPHONE, '10.2.2.2');
    const list = await w.api.get('/api/v1/me/sessions', desk);
    expect(list.status).toBe(200);
    const [newest, oldest] = list.body.sessions;
    expect(newest).toMatchObject({ device: 'Safari 17 · iOS', ip: '10.2.2.2', current: false });
    expect(oldest).toMatchObject({ device: 'Chrome 120 · Windows', ip: '10.1.1.1', current: true });
    // Last seen is written at most once a minute: still the login's time a second later.
    expect(oldest.lastSeenAt).toBe(deskAt);

    // The phone's session is in both instances' caches now.
    expect((await w.api.get('/api/v1/me', phone)).status).toBe(200);
    expect((await other.get('/api/v1/me', phone)).status).toBe(200);
    const ended = await w.api.request({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${newest.id}`,
      cookie: desk,
    });
    expect(ended.status).toBe(200);
    await settled();
    expect((await w.api.get('/api/v1/me', phone)).status).toBe(401);
    expect((await other.get('/api/v1/me', phone)).status).toBe(401);
    expect((await w.api.get('/api/v1/me', desk)).status).toBe(200);

    // Another account's session id is not found (not ended).
    const stranger = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const theirs = await loginWith(stranger, CHROME);
    const theirId = (await w.api.get('/api/v1/me/sessions', theirs)).body.sessions[0].id;
    const refused = await w.api.request({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${theirId}`,
      cookie: desk,
    });
    expect(refused.status).toBe(404);
    expect((await w.api.get('/api/v1/me', theirs)).status).toBe(200);

    // Ending the current one signs out and clears the cookie.
    const self = await w.api.request({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${oldest.id}`,
      cookie: desk,
    });
    expect(self.status).toBe(200);
    expect(String(self.headers['set-cookie'])).toMatch(/lantian_session=;/);
    expect((await w.api.get('/api/v1/me', desk)).status).toBe(401);
  });

  it('updates last seen at most once a minute', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const c = await loginWith(u, CHROME);
    const at = w.clock.now().toISOString();
    w.clock.advance(30_000);
    await w.api.get('/api/v1/me', c);
    expect((await w.api.get('/api/v1/me/sessions', c)).body.sessions[0].lastSeenAt).toBe(at);
    w.clock.advance(31_000);
    await w.api.get('/api/v1/me', c);
    expect((await w.api.get('/api/v1/me/sessions', c)).body.sessions[0].lastSeenAt).toBe(
      w.clock.now().toISOString(),
    );
  });
});

describe('the security administrator', () => {
  it('lists and ends anyone’s sessions, audited; others may not', async () => {
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const sys = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const target = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const secCookie = await loginWith(sec, CHROME);
    const sysCookie = await loginWith(sys, CHROME);
    const targetCookie = await loginWith(target, IPHONE);
    expect((await w.api.get('/api/v1/me', targetCookie)).status).toBe(200);

    const list = await w.api.get(`/api/v1/users/${target.id}/sessions`, secCookie);
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(1);
    expect(list.body.sessions[0]).toMatchObject({ device: 'Safari 17 · iOS', current: false });
    expect((await w.api.get(`/api/v1/users/${target.id}/sessions`, sysCookie)).status).toBe(403);
    expect(
      (await w.api.get('/api/v1/users/00000000-0000-4000-8000-000000000000/sessions', secCookie)).status,
    ).toBe(404);

    const id = list.body.sessions[0].id;
    const bySys = await w.api.request({
      method: 'DELETE',
      url: `/api/v1/users/${target.id}/sessions/${id}`,
      cookie: sysCookie,
    });
    expect(bySys.status).toBe(403);
    const ended = await w.api.request({
      method: 'DELETE',
      url: `/api/v1/users/${target.id}/sessions/${id}`,
      cookie: secCookie,
    });
    expect(ended.status).toBe(200);
    await settled();
    expect((await w.api.get('/api/v1/me', targetCookie)).status).toBe(401);
    expect((await other.get('/api/v1/me', targetCookie)).status).toBe(401);
    const record = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'user.session_end')
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(record.user_id).toBe(sec.id);
    expect(JSON.parse(record.detail as string)).toMatchObject({ userId: target.id });
  });
});

describe('device summaries', () => {
  it('names the browser and system', () => {
    expect(deviceSummary(CHROME)).toBe('Chrome 120 · Windows');
    expect(deviceSummary(IPHONE)).toBe('Safari 17 · iOS');
    expect(deviceSummary('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe(
      'Firefox 121 · Linux',
    );
    expect(deviceSummary(null)).toBe('未知设备');
  });
});
