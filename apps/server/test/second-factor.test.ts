/**
 * The second factor (TOTP, RFC 6238): enrolment with a server-made secret (sealed at rest) confirmed by
 * a first code; login in two steps (the password gives a challenge, never a session); a code is taken
 * once (replay refused); ±1 step; recovery codes once each; wrong codes count toward the lockout;
 * administrators and supervisors must enrol before they can act; the policy adds roles; the CLI resets.
 * Codes are made here with otpauth at the fake clock's time.
 */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { usernameKey } from '../src/modules/users/username.ts';
import { seal, unseal } from '../src/secrets.ts';
import { cliIo } from './helpers/cli.ts';
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
/** Move to the start of the next 30-second step (a fresh code). */
const nextStep = () => w.clock.advance(30_000 - (now() % 30_000) + 1000);

async function passwordStep(u: TestUser) {
  return w.api.post('/api/v1/auth/login', { username: u.username, password: u.password });
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await w.ctx.db.kysely
    .selectFrom('audit_events')
    .select('action')
    .where((eb) => eb.or([eb('object_id', '=', userId), eb('user_id', '=', userId)]))
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

/** Enrol `u` through the API; returns its secret and recovery codes. */
async function enrol(u: TestUser): Promise<{ secret: string; codes: string[]; cookie: string }> {
  const cookie = await w.api.login(u.username, u.password);
  const started = await w.api.post('/api/v1/me/second-factor/enrolment', undefined, cookie);
  expect(started.status).toBe(200);
  const confirmed = await w.api.post(
    '/api/v1/me/second-factor/confirmation',
    { code: codeAt(started.body.secret, now()) },
    cookie,
  );
  expect(confirmed.status).toBe(200);
  return { secret: started.body.secret, codes: confirmed.body.recoveryCodes, cookie };
}

describe('enrolment', () => {
  it('leads a supervisor without a factor to enrolment: nothing else until a first code confirms it', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const cookie = await w.api.login(u.username, u.password);
    const me = await w.api.get('/api/v1/me', cookie);
    expect(me.body.secondFactor).toEqual({ enrolled: false, required: true, mustEnrol: true });
    const blocked = await w.api.get('/api/v1/plans', cookie);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');

    const started = await w.api.post('/api/v1/me/second-factor/enrolment', undefined, cookie);
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect(started.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // Sealed at rest: the stored text is not the secret, and not base-32 of it.
    const stored = await w.ctx.db.kysely
      .selectFrom('user_totp')
      .selectAll()
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(started.body.secret);
    expect(stored.confirmed_at).toBeNull();

    const wrong = await w.api.post('/api/v1/me/second-factor/confirmation', { code: '000000' }, cookie);
    expect(wrong.status).toBe(422);
    const bad = await w.api.post('/api/v1/me/second-factor/confirmation', { code: '12\u00003456' }, cookie);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('code');
    const ok = await w.api.post(
      '/api/v1/me/second-factor/confirmation',
      { code: codeAt(started.body.secret, now()) },
      cookie,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    const hashes = await w.ctx.db.kysely
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', u.id)
      .execute();
    expect(hashes).toHaveLength(10);
    for (const c of ok.body.recoveryCodes) expect(JSON.stringify(hashes)).not.toContain(c.replace(/-/g, ''));

    expect((await w.api.get('/api/v1/plans', cookie)).status).toBe(200);
    const status = await w.api.get('/api/v1/me/second-factor', cookie);
    expect(status.body).toMatchObject({ enrolled: true, required: true, recoveryCodesLeft: 10 });
    // Enrolled, a second enrolment is refused (a reset goes through the server).
    expect((await w.api.post('/api/v1/me/second-factor/enrolment', undefined, cookie)).status).toBe(409);
    expect(await auditActions(u.id)).toEqual(
      expect.arrayContaining(['auth.second_factor_enrol_start', 'auth.second_factor_enrol']),
    );
  });
});

describe('sealing', () => {
  it('opens only with the secret key, and refuses altered text', () => {
    const key = randomBytes(32);
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(unseal(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => unseal(randomBytes(32), sealed)).toThrow();
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => unseal(key, raw.toString('base64'))).toThrow();
  });
});

describe('login with the factor', () => {
  it('gives a challenge, never a session, after the password; the code opens the session once', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const { secret } = await enrol(u);
    const usedAtEnrolment = codeAt(secret, now());

    const first = await passwordStep(u);
    expect(first.status).toBe(200);
    expect(first.cookie).toBeUndefined();
    expect(first.body).toMatchObject({ secondFactor: 'required' });
    expect(first.body.user).toBeUndefined();
    expect(typeof first.body.challenge).toBe('string');
    // The confirmation's code is taken: the same step again is a replay.
    const replay = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: first.body.challenge,
      code: usedAtEnrolment,
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.details.reason).toBe('replayed_code');

    nextStep();
    const code = codeAt(secret, now());
    const second = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: first.body.challenge,
      code,
    });
    expect(second.status).toBe(200);
    expect(second.cookie).toBeDefined();
    expect(second.body.user.username).toBe(u.username);
    expect((await w.api.get('/api/v1/users', second.cookie)).status).toBe(200);
    // The challenge is spent, and the code too, even with a fresh challenge.
    expect(
      (await w.api.post('/api/v1/auth/login/second-factor', { challenge: first.body.challenge, code }))
        .status,
    ).toBe(401);
    const again = await passwordStep(u);
    const reused = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: again.body.challenge,
      code,
    });
    expect(reused.status).toBe(401);
    expect(reused.body.error.details.reason).toBe('replayed_code');
  });

  it('accepts the step before and after (±1), not two steps off', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const { secret } = await enrol(u);
    nextStep();
    nextStep();
    const ch = (await passwordStep(u)).body.challenge;
    const twoOff = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: ch,
      code: codeAt(secret, now() + 60_000),
    });
    expect(twoOff.status).toBe(401);
    expect(twoOff.body.error.details.reason).toBe('wrong_code');
    const behind = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: ch,
      code: codeAt(secret, now() - 30_000),
    });
    expect(behind.status).toBe(200);
    const ahead = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: (await passwordStep(u)).body.challenge,
      code: codeAt(secret, now() + 30_000),
    });
    expect(ahead.status).toBe(200);
  });

  it('takes each recovery code once, audited', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['auditor'] });
    const { codes } = await enrol(u);
    const recovery = (codes[3] as string).toLowerCase();
    const ok = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: (await passwordStep(u)).body.challenge,
      code: recovery,
    });
    expect(ok.status).toBe(200);
    const twice = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: (await passwordStep(u)).body.challenge,
      code: recovery,
    });
    expect(twice.status).toBe(401);
    const status = await w.api.get('/api/v1/me/second-factor', ok.cookie);
    expect(status.body.recoveryCodesLeft).toBe(9);
    expect(await auditActions(u.id)).toContain('auth.recovery_code_used');
  });

  it('an enrolled administrator cannot get in without the code: no session from the password, none from a forged challenge', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    await enrol(u);
    const first = await passwordStep(u);
    expect(first.cookie).toBeUndefined();
    const forged = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: 'x'.repeat(43),
      code: '123456',
    });
    expect(forged.status).toBe(401);
    w.clock.advance(6 * 60_000);
    const late = await w.api.post('/api/v1/auth/login/second-factor', {
      challenge: first.body.challenge,
      code: '123456',
    });
    expect(late.status).toBe(401);
    expect(late.body.error.details.reason).toBe('challenge');
  });

  it('counts wrong codes toward the lockout of the name from that address', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const { secret } = await enrol(u);
    nextStep();
    const ch = (await passwordStep(u)).body.challenge;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await w.api.post('/api/v1/auth/login/second-factor', { challenge: ch, code: '000000' });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    // Locked: even the right password and code from this address are refused now.
    expect((await passwordStep(u)).status).toBe(423);
    const locks = await w.ctx.db.kysely
      .selectFrom('login_source_locks')
      .selectAll()
      .where('username_key', '=', usernameKey(u.username))
      .execute();
    expect(locks[0]?.locked_until).not.toBeNull();
    expect(await auditActions(u.id)).toContain('auth.lockout');
    void secret;
  });
});

describe('who must have it', () => {
  it('is the security administrator’s policy beyond the administrators and the office, audited', async () => {
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const { cookie: secCookie } = await enrol(sec);
    const staff = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const before = await w.api.get('/api/v1/me', await w.api.login(staff.username, staff.password));
    expect(before.body.secondFactor).toEqual({ enrolled: false, required: false, mustEnrol: false });

    const refused = await w.api.put(
      '/api/v1/security/second-factor-policy',
      { roles: ['sysadmin'] },
      secCookie,
    );
    expect(refused.status).toBe(400);
    const set = await w.api.put(
      '/api/v1/security/second-factor-policy',
      { roles: ['unit_staff'] },
      secCookie,
    );
    expect(set.status).toBe(200);
    expect(set.body.roles).toEqual(['unit_staff']);
    expect(set.body.fixedRoles).toEqual(['sysadmin', 'secadmin', 'auditor', 'supervisor']);
    const staffCookie = await w.api.login(staff.username, staff.password);
    expect((await w.api.get('/api/v1/me', staffCookie)).body.secondFactor.mustEnrol).toBe(true);
    expect((await w.api.get('/api/v1/me/assignments', staffCookie)).status).toBe(403);
    expect(await auditActions(sec.id)).toContain('security.second_factor_policy');
    await w.api.put('/api/v1/security/second-factor-policy', { roles: [] }, secCookie);
    expect((await w.api.get('/api/v1/me', staffCookie)).body.secondFactor.mustEnrol).toBe(false);
  });

  it('the CLI resets a lost factor: sessions end, the next login enrols again, audited', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    const { cookie } = await enrol(u);
    expect((await w.api.get('/api/v1/users', cookie)).status).toBe(200);
    const io = cliIo(w.testDb.env);
    expect(await main(['user', 'reset-2fa', '--username', u.username], io)).toBe(0);
    expect(io.err()).toMatch(/已重置/);
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(401);
    const fresh = await passwordStep(u);
    expect(fresh.cookie).toBeDefined();
    expect(fresh.body.secondFactor.mustEnrol).toBe(true);
    // Required and not enrolled: the administrator cannot act until it enrols again.
    const blocked = await w.api.get('/api/v1/users', fresh.cookie);
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect(await auditActions(u.id)).toContain('user.second_factor_reset');
    // The enrolment page says it was reset on the server (no one's name), when, and why.
    const status = await w.api.get('/api/v1/me/second-factor', fresh.cookie);
    expect(status.status).toBe(200);
    expect(status.body.reset).toMatchObject({ byName: null, at: expect.any(String) });
    expect(status.body.reset.reason).toMatch(/reset-2fa/);
    expect(await main(['user', 'reset-2fa'], cliIo(w.testDb.env))).toBe(2);
  });
});
