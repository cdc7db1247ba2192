/**
 * Input limits: the audit cursor is bounded (an int4 in PostgreSQL: out of range is a 400, never a
 * 500), and exports are rate limited per account like logins and imports (SECURITY.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './helpers/context.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let auditor: string;
let sup: string;
beforeAll(async () => {
  f = await supervisionFixture();
  const a = await makeUser(f.w.ctx, { unitId: f.A.id, roles: ['auditor'] });
  auditor = await f.login(a);
  sup = await f.login(f.supervisor);
});
afterAll(() => f.w.close());

describe('input limits', () => {
  it('an out-of-range audit cursor is a 400 that names the field, never a 500', async () => {
    const res = await f.w.api.get('/api/v1/audit?before=9007199254740991', auditor);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('before');
  });

  it('the board export is rate limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await f.w.api.get(`/api/v1/board/export?planId=${f.planId}`, sup)).status);
    // The first exports go through; the limit comes from configuration, and says so.
    const limit = f.w.ctx.config.security.exportsPerTenMinutes;
    expect(statuses.slice(0, limit).every((s) => s === 200)).toBe(true);
    expect(statuses[limit]).toBe(429);
  });
});
