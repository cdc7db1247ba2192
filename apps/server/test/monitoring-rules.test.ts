/**
 * Rules on a simulated year: "in the bottom 10 of the street ranking 2 half-months in a row" proposes
 * a notice for exactly the streets that were there both times; "above its goal 3 months in a row" for
 * the districts that were. Nothing is issued until the supervisor confirms; confirming issues one notice.
 */
import { beijingAreas, period, periodsToDate } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { areaViews } from '../src/modules/areas/areas.repository.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { addIndicator } from '../src/modules/indicators/indicators.service.ts';
import { recordValues } from '../src/modules/indicators/values.service.ts';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  type World,
} from './helpers/context.ts';

let w: World;
let cookie: string;
let planId: string;
let measureId: string;

/** Streets in the bottom ten in both October half-months, and one that is there only once each. */
const BOTH = ['黄村地区', '长阳镇', '永顺镇'];
const ONLY_H1 = '仁和地区';
const ONLY_H2 = '回龙观街道';

beforeAll(async () => {
  w = await createWorld({ start: '2022-11-02T02:00:00.000Z' });
  const office = await makeUnit(w.ctx);
  const sup = await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] });
  cookie = await w.api.login(sup.username, sup.password);
  planId = await importPlanObject(
    w.ctx,
    buildPlan({
      measureSpecs: [
        { task: 13, lead: ['市生态环境局'], groups: [{ role: 'responsible', name: '各区政府' }] },
      ],
    }),
  );
  expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).status).toBe(200);
  measureId = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures[0].id;

  const { list } = await areaViews(w.ctx.db.kysely);
  const streets = list.filter((a) => a.level === 'street');
  const districts = list.filter((a) => a.level === 'district');
  await transaction(w.ctx, async (trx) => {
    const tsp = await addIndicator(w.ctx, trx, cliActor(), {
      code: 'tsp',
      name: '粗颗粒物',
      unit: 'µg/m³',
      better: 'lower',
      resolution: 'half_month',
      decimals: 1,
      levels: ['street'],
    });
    const halfMonths = periodsToDate(period('2022-12-H2'));
    const entries = halfMonths.flatMap((p, k) =>
      streets.map((s, i) => {
        // Everyone else: distinct values whose worst seven move by 100 places each half-month.
        let value = 50 + ((i + 100 * k) % 343) / 10;
        const special = (name: string) => s.name === name;
        if (p.key === '2022-10-H1' && (BOTH.some(special) || special(ONLY_H1))) value = 300;
        if (p.key === '2022-10-H2' && (BOTH.some(special) || special(ONLY_H2))) value = 300;
        return { areaId: s.id, period: p.key, value };
      }),
    );
    await recordValues(w.ctx, trx, cliActor(), tsp, entries, 'simulated');
    const pm = await addIndicator(w.ctx, trx, cliActor(), {
      code: 'pm25',
      name: 'PM2.5',
      unit: 'µg/m³',
      better: 'lower',
      resolution: 'month',
      decimals: 0,
      levels: ['district'],
    });
    // 通州 above 35 from August, 大兴 in August and October only (not three in a row), the rest below.
    const months = periodsToDate(period('2022-10'));
    const pmEntries = months.flatMap((p) =>
      districts.map((d) => {
        let value = 30;
        if (d.name === '通州区' && p.key >= '2022-08') value = 40;
        if (d.name === '大兴区' && (p.key === '2022-08' || p.key === '2022-10')) value = 41;
        return { areaId: d.id, period: p.key, value };
      }),
    );
    await recordValues(w.ctx, trx, cliActor(), pm, pmEntries, 'simulated');
  });
  const goals = await w.api.put(
    '/api/v1/indicators/pm25/goals',
    { goals: [{ area: null, period: '2022', value: 35 }] },
    cookie,
  );
  expect(goals.status, JSON.stringify(goals.body)).toBe(200);
});
afterAll(() => w.close());

describe('rules propose, the supervisor decides', () => {
  it('bottom 10 two half-months in a row: exactly the streets that were there both times', async () => {
    const rule = await w.api.post(
      '/api/v1/monitoring/rules',
      {
        name: '街道排名后10名连续2期',
        indicator: 'tsp',
        kind: 'bottom_n',
        level: 'street',
        n: 10,
        periods: 2,
        action: 'summons',
        planId,
        measureId,
      },
      cookie,
    );
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    const ev = await w.api.post(
      `/api/v1/monitoring/rules/${rule.body.id}/evaluate`,
      { period: '2022-10-H2' },
      cookie,
    );
    expect(ev.status, JSON.stringify(ev.body)).toBe(200);
    expect(ev.body.proposals.map((p: { area: string }) => p.area).sort()).toEqual([...BOTH].sort());
    const hc = ev.body.proposals.find((p: { area: string }) => p.area === '黄村地区');
    expect(hc).toMatchObject({
      unit: '大兴区政府',
      district: '大兴区',
      state: 'proposed',
      action: 'summons',
    });
    expect(hc.evidence.map((e: { period: string }) => e.period)).toEqual(['2022-10-H1', '2022-10-H2']);
    // Evaluating again proposes nothing twice.
    await w.api.post(`/api/v1/monitoring/rules/${rule.body.id}/evaluate`, { period: '2022-10-H2' }, cookie);
    expect(
      (await w.api.get('/api/v1/monitoring/proposals?state=proposed', cookie)).body.proposals,
    ).toHaveLength(3);
    // Nothing was sent to any unit.
    expect((await w.api.get('/api/v1/notices', cookie)).body.notices).toHaveLength(0);
  });

  it('above goal three months in a row: 通州 only', async () => {
    const rule = await w.api.post(
      '/api/v1/monitoring/rules',
      {
        name: '连续3个月超目标',
        indicator: 'pm25',
        kind: 'above_goal',
        level: 'district',
        periods: 3,
        action: 'notice',
        planId,
        measureId,
      },
      cookie,
    );
    const ev = await w.api.post(
      `/api/v1/monitoring/rules/${rule.body.id}/evaluate`,
      { period: '2022-10' },
      cookie,
    );
    expect(ev.body.proposals.map((p: { area: string; unit: string }) => [p.area, p.unit])).toEqual([
      ['通州区', '通州区政府'],
    ]);
  });

  it('one click confirms a proposal into a 督办单; a second click is refused; dismissing sends nothing', async () => {
    const open = (await w.api.get('/api/v1/monitoring/proposals?state=proposed', cookie)).body.proposals;
    const hc = open.find((p: { area: string }) => p.area === '黄村地区');
    const ok = await w.api.post(
      `/api/v1/monitoring/proposals/${hc.id}/confirm`,
      { replyDue: '2022-11-20' },
      cookie,
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe('confirmed');
    const notice = await w.api.get(`/api/v1/notices/${ok.body.noticeId}`, cookie);
    expect(notice.status).toBe(200);
    expect(JSON.stringify(notice.body)).toContain('约谈');
    const again = await w.api.post(
      `/api/v1/monitoring/proposals/${hc.id}/confirm`,
      { replyDue: '2022-11-20' },
      cookie,
    );
    expect(again.status).toBe(409);
    const other = open.find((p: { area: string }) => p.area === '长阳镇');
    // Dismissing needs a reason.
    const bare = await w.api.post(`/api/v1/monitoring/proposals/${other.id}/dismiss`, {}, cookie);
    expect(bare.status).toBe(400);
    expect(
      (await w.api.post(`/api/v1/monitoring/proposals/${other.id}/dismiss`, { reason: '已在整改' }, cookie))
        .status,
    ).toBe(200);
    const states = (await w.api.get('/api/v1/monitoring/proposals', cookie)).body.proposals.map(
      (p: { area: string; state: string }) => `${p.area}:${p.state}`,
    );
    expect(states).toEqual(
      expect.arrayContaining(['黄村地区:confirmed', '长阳镇:dismissed', '永顺镇:proposed']),
    );
    const all = (await w.api.get('/api/v1/monitoring/proposals', cookie)).body.proposals;
    expect(all.find((p: { area: string }) => p.area === '长阳镇').dismissReason).toBe('已在整改');
  });
});

// The street names above must exist in the bundled areas (guards the fixture against typos).
it('uses real street names', () => {
  const names = new Set(beijingAreas.areas.map((a) => a.name));
  for (const n of [...BOTH, ONLY_H1, ONLY_H2]) expect(names.has(n), n).toBe(true);
});
