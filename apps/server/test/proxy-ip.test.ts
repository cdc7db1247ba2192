/**
 * Behind a reverse proxy (LANTIAN_TRUST_PROXY=1) the client's address is the one the proxy appended to
 * X-Forwarded-For (`<whatever the client sent>, <real client>`), never the one the client wrote itself:
 * the per-address login limit and the IP of every audit record use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUnit, makeUser, type World } from './helpers/context.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld({ config: { trustProxy: ['loopback'] } });
});
afterAll(() => w.close());

/** As a proxy forwards it: the client's own header first, the address the proxy saw appended. */
const viaProxy = (claimed: string, real = '198.51.100.7') => ({ 'x-forwarded-for': `${claimed}, ${real}` });

describe('behind a reverse proxy', () => {
  it('limits failed logins by the address the proxy saw, not the one the client claims', async () => {
    const limit = w.ctx.config.security.ipFailureLimit;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      const res = await w.api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `spray_${i}`, password: 'Wrong-pass-1' },
        headers: viaProxy(`203.0.113.${i}`),
      });
      statuses.push(res.status);
    }
    expect(statuses[statuses.length - 1]).toBe(429);
  });

  it('records the address the proxy saw in the audit trail', async () => {
    const unit = await makeUnit(w.ctx);
    const u = await makeUser(w.ctx, { unitId: unit.id, roles: ['viewer'] });
    await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: u.password },
      headers: viaProxy('1.2.3.4', '198.51.100.8'),
    });
    const row = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'auth.login')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('198.51.100.8');
  });
});
