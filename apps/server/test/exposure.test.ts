/**
 * What the server tells someone who has not signed in: health says up or down, nothing more; the
 * OpenAPI document (a map of every route) needs a session, or is not served at all when turned off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUnit, makeUser, type World } from './helpers/context.ts';

let w: World;
let staff: string;
let sysadmin: string;
beforeAll(async () => {
  w = await createWorld();
  const unit = (await makeUnit(w.ctx)).id;
  staff = await w.api.login(
    (await makeUser(w.ctx, { unitId: unit, roles: ['unit_staff'] })).username,
    'Lantian-test-9',
  );
  sysadmin = await w.api.login(
    (await makeUser(w.ctx, { unitId: unit, roles: ['sysadmin'] })).username,
    'Lantian-test-9',
  );
});
afterAll(() => w.close());

describe('health', () => {
  it('says only up to the unauthenticated and to business users', async () => {
    for (const cookie of [undefined, staff]) {
      const res = await w.api.get('/api/v1/health', cookie);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'up' });
    }
  });
  it('tells an administrator the version and the database', async () => {
    const res = await w.api.get('/api/v1/health', sysadmin);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('up');
    expect(res.body.database).toBe(w.ctx.db.dialect);
    expect(typeof res.body.version).toBe('string');
  });
});

describe('the API documentation', () => {
  it('is refused without a session', async () => {
    for (const url of ['/api/docs/json', '/api/docs/', '/api/docs/yaml']) {
      const res = await w.api.get(url);
      expect(res.status, url).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain('/api/v1/auth/login');
    }
  });
  it('is served to a signed-in user', async () => {
    const res = await w.api.get('/api/docs/json', staff);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/auth/login');
  });
  it('is not served at all when turned off', async () => {
    const off = await createWorld({ config: { apiDocs: 'off' } });
    try {
      const unit = (await makeUnit(off.ctx)).id;
      const cookie = await off.api.login(
        (await makeUser(off.ctx, { unitId: unit, roles: ['sysadmin'] })).username,
        'Lantian-test-9',
      );
      expect((await off.api.get('/api/docs/json', cookie)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
