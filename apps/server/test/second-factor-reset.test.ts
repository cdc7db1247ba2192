/**
 * Re-enrolment of the second factor from the web (a lost or replaced phone): the account, with a
 * current code or a recovery code, removes its factor from 账户安全 and enrols again; the security
 * administrator resets a business user's factor (audited; every session ends and the user enrols again
 * at the next login), never an administrator's (that stays on the server: `lantian user reset-2fa`).
 */
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUnit, makeUser, type TestUser, type World } from './helpers/context.ts';

let w: World;
let unitId: string;

beforeAll(async () => {
  w = await createWorld({ config: { security: { secondFactor: 'required' } as never } });
  unitId = (await makeUnit(w.ctx)).id;
});
afterAll(() => w.close());

const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: ms,
  });
const now = () => w.clock.now().getTime();
const nextStep = () => w.clock.advance(30_000 - (now() % 30_000) + 1000);

async function auditOf(userId: string, action: string) {
  return w.ctx.db.kysely
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'user_id'])
    .where('object_id', '=', userId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

const RESET = (userId: string) => `/api/v1/users/${userId}/second-factor/reset`;

async function auditDetail(userId: string, action: string): Promise<unknown> {
  const row = await w.ctx.db.kysely
    .selectFrom('audit_events')
    .select('detail')
    .where('object_id', '=', userId)
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  return typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
}

async function enrol(cookie: string): Promise<{ secret: string; codes: string[] }> {
  const started = await w.api.post('/api/v1/me/second-factor/enrolment', undefined, cookie);
  expect(started.status).toBe(200);
  const confirmed = await w.api.post(
    '/api/v1/me/second-factor/confirmation',
    { code: codeAt(started.body.secret, now()) },
    cookie,
  );
  expect(confirmed.status).toBe(200);
  return { secret: started.body.secret, codes: confirmed.body.recoveryCodes };
}

/** Both login steps; returns the session cookie. */
async function loginWith(u: TestUser, code: string): Promise<string> {
  const first = await w.api.post('/api/v1/auth/login', { username: u.username, password: u.password });
  expect(first.status).toBe(200);
  expect(first.cookie).toBeUndefined();
  const second = await w.api.post('/api/v1/auth/login/second-factor', {
    challenge: first.body.challenge,
    code,
  });
  expect(second.status, JSON.stringify(second.body)).toBe(200);
  return second.cookie as string;
}

describe('re-enrolment from 账户安全', () => {
  it('a recovery code removes the lost factor; the account enrols a new phone, the old secret is dead', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const first = await w.api.login(u.username, u.password);
    const old = await enrol(first);
    nextStep();
    // The phone is lost: sign in with a recovery code (another session stays open elsewhere).
    const elsewhere = await loginWith(u, codeAt(old.secret, now()));
    nextStep();
    const cookie = await loginWith(u, old.codes[0] as string);

    // A wrong code or a used recovery code removes nothing, and is audited as a failure.
    const wrong = await w.api.post('/api/v1/me/second-factor/reset', { code: '000000' }, cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field ?? JSON.stringify(wrong.body)).toContain('code');
    const used = await w.api.post('/api/v1/me/second-factor/reset', { code: old.codes[0] }, cookie);
    expect(used.status).toBe(422);
    expect((await w.api.get('/api/v1/me/second-factor', cookie)).body.enrolled).toBe(true);

    const reset = await w.api.post('/api/v1/me/second-factor/reset', { code: old.codes[1] }, cookie);
    expect(reset.status).toBe(200);
    // Required for a supervisor: this session can now only enrol; the other session ended.
    const me = await w.api.get('/api/v1/me', cookie);
    expect(me.body.secondFactor).toEqual({ enrolled: false, required: true, mustEnrol: true });
    expect((await w.api.get('/api/v1/plans', cookie)).status).toBe(403);
    expect((await w.api.get('/api/v1/me', elsewhere)).status).toBe(401);

    const fresh = await enrol(cookie);
    expect(fresh.secret).not.toBe(old.secret);
    expect((await w.api.get('/api/v1/plans', cookie)).status).toBe(200);
    nextStep();
    // The old phone's codes and the old recovery codes open nothing any more.
    const p1 = await w.api.post('/api/v1/auth/login', { username: u.username, password: u.password });
    const stale = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: p1.body.challenge,
      code: codeAt(old.secret, now()),
    });
    expect(stale.status).toBe(401);
    await loginWith(u, codeAt(fresh.secret, now()));

    const rows = await auditOf(u.id, 'auth.second_factor_self_reset');
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'failure', 'success']);
    expect(rows.every((r) => r.user_id === u.id)).toBe(true);
  });

  it('needs an enrolled factor: without one there is nothing to reset (409)', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const cookie = await w.api.login(u.username, u.password);
    const res = await w.api.post('/api/v1/me/second-factor/reset', { code: '123456' }, cookie);
    expect(res.status).toBe(409);
  });
});

describe("the security administrator's reset", () => {
  it("resets a business user's factor: sessions end, audited, the user must enrol at the next login", async () => {
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const secCookie = await w.api.login(sec.username, sec.password);
    await enrol(secCookie);
    const u = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const uFirst = await w.api.login(u.username, u.password);
    await enrol(uFirst);
    expect((await w.api.get('/api/v1/plans', uFirst)).status).toBe(200);

    // A reason is required (kept in the audit trail); without one, or with a control character, 400
    // naming the field, and nothing is reset.
    for (const body of [undefined, {}, { reason: ' ' }, { reason: '丢失\u0000手机' }]) {
      const bad = await w.api.post(`/api/v1/users/${u.id}/second-factor/reset`, body, secCookie);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      if (body) expect(JSON.stringify(bad.body), JSON.stringify(body)).toContain('reason');
    }
    expect((await w.api.get('/api/v1/plans', uFirst)).status).toBe(200);

    const res = await w.api.post(RESET(u.id), { reason: '手机丢失，本人电话确认' }, secCookie);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await w.api.get('/api/v1/me', uFirst)).status).toBe(401);
    const rows = await auditOf(u.id, 'user.second_factor_reset');
    expect(rows).toEqual([{ action: 'user.second_factor_reset', outcome: 'success', user_id: sec.id }]);
    expect(await auditDetail(u.id, 'user.second_factor_reset')).toEqual({
      hadFactor: true,
      reason: '手机丢失，本人电话确认',
    });

    // The password alone now gives a session that can only enrol.
    const again = await w.api.post('/api/v1/auth/login', { username: u.username, password: u.password });
    expect(again.status).toBe(200);
    expect(again.cookie).toBeDefined();
    expect((await w.api.get('/api/v1/me', again.cookie)).body.secondFactor.mustEnrol).toBe(true);
    expect((await w.api.get('/api/v1/plans', again.cookie)).status).toBe(403);
  });

  it('a user whose role needs no factor, but who had one, must enrol again after the reset (a reset never removes it)', async () => {
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const secCookie = await w.api.login(sec.username, sec.password);
    await enrol(secCookie);
    // Unit staff need no factor under the default policy; this one enrolled of their own accord.
    const u = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const first = await w.api.login(u.username, u.password);
    expect((await w.api.get('/api/v1/me', first)).body.secondFactor).toMatchObject({ required: false });
    await enrol(first);
    nextStep();

    expect((await w.api.post(RESET(u.id), { reason: '换了手机' }, secCookie)).status).toBe(200);
    const pending = () =>
      w.ctx.db.kysely
        .selectFrom('second_factor_reenrolment')
        .select(['user_id', 'reset_by', 'reason'])
        .where('user_id', '=', u.id)
        .execute();
    expect(await pending()).toEqual([{ user_id: u.id, reset_by: sec.id, reason: '换了手机' }]);

    // The password alone signs in (no factor to ask for) and the session can only enrol.
    const again = await w.api.post('/api/v1/auth/login', { username: u.username, password: u.password });
    expect(again.status).toBe(200);
    const me = (await w.api.get('/api/v1/me', again.cookie)).body;
    expect(me.secondFactor).toEqual({ enrolled: false, required: true, mustEnrol: true });
    // What the enrolment page reads: who reset the factor, when, and the reason they gave.
    const secName = await w.ctx.db.kysely
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', sec.id)
      .executeTakeFirstOrThrow();
    const owed = await w.api.get('/api/v1/me/second-factor', again.cookie);
    expect(owed.status).toBe(200);
    expect(owed.body.reset).toEqual({
      byName: secName.display_name || sec.username,
      at: w.clock.now().toISOString(),
      reason: '换了手机',
    });
    const refused = await w.api.get('/api/v1/plans', again.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');

    // Enrolling again lifts it: the account is back to its role's policy, with its new factor.
    const renewed = await enrol(again.cookie as string);
    expect(renewed.codes).toHaveLength(10);
    expect(await pending()).toEqual([]);
    expect((await w.api.get('/api/v1/me/second-factor', again.cookie)).body.reset).toBeNull();
    const after = (await w.api.get('/api/v1/me', again.cookie)).body.secondFactor;
    expect(after).toEqual({ enrolled: true, required: false, mustEnrol: false });
  });

  it("refuses an administrator's factor and one's own (403), and is the security administrator's alone", async () => {
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const secCookie = await w.api.login(sec.username, sec.password);
    await enrol(secCookie);
    const audit = await makeUser(w.ctx, { unitId, roles: ['auditor'] });
    for (const target of [audit.id, sec.id]) {
      const res = await w.api.post(RESET(target), { reason: '测试' }, secCookie);
      expect(res.status).toBe(403);
    }
    const none = await w.api.post(
      RESET('00000000-0000-4000-8000-000000000000'),
      { reason: '测试' },
      secCookie,
    );
    expect(none.status).toBe(404);
    const sys = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const sysCookie = await w.api.login(sys.username, sys.password);
    await enrol(sysCookie);
    const staff = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const byAdmin = await w.api.post(RESET(staff.id), { reason: '测试' }, sysCookie);
    expect(byAdmin.status).toBe(403);
  });
});
