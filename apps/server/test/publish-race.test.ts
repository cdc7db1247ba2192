/**
 * A correction racing a publish: every review step locks the plan row (PostgreSQL) and checks "still a
 * draft" under that lock, so the correction lands before the publish or is refused; the published
 * measure and its assignments always agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, createWorld, importPlanObject, makeUser, unitId, type World } from './helpers/context.ts';

let w: World;
let cookie: string;
let cookie2: string;
beforeAll(async () => {
  w = await createWorld();
  const office = await unitId(w.ctx, '市生态环境局');
  const a = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
  const b = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
  cookie = await w.api.login(a.username, a.password);
  cookie2 = await w.api.login(b.username, b.password);
});
afterAll(() => w.close());

describe('a correction racing a publish', () => {
  it('either lands before the publish or is refused; the published plan matches its assignments', async () => {
    for (let round = 0; round < 10; round++) {
      const planId = await importPlanObject(
        w.ctx,
        buildPlan({
          measureSpecs: [
            { task: 1, lead: ['市生态环境局'], responsible: ['市交通委'] },
            { task: 2, lead: ['市交通委'], responsible: ['市公安局'] },
          ],
          warnings: [],
        }),
      );
      const measures = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures;
      const m = measures[0];
      const [published, corrected] = await Promise.all([
        w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie),
        w.api.patch(
          `/api/v1/plans/${planId}/measures/${m.id}`,
          { version: m.version, units: { lead: ['市城市管理委'] } },
          cookie2,
        ),
      ]);
      expect(published.status).toBe(200);
      const leads = await w.ctx.db.kysely
        .selectFrom('assignments as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select('u.name')
        .where('a.measure_id', '=', m.id)
        .where('a.role', '=', 'lead')
        .execute();
      const mentioned = await w.ctx.db.kysely
        .selectFrom('measure_units')
        .select('name')
        .where('measure_id', '=', m.id)
        .where('role', '=', 'lead')
        .execute();
      // Whatever the order, the published measure and its assignments must agree.
      expect({ round, corrected: corrected.status, leads: leads.map((l) => l.name) }).toEqual({
        round,
        corrected: corrected.status,
        leads: mentioned.map((x) => x.name),
      });
    }
  });
});
