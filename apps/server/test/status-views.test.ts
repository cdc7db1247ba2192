/**
 * Read-only status views used by the web app: every visible assignment with its light (我的任务, the
 * per-unit tables), and the board filtered to one section of the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  unitId,
  type World,
} from './helpers/context.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

type Row = { assignmentId: string; unitId: string; role: string; task: number; light: string };

describe('the assignments of a plan with their lights', () => {
  let f: SupervisionFixture;
  beforeAll(async () => {
    f = await supervisionFixture();
  });
  afterAll(() => f.w.close());
  const list = async (cookie: string, unit?: string) =>
    f.w.api.get(`/api/v1/plans/${f.planId}/status/assignments${unit ? `?unitId=${unit}` : ''}`, cookie);

  it('gives supervisors every assignment, with its measure, light, reasons and progress', async () => {
    const res = await list(await f.login(f.supervisor));
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2022-06-10');
    const rows = res.body.assignments as Row[];
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.assignmentId))).toEqual(new Set(Object.values(f.assignment)));
    expect(res.body.assignments[0]).toMatchObject({
      measureId: expect.any(String),
      task: 1,
      seq: 1,
      light: expect.stringMatching(/^(green|yellow|red|done)$/),
      reasons: expect.any(Array),
      progress: expect.any(Number),
    });
  });

  it("gives a unit its own assignments and the others' on the measures it leads — nothing else", async () => {
    const cookie = await f.login(f.A.staff);
    const rows = (await list(cookie)).body.assignments as Row[];
    // 甲 leads measure 1 (甲, 乙, 丙) and is responsible on measure 2, which 乙 leads.
    expect(
      rows
        .map((r) => `${r.task}:${r.unitId === f.A.id ? 'A' : r.unitId === f.B.id ? 'B' : 'C'}:${r.role}`)
        .sort(),
    ).toEqual(['1:A:lead', '1:B:responsible', '1:C:assisting', '2:A:responsible']);
    const own = (await list(cookie, f.A.id)).body.assignments as Row[];
    expect(own.map((r) => r.assignmentId).sort()).toEqual(
      [f.assignment['1:A:lead'], f.assignment['2:A:responsible']].sort(),
    );
  });

  it('does not widen the scope when another unit is asked for', async () => {
    const cookie = await f.login(f.C.staff);
    const others = (await list(cookie, f.B.id)).body.assignments as Row[];
    expect(others).toEqual([]);
    const asLead = (await list(await f.login(f.A.viewer), f.B.id)).body.assignments as Row[];
    expect(asLead.map((r) => r.assignmentId)).toEqual([f.assignment['1:B:responsible']]);
  });
});

describe('the board by section', () => {
  let w: World;
  let planId: string;
  let cookie: string;
  let sections: { id: string; ordinal: string }[];
  beforeAll(async () => {
    w = await createWorld({ start: '2022-07-10T02:00:00.000Z' });
    const unit = await makeUnit(w.ctx);
    const plan = buildPlan({
      measureSpecs: [
        { task: 1, lead: [unit.name] },
        { task: 2, lead: [unit.name] },
        { task: 3, lead: [unit.name] },
      ],
    });
    plan.sections = [
      { ordinal: '一', title: '主要目标', line: 3 },
      { ordinal: '二', title: '重点任务', line: 11 },
    ];
    plan.tasks = plan.tasks.map((t) => ({ ...t, section: t.no === 1 ? '一' : '二' }));
    planId = await importPlanObject(w.ctx, plan);
    const sup = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市生态环境局'), roles: ['supervisor'] });
    cookie = await w.api.login(sup.username, sup.password);
    expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).status).toBe(200);
    sections = (await w.api.get(`/api/v1/plans/${planId}`, cookie)).body.sections;
  });
  afterAll(() => w.close());

  it('lists only the tasks under the chosen section, and counts them alone', async () => {
    const second = sections.find((s) => s.ordinal === '二')?.id as string;
    const all = await w.api.get(`/api/v1/board?planId=${planId}&light=all`, cookie);
    expect(all.body.total).toBe(3);
    const res = await w.api.get(`/api/v1/board?planId=${planId}&light=all&section=${second}`, cookie);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.rows.map((r: Row) => r.task).sort()).toEqual([2, 3]);
    const counts = res.body.counts as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
