/**
 * 三员分立. The system administrator creates accounts but grants no role and knows no password: an
 * account it creates gets an activation code it never sees, and waits (待授权) until the security
 * administrator grants it a role. Even with the code in hand (here: taken at the server's console),
 * the system administrator alone can never hold an auditor's, a security administrator's or a
 * supervisor's powers through an account it created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUnit, makeUser, type TestUser, uniq, type World } from './helpers/context.ts';

let w: World;
let unitId: string;
let sys: TestUser;
let sysCookie: string;
beforeAll(async () => {
  w = await createWorld();
  unitId = (await makeUnit(w.ctx)).id;
  sys = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
  sysCookie = await w.api.login(sys.username, sys.password);
});
afterAll(() => w.close());

/** The owner's first password, set with a code taken at the server's console. */
async function activateOnServer(username: string, password: string) {
  const io = cliIo(w.testDb.env);
  expect(await main(['user', 'activation-code', '--username', username], io), io.err()).toBe(0);
  const res = await w.api.post('/api/v1/auth/activate', {
    username,
    code: io.out().trim(),
    newPassword: password,
  });
  expect(res.status).toBe(200);
}

/** What the system administrator can do with an account it created with `roles`. */
async function actAs(
  roles: string[],
  probe: (cookie: string) => Promise<number>,
): Promise<number | 'refused'> {
  const username = uniq('sock_');
  const initial = 'Initial-pass-77';
  const created = await w.api.post('/api/v1/users', { username, unitId, roles }, sysCookie);
  // The request has no roles field (nor a password one): a role offered here is refused outright.
  expect(created.status).toBe(400);
  const plain = await w.api.post('/api/v1/users', { username, unitId }, sysCookie);
  expect(plain.status).toBe(200);
  expect(plain.body.user.roles).toEqual([]);
  expect(JSON.stringify(plain.body)).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  await activateOnServer(username, initial);
  const first = await w.api.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: initial },
  });
  if (first.status !== 200 || !first.cookie) {
    expect(first.body.error.code).toBe('ACCOUNT_NOT_AUTHORIZED');
    return 'refused';
  }
  const changed = await w.api.post(
    '/api/v1/auth/password',
    { currentPassword: initial, newPassword: 'Chosen-by-sys-88' },
    first.cookie,
  );
  if (changed.status !== 200 || !changed.cookie) return 'refused';
  return probe(changed.cookie);
}

describe('the system administrator', () => {
  it('cannot mint an audit administrator for itself and read the audit trail', async () => {
    const status = await actAs(
      ['auditor'],
      async (cookie) => (await w.api.get('/api/v1/audit', cookie)).status,
    );
    expect(status).toBe('refused');
  });

  it('cannot mint a security administrator for itself and assign roles', async () => {
    const victim = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const status = await actAs(
      ['secadmin'],
      async (cookie) =>
        (await w.api.post(`/api/v1/users/${victim.id}/roles`, { roles: ['supervisor'] }, cookie)).status,
    );
    expect(status).toBe('refused');
  });

  it('cannot mint a supervisor for itself and do business work', async () => {
    const status = await actAs(
      ['supervisor'],
      async (cookie) => (await w.api.get('/api/v1/board', cookie)).status,
    );
    expect(status).toBe('refused');
  });
});

describe('the administrators’ own accounts', () => {
  it('are out of the system administrator’s reach: no password reset, no disabling', async () => {
    for (const role of ['secadmin', 'auditor'] as const) {
      const other = await makeUser(w.ctx, { unitId, roles: [role] });
      const reset = await w.api.post(`/api/v1/users/${other.id}/password-reset`, {}, sysCookie);
      expect(reset.status).toBe(403);
      expect((await w.api.post(`/api/v1/users/${other.id}/disable`, undefined, sysCookie)).status).toBe(403);
      // The account still opens with its own password.
      expect((await w.api.login(other.username, other.password)).length).toBeGreaterThan(0);
    }
  });
});

describe('the security administrator', () => {
  it('grants the waiting account its roles; then it signs in', async () => {
    const sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
    const secCookie = await w.api.login(sec.username, sec.password);
    const username = uniq('new_');
    const created = await w.api.post('/api/v1/users', { username, unitId }, sysCookie);
    await activateOnServer(username, 'Initial-pass-77');
    const granted = await w.api.post(
      `/api/v1/users/${created.body.user.id}/roles`,
      { roles: ['unit_staff'] },
      secCookie,
    );
    expect(granted.status).toBe(200);
    expect(granted.body.user.roles).toEqual(['unit_staff']);
    const first = await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'Initial-pass-77' },
    });
    expect(first.status).toBe(200);
  });
});
