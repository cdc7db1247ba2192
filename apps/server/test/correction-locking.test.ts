/**
 * Corrections of a draft are optimistically locked on both databases: two supervisors correcting the
 * same measure (or plan) from the same version — one wins, the other gets 409 and changes nothing. On
 * PostgreSQL the plan row is locked and the UPDATE says `where version = …`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, importPlanObject, makeUser, unitId, type World } from './helpers/context.ts';

let w: World;
let cookies: string[];
beforeAll(async () => {
  w = await createWorld();
  const office = await unitId(w.ctx, '市生态环境局');
  cookies = [];
  for (let i = 0; i < 4; i++) {
    const u = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
    cookies.push(await w.api.login(u.username, u.password));
  }
});
afterAll(() => w.close());

describe('concurrent corrections from the same version', () => {
  it('of a measure: one wins, the others get 409', async () => {
    const planId = await importPlanObject(w.ctx);
    const m = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookies[0])).body.measures[0];
    const results = await Promise.all(
      cookies.map((c, i) =>
        w.api.patch(`/api/v1/plans/${planId}/measures/${m.id}`, { version: m.version, text: `更正 ${i}` }, c),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const after = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookies[0])).body.measures[0];
    expect(after.version).toBe(m.version + 1);
  });

  it('of a plan: one wins, the others get 409', async () => {
    const planId = await importPlanObject(w.ctx);
    const plan = (await w.api.get(`/api/v1/plans/${planId}`, cookies[0])).body.plan;
    const results = await Promise.all(
      cookies.map((c, i) =>
        w.api.patch(`/api/v1/plans/${planId}`, { version: plan.version, title: `标题 ${i}` }, c),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });
});
