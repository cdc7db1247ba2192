/**
 * A unit's overdue problem cases count in its light (red, as overdue work is) and the board lists each
 * with its reason in words; a case done in time, or not yet due, changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/modules/audit/actor.ts';
import { publishPlan } from '../src/modules/plans/plan-publish.service.ts';
import { alarm, bj, type CaseWorld, caseWorld, ingest, ok } from './helpers/cases.ts';
import { buildPlan, createWorld, importPlanObject, type World } from './helpers/context.ts';

let w: World;
let c: CaseWorld;
let planId: string;
let caseId: string;

beforeAll(async () => {
  w = await createWorld({ start: bj(1, 9) });
  c = await caseWorld(w);
  const plan = buildPlan({
    warnings: [],
    measureSpecs: [{ task: 1, lead: ['市生态环境局'], responsible: [c.chaoyang.name, c.haidian.name] }],
  });
  // Next year's plan, due at its end with no milestone: no report is owed yet, so the assignments
  // themselves are green in October 2022 and only the cases can change the unit's light.
  plan.year = 2023;
  plan.measures = plan.measures.map((m) => ({
    ...m,
    milestones: [],
    targets: [],
    deadline: { raw: '年底前', kind: 'date' as const, due: '2023-12-31' },
  }));
  planId = await importPlanObject(w.ctx, plan);
  await publishPlan(w.ctx, cliActor(), planId);
  const r = await ingest(w, c.key, alarm('OD-1'));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  caseId = r.body.caseId;
  await ok(w, c.sup1, caseId, 'verify', { decision: 'verify' }, 'verified');
  const sent = await ok(w, c.sup1, caseId, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
  expect(sent.dueOn).toBe('2022-10-04');
}, 60_000);
afterAll(async () => w?.close());

const unitLights = async (cookie: string) => {
  const r = await w.api.get(`/api/v1/plans/${planId}/status/units`, cookie);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return new Map(
    r.body.units.map((u: { unitId: string; light: string; overdueCases: number }) => [u.unitId, u]),
  );
};

describe('overdue cases in the light and on the board', () => {
  it('before the time limit the unit is green and the board lists no case', async () => {
    await c.at(bj(4));
    const lights = await unitLights(c.sup1);
    expect(lights.get(c.chaoyang.id)).toMatchObject({ light: 'green', overdueCases: 0 });
    const b = await w.api.get(`/api/v1/board?planId=${planId}`, c.sup1);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body.overdueCases).toEqual([]);
  });

  it('past the time limit the unit is red and the board names the case with its reason', async () => {
    await c.at(bj(7));
    const lights = await unitLights(c.sup1);
    expect(lights.get(c.chaoyang.id)).toMatchObject({ light: 'red', overdueCases: 1 });
    expect(lights.get(c.haidian.id)).toMatchObject({ light: 'green', overdueCases: 0 });
    // The unit sees its own light red too.
    expect((await unitLights(c.cyStaff)).get(c.chaoyang.id)).toMatchObject({ light: 'red', overdueCases: 1 });
    const b = await w.api.get(`/api/v1/board?planId=${planId}`, c.sup1);
    expect(b.body.overdueCases).toHaveLength(1);
    expect(b.body.overdueCases[0]).toMatchObject({
      caseId,
      unitId: c.chaoyang.id,
      dueOn: '2022-10-04',
      daysOverdue: 3,
      categoryName: '施工扬尘',
    });
    expect(b.body.overdueCases[0].reason).toContain('办理时限 2022-10-04 已逾期 3 天');
    // Filtered to another unit, the board shows none of Chaoyang's cases.
    const hd = await w.api.get(`/api/v1/board?planId=${planId}&unitId=${c.haidian.id}`, c.sup1);
    expect(hd.body.overdueCases).toEqual([]);
  });

  it('an approved extension past today takes the case off again', async () => {
    await ok(w, c.cyStaff, caseId, 'sign', { decision: 'sign' }, 'signed');
    const asked = await ok(
      w,
      c.cyStaff,
      caseId,
      'extension',
      { requestedDue: '2022-10-20', reason: '需协调渣土车辆' },
      'signed',
    );
    expect(asked.extension.state).toBe('pending');
    await ok(w, c.sup1, caseId, 'extension/decision', { decision: 'approve' }, 'signed');
    expect((await unitLights(c.sup1)).get(c.chaoyang.id)).toMatchObject({ light: 'green', overdueCases: 0 });
    const b = await w.api.get(`/api/v1/board?planId=${planId}`, c.sup1);
    expect(b.body.overdueCases).toEqual([]);
  });
});
