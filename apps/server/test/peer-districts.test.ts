/**
 * 等保 finding 1: where a group (各区政府) leads a measure, each member leads its own share only. 房山
 * must not read 延庆's reports or evidence, nor list the other districts' assignments; a unit named
 * as lead in its own right still sees the whole measure.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUser,
  type TestUser,
  unitId,
  type World,
} from './helpers/context.ts';
import { multipart, PDF } from './helpers/files.ts';
import { reportBody } from './helpers/supervision.ts';

let w: World;
let planId: string;
let FS: string; // 房山
let YQ: string; // 延庆
let SW: string; // 市水务局, responsible on measure 1
let JT: string; // 市交通委, lead in its own right on measure 2 (with 各区政府)
const cookie: Record<string, string> = {};
/** Assignment ids by `<task>:<unit>:<role>`. */
const assignment: Record<string, string> = {};
let yqReport: string;
let yqEvidence: string;
let swReport: string;

const login = (u: TestUser) => w.api.login(u.username, u.password);

beforeAll(async () => {
  w = await createWorld({
    start: '2022-06-10T02:00:00.000Z',
    config: { security: { passwordMaxAgeDays: 0 } as never },
  });
  [FS, YQ, SW, JT] = await Promise.all(
    ['房山区政府', '延庆区政府', '市水务局', '市交通委'].map((n) => unitId(w.ctx, n)),
  );
  planId = await importPlanObject(
    w.ctx,
    buildPlan({
      measureSpecs: [
        { task: 1, responsible: ['市水务局'], groups: [{ role: 'lead', name: '各区政府' }] },
        { task: 2, lead: ['市交通委'], groups: [{ role: 'lead', name: '各区政府' }] },
      ],
      warnings: [],
    }),
  );
  const sup = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市生态环境局'), roles: ['supervisor'] });
  cookie.sup = await login(sup);
  expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie.sup)).status).toBe(200);
  const name = new Map([
    [FS, 'FS'],
    [YQ, 'YQ'],
    [SW, 'SW'],
    [JT, 'JT'],
  ]);
  for (const r of await w.ctx.db.kysely
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['a.id', 'a.unit_id', 'a.role', 'm.task_no'])
    .where('a.plan_id', '=', planId)
    .execute()) {
    assignment[`${r.task_no}:${name.get(r.unit_id) ?? r.unit_id}:${r.role}`] = r.id;
  }
  for (const [key, unit] of [
    ['fs', FS],
    ['yq', YQ],
    ['sw', SW],
    ['jt', JT],
  ] as const) {
    cookie[`${key}Staff`] = await login(await makeUser(w.ctx, { unitId: unit, roles: ['unit_staff'] }));
    cookie[`${key}Leader`] = await login(await makeUser(w.ctx, { unitId: unit, roles: ['unit_leader'] }));
  }
  // 延庆 reports on its share of measure 1, with evidence, and its leader signs off.
  const saved = await w.api.put(
    `/api/v1/assignments/${assignment['1:YQ:lead']}/reports/2022-06`,
    { version: 0, ...reportBody() },
    cookie.yqStaff,
  );
  expect(saved.status).toBe(200);
  yqReport = saved.body.report.id;
  const ev = await w.api.request({
    method: 'POST',
    url: `/api/v1/reports/${yqReport}/evidence`,
    cookie: cookie.yqStaff,
    ...multipart('延庆整改.pdf', PDF),
  });
  expect(ev.status).toBe(200);
  yqEvidence = ev.body.attachment.id;
  // 市水务局 reports on measure 1, whose only leads are the districts.
  const sw = await w.api.put(
    `/api/v1/assignments/${assignment['1:SW:responsible']}/reports/2022-06`,
    { version: 0, ...reportBody() },
    cookie.swStaff,
  );
  expect(sw.status).toBe(200);
  swReport = sw.body.report.id;
  for (const [a, report, staff, leader] of [
    [assignment['1:YQ:lead'], yqReport, cookie.yqStaff, cookie.yqLeader],
    [assignment['1:SW:responsible'], swReport, cookie.swStaff, cookie.swLeader],
  ] as const) {
    const v = (await w.api.get(`/api/v1/reports/${report}`, staff)).body.report.version;
    const submitted = await w.api.post(
      `/api/v1/assignments/${a}/reports/2022-06/submit`,
      { version: v, requestId: randomUUID(), ...reportBody() },
      staff,
    );
    expect(submitted.status).toBe(200);
    const signed = await w.api.post(
      `/api/v1/reports/${report}/signoff`,
      { version: submitted.body.report.version, decision: 'approve' },
      leader,
    );
    expect(signed.status).toBe(200);
  }
});
afterAll(() => w.close());

describe('a district that leads through 各区政府', () => {
  it("cannot read another district's report or download its evidence (404, as if absent)", async () => {
    expect((await w.api.get(`/api/v1/reports/${yqReport}`, cookie.fsStaff)).status).toBe(404);
    expect((await w.api.get(`/api/v1/reports/${yqReport}`, cookie.fsLeader)).status).toBe(404);
    expect((await w.api.get(`/api/v1/evidence/${yqEvidence}`, cookie.fsStaff)).status).toBe(404);
    expect((await w.api.get(`/api/v1/assignments/${assignment['1:YQ:lead']}`, cookie.fsStaff)).status).toBe(
      404,
    );
    // 延庆 itself and the office still read them.
    expect((await w.api.get(`/api/v1/reports/${yqReport}`, cookie.yqStaff)).status).toBe(200);
    expect((await w.api.get(`/api/v1/evidence/${yqEvidence}`, cookie.yqStaff)).status).toBe(200);
    expect((await w.api.get(`/api/v1/evidence/${yqEvidence}`, cookie.sup)).status).toBe(200);
  });

  it("lists its own share only: the plan's assignments and the status pages", async () => {
    const rows = (await w.api.get(`/api/v1/plans/${planId}/assignments`, cookie.fsStaff)).body
      .assignments as {
      unitId: string;
    }[];
    expect(rows.length).toBe(2);
    expect(new Set(rows.map((r) => r.unitId))).toEqual(new Set([FS]));
    const status = await w.api.get(`/api/v1/plans/${planId}/status/assignments`, cookie.fsStaff);
    expect(status.status).toBe(200);
    const units = new Set(
      (status.body.rows ?? status.body.assignments).map((r: { unitId: string }) => r.unitId),
    );
    expect(units).toEqual(new Set([FS]));
  });

  it("does not review the other units' reports: they go to the office", async () => {
    const fsQueue = await w.api.get('/api/v1/reports/queue?kind=review', cookie.fsLeader);
    expect(fsQueue.status).toBe(200);
    expect(fsQueue.body.rows).toEqual([]);
    const office = (await w.api.get('/api/v1/reports/queue?kind=review', cookie.sup)).body.rows.map(
      (r: { reportId: string }) => r.reportId,
    );
    expect(office).toEqual(expect.arrayContaining([yqReport, swReport]));
    const v = (await w.api.get(`/api/v1/reports/${swReport}`, cookie.sup)).body.report.version;
    const byPeer = await w.api.post(
      `/api/v1/reports/${swReport}/review`,
      { version: v, decision: 'accept' },
      cookie.fsLeader,
    );
    expect(byPeer.status).toBe(404);
  });
});

describe('a unit that leads in its own right', () => {
  it("still sees every unit's assignment of the measure it leads", async () => {
    const rows = (await w.api.get(`/api/v1/plans/${planId}/assignments`, cookie.jtStaff)).body
      .assignments as {
      unitId: string;
      task: number;
    }[];
    const onMeasure2 = rows.filter((r) => r.task === 2).map((r) => r.unitId);
    expect(onMeasure2).toContain(FS);
    expect(onMeasure2).toContain(YQ);
    expect(onMeasure2.length).toBeGreaterThan(10);
    expect(rows.some((r) => r.task === 1)).toBe(false);
  });
});
