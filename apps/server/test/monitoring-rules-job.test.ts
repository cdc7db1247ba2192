/**
 * The daily job evaluates the office's rules by itself, under the jobs lease, once per period: a
 * fake clock walks through autumn 2022 and the proposals appear when the period is complete and its
 * values have arrived, for exactly the districts the rule should catch, and never twice.
 */
import { period, periodsToDate } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { areaViews } from '../src/modules/areas/areas.repository.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { addIndicator, requireIndicator } from '../src/modules/indicators/indicators.service.ts';
import { recordValues } from '../src/modules/indicators/values.service.ts';
import { runJobs } from '../src/modules/jobs/run-jobs.ts';
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
let login: () => Promise<string>;

/** PM2.5 per district and month: 通州 above 35 from August, 大兴 in August and October only. */
async function recordMonths(months: string[]) {
  const { list } = await areaViews(w.ctx.db.kysely);
  const districts = list.filter((a) => a.level === 'district');
  await transaction(w.ctx, async (trx) => {
    const pm = await requireIndicator(trx, 'pm25');
    const entries = months.flatMap((key) =>
      districts.map((d) => {
        let value = 30;
        if (d.name === '通州区' && key >= '2022-08') value = 40;
        if (d.name === '大兴区' && (key === '2022-08' || key === '2022-10')) value = 41;
        return { areaId: d.id, period: key, value };
      }),
    );
    await recordValues(w.ctx, trx, cliActor(), pm, entries, 'simulated');
  });
}

const proposals = async () => {
  cookie = await login();
  return (await w.api.get('/api/v1/monitoring/proposals', cookie)).body.proposals.map(
    (p: { area: string; period: string }) => `${p.area}@${p.period}`,
  );
};
const evaluations = async () =>
  (
    await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'rule.evaluate')
      .execute()
  ).length;

beforeAll(async () => {
  w = await createWorld({ start: '2022-10-05T02:00:00.000Z' });
  const office = await makeUnit(w.ctx);
  const sup = await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] });
  login = () => w.api.login(sup.username, sup.password);
  cookie = await login();
  const planId = await importPlanObject(
    w.ctx,
    buildPlan({
      measureSpecs: [
        { task: 13, lead: ['市生态环境局'], groups: [{ role: 'responsible', name: '各区政府' }] },
      ],
    }),
  );
  expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).status).toBe(200);
  const measureId = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures[0].id;
  await transaction(w.ctx, (trx) =>
    addIndicator(w.ctx, trx, cliActor(), {
      code: 'pm25',
      name: 'PM2.5',
      unit: 'µg/m³',
      better: 'lower',
      resolution: 'month',
      decimals: 0,
      levels: ['district'],
    }),
  );
  await recordMonths(periodsToDate(period('2022-09')).map((p) => p.key));
  expect(
    (
      await w.api.put(
        '/api/v1/indicators/pm25/goals',
        { goals: [{ area: null, period: '2022', value: 35 }] },
        cookie,
      )
    ).status,
  ).toBe(200);
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
  expect(rule.status, JSON.stringify(rule.body)).toBe(200);
});
afterAll(() => w.close());

describe('the daily job evaluates rules once per period', () => {
  it('evaluates the last complete month: July to September catch nobody', async () => {
    const r = await runJobs(w.ctx, { holder: 'a' });
    expect(r.ran).toBe(true);
    expect(r.proposalsMade).toBe(0);
    expect(await evaluations()).toBe(1);
    expect(await proposals()).toEqual([]);
    // Later the same month: already evaluated for September, not again.
    w.clock.set('2022-10-25T02:00:00.000Z');
    await runJobs(w.ctx, { holder: 'a' });
    expect(await evaluations()).toBe(1);
  });

  it('waits for October values, then proposes 通州 only, once', async () => {
    w.clock.set('2022-11-01T02:00:00.000Z');
    await runJobs(w.ctx, { holder: 'a' });
    expect(await evaluations()).toBe(1);
    await recordMonths(['2022-10']);
    const r = await runJobs(w.ctx, { holder: 'a' });
    expect(r.proposalsMade).toBe(1);
    expect(await proposals()).toEqual(['通州区@2022-10']);
    expect(await evaluations()).toBe(2);
    w.clock.set('2022-11-20T02:00:00.000Z');
    expect((await runJobs(w.ctx, { holder: 'b' })).proposalsMade ?? 0).toBe(0);
    expect(await evaluations()).toBe(2);
    // Nothing was sent to a unit.
    cookie = await login();
    expect((await w.api.get('/api/v1/notices', cookie)).body.notices).toHaveLength(0);
  });

  it('a dismissed proposal is not made again; the next month proposes anew', async () => {
    cookie = await login();
    const open = (await w.api.get('/api/v1/monitoring/proposals', cookie)).body.proposals;
    expect(
      (await w.api.post(`/api/v1/monitoring/proposals/${open[0].id}/dismiss`, { reason: '已在整改' }, cookie))
        .status,
    ).toBe(200);
    await runJobs(w.ctx, { holder: 'a' });
    await recordMonths(['2022-11']);
    w.clock.set('2022-12-02T02:00:00.000Z');
    const r = await runJobs(w.ctx, { holder: 'a' });
    expect(r.proposalsMade).toBe(1);
    expect((await proposals()).sort()).toEqual(['通州区@2022-10', '通州区@2022-11']);
  });

  it('a run that does not get the lease evaluates nothing', async () => {
    await recordMonths(['2022-12']);
    w.clock.set('2023-01-03T02:00:00.000Z');
    await w.ctx.db.kysely
      .insertInto('job_leases')
      .values({
        name: 'supervision-jobs',
        holder: 'other',
        acquired_at: '2023-01-03T01:59:00.000Z',
        expires_at: '2023-01-03T03:00:00.000Z',
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ holder: 'other', expires_at: '2023-01-03T03:00:00.000Z' }),
      )
      .execute();
    const r = await runJobs(w.ctx, { holder: 'a' });
    expect(r.ran).toBe(false);
    expect(await evaluations()).toBe(3);
  });
});
