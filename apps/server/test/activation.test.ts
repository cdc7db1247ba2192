/**
 * 三员 (issue 13, item 3): a password reset, or a new account, never lets whoever triggers it know the
 * password. An activation code (hashed at rest, single use, expiring) goes to the user's own e-mail or
 * to the unit's leaders; the owner sets their own password at POST /auth/activate (no session,
 * rate-limited like a login, password policy applies), and is told of the reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { defaultSupervision } from '../src/config.ts';
import { cliIo } from './helpers/cli.ts';
import {
  createWorld,
  makeUnit,
  makeUser,
  PASSWORD,
  type TestUser,
  uniq,
  type World,
} from './helpers/context.ts';

let w: World;
let unitId: string;
let sys: TestUser;
let leader: TestUser;
let sysCookie: string;
beforeAll(async () => {
  w = await createWorld({
    config: {
      trustProxy: ['loopback'],
      supervision: { ...defaultSupervision, smtpUrl: 'smtp://test.invalid:25' },
    },
  });
  unitId = (await makeUnit(w.ctx)).id;
  sys = await makeUser(w.ctx, { unitId: (await makeUnit(w.ctx)).id, roles: ['sysadmin'] });
  leader = await makeUser(w.ctx, { unitId, roles: ['unit_leader'] });
  sysCookie = await w.api.login(sys.username, sys.password);
});
afterAll(() => w.close());

const db = () => w.ctx.db.kysely;
/** The code as its receiver sees it, from the newest message they were sent about `username`. */
async function codeSentTo(userId: string, username: string): Promise<string> {
  const rows = await db()
    .selectFrom('notifications')
    .select(['body', 'created_at'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'activation_code')
    .where('body', 'like', `%${username}%`)
    .orderBy('created_at', 'desc')
    .execute();
  const match = rows
    .map((r) => /激活码 ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(r.body)?.[1])
    .find(Boolean);
  if (!match) throw new Error(`no activation code sent to ${userId}`);
  return match;
}

const activate = (username: string, code: string, newPassword: string, ip = '203.0.113.7') =>
  w.api.request({
    method: 'POST',
    url: '/api/v1/auth/activate',
    payload: { username, code, newPassword },
    headers: { 'x-forwarded-for': ip },
  });

describe('a new account', () => {
  it('has no password its creator knows: the code goes to the unit leader, the owner sets theirs', async () => {
    const username = uniq('new_');
    const offered = await w.api.post(
      '/api/v1/users',
      { username, unitId, password: 'Known-pass-77' },
      sysCookie,
    );
    expect(offered.status).toBe(400);
    const created = await w.api.post('/api/v1/users', { username, unitId }, sysCookie);
    expect(created.status).toBe(200);
    expect(created.body.activation).toEqual({ deliveredTo: 'unit_leader', expiresAt: expect.any(String) });
    expect(JSON.stringify(created.body)).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const id = created.body.user.id as string;
    const code = await codeSentTo(leader.id, username);
    // Stored only as a hash.
    const stored = await db().selectFrom('activation_codes').selectAll().where('user_id', '=', id).execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code.replaceAll('-', ''));
    expect(JSON.stringify(stored)).not.toContain(code);

    const weak = await activate(username, code, '12345678');
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    const done = await activate(username, code.toLowerCase(), PASSWORD);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ activated: true, username });
    // Single use.
    expect((await activate(username, code, 'Another-pass-88')).status).toBe(422);
    // Not yet granted a role (三员): the password is right, the account waits.
    const login = await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(login.body.error.code).toBe('ACCOUNT_NOT_AUTHORIZED');
  });
});

describe('a password reset', () => {
  it('ends the old password and sessions; the code goes to the owner, who is told', async () => {
    const user = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const cookie = await w.api.login(user.username, user.password);
    await w.api.put(
      '/api/v1/me/notification-settings',
      { email: 'staff@example.gov.cn', emailEnabled: true },
      cookie,
    );
    const offered = await w.api.post(
      `/api/v1/users/${user.id}/password-reset`,
      { newPassword: 'Taken-over-1' },
      sysCookie,
    );
    expect(offered.status).toBe(400);
    const reset = await w.api.post(`/api/v1/users/${user.id}/password-reset`, {}, sysCookie);
    expect(reset.status).toBe(200);
    expect(reset.body.activation.deliveredTo).toBe('email');
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(401);
    const old = await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.username, password: user.password },
    });
    expect(old.status).toBe(401);
    // The code travelled by e-mail (the outbox holds it sealed; the in-app copy is the owner's own).
    const code = await codeSentTo(user.id, user.username);
    const outbox = await db().selectFrom('email_outbox').selectAll().where('user_id', '=', user.id).execute();
    expect(outbox.some((m) => m.body.includes(code))).toBe(true);
    expect(outbox.every((m) => m.to_address.startsWith('enc1:'))).toBe(true);
    expect((await activate(user.username, code, 'Chosen-by-owner-5')).status).toBe(200);
    const mine = await w.api.login(user.username, 'Chosen-by-owner-5');
    const notices = (await w.api.get('/api/v1/notifications', mine)).body;
    expect(JSON.stringify(notices)).toMatch(/您的密码已被重置/);
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.password_reset', 'user.activation_issued', 'user.activate']),
    );
  });

  it('without an e-mail address, goes to the unit leader, never to the one who reset', async () => {
    const user = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const reset = await w.api.post(`/api/v1/users/${user.id}/password-reset`, {}, sysCookie);
    expect(reset.status).toBe(200);
    expect(reset.body.activation.deliveredTo).toBe('unit_leader');
    const code = await codeSentTo(leader.id, user.username);
    const sysNotes = await db()
      .selectFrom('notifications')
      .select('body')
      .where('user_id', '=', sys.id)
      .execute();
    expect(sysNotes.some((n) => n.body.includes(code))).toBe(false);
    // A second reset makes the first code useless.
    await w.api.post(`/api/v1/users/${user.id}/password-reset`, {}, sysCookie);
    expect((await activate(user.username, code, 'Chosen-by-owner-6')).status).toBe(422);
    expect(
      (await activate(user.username, await codeSentTo(leader.id, user.username), 'Chosen-by-owner-6')).status,
    ).toBe(200);
  });

  it('expires after 72 hours', async () => {
    const user = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    await w.api.post(`/api/v1/users/${user.id}/password-reset`, {}, sysCookie);
    const code = await codeSentTo(leader.id, user.username);
    w.clock.advance(73 * 3_600_000);
    const late = await activate(user.username, code, 'Chosen-by-owner-7');
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('ACTIVATION_INVALID');
    sysCookie = await w.api.login(sys.username, sys.password);
  });
});

describe('activation', () => {
  it('answers the same for an unknown name and a wrong code, and locks the pair after 5 failures', async () => {
    const user = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    await w.api.post(`/api/v1/users/${user.id}/password-reset`, {}, sysCookie);
    const code = await codeSentTo(leader.id, user.username);
    const unknown = await activate('nobody_at_all', code, 'Chosen-by-owner-8', '198.51.100.9');
    const wrong = await activate(user.username, 'AAAA-BBBB-CCCC', 'Chosen-by-owner-8', '198.51.100.9');
    expect(unknown.status).toBe(422);
    expect(wrong.body.error).toEqual(unknown.body.error);
    for (let i = 0; i < 4; i++)
      await activate(user.username, 'AAAA-BBBB-CCCC', 'Chosen-by-owner-8', '198.51.100.9');
    const locked = await activate(user.username, code, 'Chosen-by-owner-8', '198.51.100.9');
    expect(locked.status).toBe(429);
    // The right code from another address still works.
    expect((await activate(user.username, code, 'Chosen-by-owner-8', '198.51.100.10')).status).toBe(200);
  });

  it('from the server: npx lantian user activation-code prints a fresh code for the operator', async () => {
    const user = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const io = cliIo(w.testDb.env);
    expect(await main(['user', 'activation-code', '--username', user.username], io), io.err()).toBe(0);
    const code = io.out().trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // The password is untouched until the owner activates.
    expect((await w.api.login(user.username, user.password)).length).toBeGreaterThan(0);
    expect((await activate(user.username, code, 'Chosen-by-owner-9')).status).toBe(200);
  });
});
