/**
 * Lockout per account name and source address (issue #13 item 8): an attacker's failures lock the
 * name only for the attacker's address; each further lock of the same pair lasts twice as long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/clock.ts';
import { createWorld, makeUnit, makeUser, type World } from './helpers/context.ts';

let w: World;
let unitId: string;
beforeAll(async () => {
  w = await createWorld({ config: { trustProxy: ['loopback'] } });
  unitId = (await makeUnit(w.ctx)).id;
});
afterAll(() => w.close());

const login = (username: string, password: string, ip: string) =>
  w.api.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    headers: { 'x-forwarded-for': ip },
  });

describe('lockout per name and address', () => {
  it('does not lock the owner out from another address after 15 failures from an attacker', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const codes: string[] = [];
    for (let i = 0; i < 15; i++)
      codes.push((await login(u.username, `Wrong-pass-${i}`, '10.66.0.1')).body.error.code);
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    expect(codes[4]).toBe('ACCOUNT_LOCKED');
    // The attacker's address stays refused, even with the right password.
    expect((await login(u.username, u.password, '10.66.0.1')).status).not.toBe(200);
    // The owner, elsewhere, gets in.
    expect((await login(u.username, u.password, '10.1.0.7')).status).toBe(200);
    const locks = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.lockout')
      .where('object_id', '=', u.id)
      .execute();
    expect(locks).toHaveLength(1);
    expect(String(locks[0]?.detail)).toContain('10.66.0.1');
  });

  it('makes each further lock of the same name and address last longer', async () => {
    const u = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const ip = '10.66.0.2';
    for (let i = 0; i < 5; i++) await login(u.username, 'Wrong-pass-1', ip);
    w.clock.advance(15 * MINUTE + 1000);
    for (let i = 0; i < 4; i++)
      expect((await login(u.username, 'Wrong-pass-1', ip)).body.error.code).toBe('INVALID_CREDENTIALS');
    const second = await login(u.username, 'Wrong-pass-1', ip);
    expect(second.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(second.body.error.message).toContain('30 分钟');
    w.clock.advance(16 * MINUTE);
    expect((await login(u.username, u.password, ip)).body.error.code).toBe('ACCOUNT_LOCKED');
    w.clock.advance(15 * MINUTE);
    expect((await login(u.username, u.password, ip)).status).toBe(200);
  });
});
