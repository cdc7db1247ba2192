/**
 * City-wide targets (issue 12 item 14): a total written for several units is the lead's; the units report
 * their contributions, the lead and the office see the sum with its progress and light; the office sets
 * per-unit shares (in the review or after publishing), which the units' standings then follow; a target
 * each unit holds behaves as before.
 */
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@lantian/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  type TestUser,
  uniq,
  unitId,
  type World,
} from './helpers/context.ts';
import { reportBody, requestId } from './helpers/supervision.ts';

interface Unit {
  id: string;
  name: string;
  staff: TestUser;
  leader: TestUser;
}

let w: World;
let planId: string;
let measureId: string;
let cityTarget: string;
let eachTarget: string;
const u: Record<'A' | 'B' | 'C' | 'D', Unit> = {} as never;
const cookie: Record<string, string> = {};
const assignment: Record<string, string> = {};

async function unit(name: string): Promise<Unit> {
  const made = await makeUnit(w.ctx, name);
  const make = (roles: UserRole[]) => makeUser(w.ctx, { unitId: made.id, roles });
  return { id: made.id, name, staff: await make(['unit_staff']), leader: await make(['unit_leader']) };
}

const scopeUrl = (targetId: string) => `/api/v1/plans/${planId}/targets/${targetId}/scope`;

/** A unit files the June report with its values; its leader signs it off. */
async function report(who: Unit, values: { targetId: string; value: number }[]) {
  const id = assignment[who.id] as string;
  const submitted = await w.api.post(
    `/api/v1/assignments/${id}/reports/2022-06/submit`,
    { version: 0, requestId: requestId(), ...reportBody({ targetValues: values }) },
    cookie[`${who.id}:staff`],
  );
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const signed = await w.api.post(
    `/api/v1/reports/${submitted.body.report.id}/signoff`,
    { version: submitted.body.report.version, decision: 'approve' },
    cookie[`${who.id}:leader`],
  );
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
}

const measureStatus = (c: string) => w.api.get(`/api/v1/plans/${planId}/status/measures/${measureId}`, c);
const standings = async (who: Unit) => {
  const res = await w.api.get(`/api/v1/assignments/${assignment[who.id]}/status`, cookie[`${who.id}:staff`]);
  expect(res.status).toBe(200);
  return res.body as {
    status: { progress: number };
    targets: { targetId: string; goal: number | null; progress: number | null; light: string | null }[];
  };
};

beforeAll(async () => {
  w = await createWorld({
    start: '2022-06-10T02:00:00.000Z',
    config: { security: { passwordMaxAgeDays: 0 } as never },
  });
  const tag = uniq('');
  u.A = await unit(`牵头局${tag}`);
  u.B = await unit(`东城${tag}`);
  u.C = await unit(`西城${tag}`);
  u.D = await unit(`朝阳${tag}`);
  const plan = buildPlan({
    measureSpecs: [{ task: 1, lead: [u.A.name], responsible: [u.B.name, u.C.name, u.D.name] }],
  });
  const m = plan.measures[0] as (typeof plan.measures)[number];
  m.text = '市场监管部门开展抽检，全年检测量不低于 230 组；每个区完成不少于 20 家企业检查。';
  m.targets = [
    { value: 230, unit: '组', comparison: 'at_least', yearOnYear: false, text: '全年检测量不低于 230 组' },
    {
      value: 20,
      unit: '家',
      comparison: 'at_least',
      yearOnYear: false,
      text: '每个区完成不少于 20 家企业检查',
    },
  ];
  planId = await importPlanObject(w.ctx, plan);
  const supervisor = await makeUser(w.ctx, {
    unitId: await unitId(w.ctx, '市生态环境局'),
    roles: ['supervisor'],
  });
  cookie.sup = await w.api.login(supervisor.username, supervisor.password);
  for (const x of Object.values(u)) {
    cookie[`${x.id}:staff`] = await w.api.login(x.staff.username, x.staff.password);
    cookie[`${x.id}:leader`] = await w.api.login(x.leader.username, x.leader.password);
  }
  const measures = await w.api.get(`/api/v1/plans/${planId}/measures`, cookie.sup);
  measureId = measures.body.measures[0].id;
  [cityTarget, eachTarget] = measures.body.measures[0].targets.map((t: { id: string }) => t.id);
  // Eight accounts and nine logins (password hashing): slow on a loaded machine.
}, 60_000);
afterAll(() => w.close());

describe('city-wide targets', () => {
  it('are decided by the rule in the review: a total for several units is city-wide, “每个区” each unit’s', async () => {
    const res = await w.api.get(`/api/v1/plans/${planId}/measures/${measureId}`, cookie.sup);
    expect(res.status).toBe(200);
    const [city, each] = res.body.measure.targets;
    expect(city).toMatchObject({
      cityWide: true,
      scope: { cityWide: true, decidedBy: 'rule', ruleReason: 'TOTAL_WORDING', ruleCue: '全年' },
      shares: [],
    });
    expect(each).toMatchObject({ cityWide: false, scope: { decidedBy: 'rule', ruleReason: 'EACH_WORDING' } });
  });

  it('take shares in the review (draft), among the units the measure will expand to', async () => {
    const detail = await w.api.get(scopeUrl(cityTarget), cookie.sup);
    expect(detail.status).toBe(200);
    const names = detail.body.units.map((x: { unitName: string }) => x.unitName);
    expect(names.slice(0, 3).sort()).toEqual([u.B.name, u.C.name, u.D.name].sort());
    expect(names[3]).toBe(u.A.name);
    const set = await w.api.put(
      scopeUrl(cityTarget),
      { cityWide: null, shares: [{ unitId: u.B.id, value: 100 }] },
      cookie.sup,
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      scope: { cityWide: true, decidedBy: 'rule' },
      shares: [{ unitId: u.B.id, unitName: u.B.name, value: 100 }],
      sharesTotal: 100,
      sharesDiffer: true,
    });
    const published = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie.sup);
    expect(published.status).toBe(200);
    const rows = await w.ctx.db.kysely
      .selectFrom('assignments')
      .select(['id', 'unit_id'])
      .where('plan_id', '=', planId)
      .execute();
    for (const r of rows) assignment[r.unit_id] = r.id;
  });

  it('ask each unit for its contribution, with its share if set', async () => {
    const form = await w.api.get(
      `/api/v1/assignments/${assignment[u.B.id]}/report-form`,
      cookie[`${u.B.id}:staff`],
    );
    expect(form.status).toBe(200);
    expect(
      form.body.assignment.targets.map((t: { cityWide: boolean; share: number | null }) => [
        t.cityWide,
        t.share,
      ]),
    ).toEqual([
      [true, 100],
      [false, null],
    ]);
    const other = await w.api.get(
      `/api/v1/assignments/${assignment[u.C.id]}/report-form`,
      cookie[`${u.C.id}:staff`],
    );
    expect(other.body.assignment.targets[0]).toMatchObject({ cityWide: true, share: null });
  });

  it('sum the units’ contributions for the lead, with progress and light from the sum', async () => {
    await report(u.B, [
      { targetId: cityTarget, value: 20 },
      { targetId: eachTarget, value: 10 },
    ]);
    let lead = await measureStatus(cookie[`${u.A.id}:staff`] as string);
    expect(lead.status).toBe(200);
    expect(lead.body.targetTotals).toHaveLength(1);
    // 20 of 230 by 10 June (44 % of the year gone): red.
    expect(lead.body.targetTotals[0]).toMatchObject({
      targetId: cityTarget,
      target: 230,
      sum: 20,
      reported: 1,
      units: 4,
      light: 'red',
    });

    await report(u.C, [{ targetId: cityTarget, value: 60 }]);
    await report(u.D, [{ targetId: cityTarget, value: 40 }]);
    lead = await measureStatus(cookie[`${u.A.id}:staff`] as string);
    const total = lead.body.targetTotals[0];
    expect(total).toMatchObject({
      sum: 120,
      reported: 3,
      units: 4,
      progress: 0.5217,
      light: 'green',
      due: '2022-12-31',
    });
    expect(
      Object.fromEntries(
        total.contributions.map((c: { unitId: string; value: number | null; share: number | null }) => [
          c.unitId,
          [c.value, c.share],
        ]),
      ),
    ).toEqual({ [u.A.id]: [null, null], [u.B.id]: [20, 100], [u.C.id]: [60, null], [u.D.id]: [40, null] });
    const office = await measureStatus(cookie.sup);
    expect(office.body.targetTotals[0]).toMatchObject({ sum: 120, light: 'green' });
    // A district sees its own standing, not the others' sum.
    const district = await measureStatus(cookie[`${u.C.id}:staff`] as string);
    expect(district.body.targetTotals).toEqual([]);
    expect(district.body.targetStandings.map((s: { assignmentId: string }) => s.assignmentId)).toEqual([
      assignment[u.C.id],
      assignment[u.C.id],
    ]);
  });

  it('judge a unit against its share, or not at all without one; a unit target as before', async () => {
    const b = await standings(u.B);
    expect(b.targets).toEqual([
      expect.objectContaining({ targetId: cityTarget, goal: 100, progress: 0.2, light: 'red' }),
      expect.objectContaining({ targetId: eachTarget, goal: 20, progress: 0.5, light: 'green' }),
    ]);
    const c = await standings(u.C);
    expect(c.targets[0]).toMatchObject({ targetId: cityTarget, goal: null, progress: null, light: null });
  });

  it('let the office change the shares after publishing, and the units’ standings follow', async () => {
    const before = await standings(u.C);
    const set = await w.api.put(
      scopeUrl(cityTarget),
      {
        cityWide: true,
        shares: [
          { unitId: u.B.id, value: 40 },
          { unitId: u.C.id, value: 200 },
          { unitId: u.D.id, value: 40 },
        ],
        reason: '按各区任务量分解',
      },
      cookie.sup,
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      scope: { cityWide: true, decidedBy: 'office' },
      sharesTotal: 280,
      sharesDiffer: true,
    });
    const b = await standings(u.B);
    expect(b.targets[0]).toMatchObject({ goal: 40, progress: 0.5, light: 'green' });
    const c = await standings(u.C);
    expect(c.targets[0]).toMatchObject({ goal: 200, progress: 0.3, light: 'red' });
    expect(c.status.progress).not.toBe(before.status.progress);
    const d = await standings(u.D);
    expect(d.targets[0]).toMatchObject({ goal: 40, progress: 1, light: 'green' });
    const lead = await measureStatus(cookie[`${u.A.id}:staff`] as string);
    expect(
      lead.body.targetTotals[0].contributions.map((x: { unitId: string; light: string | null }) => [
        x.unitId,
        x.light,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [u.B.id, 'green'],
        [u.C.id, 'red'],
        [u.D.id, 'green'],
        [u.A.id, null],
      ]),
    );
    const audited = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'object_id'])
      .where('action', '=', 'target.scope')
      .execute();
    expect(audited.filter((a) => a.object_id === cityTarget)).toHaveLength(2);
  });

  it('carry a share behind into the stored light the board and the status pages read, and let it go with the share', async () => {
    type Row = {
      assignmentId: string;
      light: string;
      reasons: { code: string; light: string; subject?: string }[];
    };
    const stored = async (who: Unit) => {
      const res = await w.api.get(
        `/api/v1/assignments/${assignment[who.id]}/status`,
        cookie[`${who.id}:staff`],
      );
      expect(res.status).toBe(200);
      return res.body as { status: Row; targets: { targetId: string; light: string | null }[] };
    };
    const onBoard = async (who: Unit) => {
      const res = await w.api.get(`/api/v1/board?planId=${planId}&light=all&unitId=${who.id}`, cookie.sup);
      expect(res.status).toBe(200);
      return (res.body.rows as Row[]).find((r) => r.assignmentId === assignment[who.id]) as Row;
    };
    const share = (r: Row) => r.reasons.filter((x) => x.code === 'TARGET_SHARE_BEHIND');
    // C: 60 of a 200 share by 10 June — its target is red, and so are its summary and its board row.
    const c = await stored(u.C);
    expect(c.targets.find((t) => t.targetId === cityTarget)?.light).toBe('red');
    expect(c.status.light).toBe('red');
    expect(share(c.status)).toEqual([expect.objectContaining({ light: 'red', subject: '200' })]);
    expect((await onBoard(u.C)).light).toBe('red');
    expect(share(await onBoard(u.C))).toHaveLength(1);
    // B and D are on pace with theirs: nothing of the share in their lights.
    for (const x of [u.B, u.D]) {
      expect((await stored(x)).targets.find((t) => t.targetId === cityTarget)?.light).toBe('green');
      expect(share((await stored(x)).status)).toEqual([]);
    }
    const bLight = (await stored(u.B)).status.light;
    // Lowered to 50 (60 reported): C is on pace, its light is what its dates and reports make it, as B's.
    const lowered = await w.api.put(
      scopeUrl(cityTarget),
      {
        cityWide: true,
        shares: [
          { unitId: u.B.id, value: 40 },
          { unitId: u.C.id, value: 50 },
          { unitId: u.D.id, value: 40 },
        ],
        reason: '调整西城任务',
      },
      cookie.sup,
    );
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    const after = await stored(u.C);
    expect(after.targets.find((t) => t.targetId === cityTarget)?.light).toBe('green');
    expect(share(after.status)).toEqual([]);
    expect(after.status.light).toBe(bLight);
    expect((await onBoard(u.C)).light).toBe(bLight);
    // Back to 200 for the tests below.
    const back = await w.api.put(
      scopeUrl(cityTarget),
      {
        cityWide: true,
        shares: [
          { unitId: u.B.id, value: 40 },
          { unitId: u.C.id, value: 200 },
          { unitId: u.D.id, value: 40 },
        ],
        reason: '按各区任务量分解',
      },
      cookie.sup,
    );
    expect(back.status).toBe(200);
    expect((await onBoard(u.C)).light).toBe('red');
  });

  it('are set by the office only: units, their leaders and the lead are refused', async () => {
    for (const c of [`${u.A.id}:staff`, `${u.A.id}:leader`, `${u.B.id}:staff`, `${u.B.id}:leader`]) {
      const res = await w.api.put(scopeUrl(cityTarget), { cityWide: false }, cookie[c]);
      expect(res.status, c).toBe(403);
      expect((await w.api.get(scopeUrl(cityTarget), cookie[c])).status, c).toBe(403);
    }
    expect((await standings(u.B)).targets[0]).toMatchObject({ goal: 40 });
  });

  it('refuse bad shares with a 400 naming the field', async () => {
    const bad = async (body: object, field: string) => {
      const res = await w.api.put(scopeUrl(cityTarget), body, cookie.sup);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toContain(field);
    };
    await bad({ cityWide: true, shares: [{ unitId: u.B.id, value: -1 }] }, 'shares');
    await bad({ cityWide: true, shares: [{ unitId: u.B.id, value: 'x' }] }, 'shares');
    await bad(
      { cityWide: true, shares: [{ unitId: (await makeUnit(w.ctx)).id, value: 5 }] },
      'shares[0].unitId',
    );
    await bad(
      {
        cityWide: true,
        shares: [
          { unitId: u.B.id, value: 5 },
          { unitId: u.B.id, value: 6 },
        ],
      },
      'shares[1].unitId',
    );
    await bad({ cityWide: false, shares: [{ unitId: u.B.id, value: 5 }] }, 'shares');
    await bad({ shares: [] }, 'cityWide');
    const unknown = await w.api.put(scopeUrl(randomUUID()), { cityWide: true }, cookie.sup);
    expect(unknown.status).toBe(404);
  });

  it('switched to each unit’s, behave as a unit target again: judged against the whole value, shares gone', async () => {
    const set = await w.api.put(scopeUrl(cityTarget), { cityWide: false }, cookie.sup);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      scope: { cityWide: false, decidedBy: 'office', ruleCityWide: true },
      shares: [],
    });
    expect((await standings(u.C)).targets[0]).toMatchObject({ cityWide: false, goal: 230, progress: 0.2609 });
    expect((await measureStatus(cookie[`${u.A.id}:staff`] as string)).body.targetTotals).toEqual([]);
    const back = await w.api.put(scopeUrl(cityTarget), { cityWide: null }, cookie.sup);
    expect(back.body.scope).toMatchObject({ cityWide: true, decidedBy: 'rule' });
  });
});
