/** A plan's footnotes are read out of its stored parse by the database (both dialects), not by parsing it all in JavaScript. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  uniq,
  type World,
} from './helpers/context.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

it('shows the notes of the plan as parsed, and none for a plan without', async () => {
  const sup = await makeUser(w.ctx, { unitId: (await makeUnit(w.ctx)).id, roles: ['supervisor'] });
  const cookie = await w.api.login(sup.username, sup.password);
  const notes = ['注：“牵头单位”排在第一位的为主责单位。', '本表措施按年度滚动更新'];
  const withNotes = await importPlanObject(w.ctx, buildPlan({ title: uniq('注释计划'), notes }));
  const without = await importPlanObject(w.ctx, buildPlan({ title: uniq('无注释计划'), notes: [] }));
  expect((await w.api.get(`/api/v1/plans/${withNotes}`, cookie)).body.notes).toEqual(notes);
  expect((await w.api.get(`/api/v1/plans/${without}`, cookie)).body.notes).toEqual([]);
});
