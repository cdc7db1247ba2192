/**
 * The bulletin's overdue cases are judged with the due day in force at the end of its month, not the one
 * in force now: an extension granted after the month does not change a past bulletin.
 *
 *   S  received 20 Sep, dispatched (due 23 Sep); on 10 Oct an extension to 20 Oct is granted
 *        → September: overdue 7 days (due 23 Sep); October: overdue 11 days (due 20 Oct)
 *   T  received 26 Sep, dispatched (due 29 Sep); asked on 28 Sep for 15 Oct, granted on 3 Oct
 *        → September: overdue 1 day (due 29 Sep: the request was still pending); October: overdue
 *          16 days (due 15 Oct)
 *   U  received 21 Sep, dispatched (due 24 Sep), returned on 22 Sep, dispatched again on 5 Oct (due 8 Oct)
 *        → September: not overdue (returned: the clock stops); October: overdue 23 days (due 8 Oct)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/modules/audit/actor.ts';
import { publishPlan } from '../src/modules/plans/plan-publish.service.ts';
import { alarm, type CaseWorld, caseWorld, detail, ingest, ok } from './helpers/cases.ts';
import { buildPlan, createWorld, importPlanObject, type World } from './helpers/context.ts';

let w: World;
let c: CaseWorld;
let planId: string;
const no: Record<string, string> = {};
const id: Record<string, string> = {};

/** Beijing 10:00 on a day of 2022. */
const at = (month: number, day: number) => new Date(Date.UTC(2022, month - 1, day, 2)).toISOString();

async function received(key: string, month: number, day: number, address: string) {
  await c.at(at(month, day));
  const r = await ingest(
    w,
    c.key,
    alarm(`BD-${key}`, {
      occurredAt: `2022-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:00:00+08:00`,
      address,
    }),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  id[key] = r.body.caseId;
  no[key] = (await detail(w, c.sup1, r.body.caseId)).number;
}

const dispatch = (key: string) =>
  ok(w, c.sup1, id[key] as string, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');

async function extend(key: string, requestedDue: string, state: string) {
  await ok(w, c.cyStaff, id[key] as string, 'extension', { requestedDue, reason: '需协调渣土车辆' }, state);
}
const approve = (key: string, state: string) =>
  ok(w, c.sup1, id[key] as string, 'extension/decision', { decision: 'approve' }, state);

beforeAll(async () => {
  w = await createWorld({ start: at(9, 19) });
  c = await caseWorld(w);
  const plan = buildPlan({
    warnings: [],
    measureSpecs: [{ task: 1, lead: ['市生态环境局'], responsible: [c.chaoyang.name] }],
  });
  planId = await importPlanObject(w.ctx, plan);
  await publishPlan(w.ctx, cliActor(), planId);

  await received('S', 9, 20, '朝阳区东三环中路5号工地');
  await ok(w, c.sup1, id.S as string, 'verify', { decision: 'verify' }, 'verified');
  expect((await dispatch('S')).dueOn).toBe('2022-09-23');

  await received('U', 9, 21, '朝阳区望京街10号工地');
  await ok(w, c.sup1, id.U as string, 'verify', { decision: 'verify' }, 'verified');
  expect((await dispatch('U')).dueOn).toBe('2022-09-24');
  await c.at(at(9, 22));
  await ok(w, c.cyStaff, id.U as string, 'sign', { decision: 'return', comment: '不属本单位' }, 'returned');

  await received('T', 9, 26, '朝阳区八里庄路1号工地');
  await ok(w, c.sup1, id.T as string, 'verify', { decision: 'verify' }, 'verified');
  expect((await dispatch('T')).dueOn).toBe('2022-09-29');
  await c.at(at(9, 28));
  await extend('T', '2022-10-15', 'dispatched');

  await c.at(at(10, 3));
  expect((await approve('T', 'dispatched')).dueOn).toBe('2022-10-15');
  await c.at(at(10, 5));
  expect((await dispatch('U')).dueOn).toBe('2022-10-08');
  await c.at(at(10, 10));
  await extend('S', '2022-10-20', 'dispatched');
  expect((await approve('S', 'dispatched')).dueOn).toBe('2022-10-20');
  await c.at(at(11, 5));
}, 120_000);
afterAll(async () => w?.close());

type Overdue = { number: string; dueOn: string; daysOverdue: number };
async function overdue(period: string) {
  const r = await w.api.get(`/api/v1/plans/${planId}/bulletin?period=${period}`, c.sup1);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.cases.overdue as Overdue[]).map((o) => [o.number, o.dueOn, o.daysOverdue]);
}

describe('the bulletin judges overdue cases as of its day', () => {
  it('September: the due days then, not the extensions granted in October', async () => {
    expect(await overdue('2022-09')).toEqual([
      [no.S, '2022-09-23', 7],
      [no.T, '2022-09-29', 1],
    ]);
  });

  it('October: the extended days and the second dispatch', async () => {
    expect(await overdue('2022-10')).toEqual([
      [no.U, '2022-10-08', 23],
      [no.T, '2022-10-15', 16],
      [no.S, '2022-10-20', 11],
    ]);
  });

  it('the cases section of the district table counts the same cases', async () => {
    const r = await w.api.get(`/api/v1/plans/${planId}/bulletin?period=2022-09`, c.sup1);
    expect(r.body.cases.byDistrict).toEqual([{ district: '朝阳区', received: 3, closed: 0, overdue: 2 }]);
  });
});
