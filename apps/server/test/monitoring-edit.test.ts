/**
 * The office edits what it set up for measured data: an indicator (name, unit, decimals, levels — a level
 * holding values stays), and a rule (settings, disable, enable). A disabled rule is skipped by the job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { areaViews } from '../src/modules/areas/areas.repository.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { addIndicator } from '../src/modules/indicators/indicators.service.ts';
import { recordValues } from '../src/modules/indicators/values.service.ts';
import { rulesDue } from '../src/modules/jobs/rules.job.ts';
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
let staffCookie: string;
let planId: string;
let measureId: string;
let otherMeasureId: string;

beforeAll(async () => {
  w = await createWorld({ start: '2022-11-02T02:00:00.000Z' });
  const office = await makeUnit(w.ctx);
  const sup = await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] });
  const staff = await makeUser(w.ctx, { unitId: office.id, roles: ['unit_staff'] });
  cookie = await w.api.login(sup.username, sup.password);
  staffCookie = await w.api.login(staff.username, staff.password);
  planId = await importPlanObject(
    w.ctx,
    buildPlan({
      measureSpecs: [
        { task: 13, lead: ['市生态环境局'], groups: [{ role: 'responsible', name: '各区政府' }] },
        { task: 14, lead: ['市生态环境局'] },
      ],
    }),
  );
  expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie)).status).toBe(200);
  const measures = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures;
  measureId = measures[0].id;
  otherMeasureId = measures[1].id;
  const { list } = await areaViews(w.ctx.db.kysely);
  const districts = list.filter((a) => a.level === 'district');
  await transaction(w.ctx, async (trx) => {
    const pm = await addIndicator(w.ctx, trx, cliActor(), {
      code: 'pm25',
      name: 'PM2.5',
      unit: 'µg/m³',
      better: 'lower',
      resolution: 'month',
      levels: ['district'],
    });
    await recordValues(
      w.ctx,
      trx,
      cliActor(),
      pm,
      districts.map((d, i) => ({ areaId: d.id, period: '2022-10', value: 30 + i })),
      'simulated',
    );
  });
});
afterAll(() => w.close());

describe('editing an indicator', () => {
  it('changes name, unit, decimals and adds a level; audited', async () => {
    const r = await w.api.patch(
      '/api/v1/indicators/pm25',
      { name: '细颗粒物', unit: 'ug/m3', decimals: 1, levels: ['district', 'street'] },
      cookie,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      code: 'pm25',
      name: '细颗粒物',
      unit: 'ug/m3',
      decimals: 1,
      levels: ['district', 'street'],
      resolution: 'month',
    });
    const listed = (await w.api.get('/api/v1/indicators', cookie)).body.indicators;
    expect(listed.find((i: { code: string }) => i.code === 'pm25').name).toBe('细颗粒物');
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'indicator.update')
      .execute();
    expect(audit).toHaveLength(1);
    // The ranking follows the new precision.
    const ranking = await w.api.get(
      '/api/v1/rankings?indicator=pm25&period=2022-10&level=district&by=value&cumulative=false',
      cookie,
    );
    expect(ranking.status).toBe(200);
  });

  it('refuses to drop a level holding values, an empty edit, a code change and a stranger', async () => {
    const drop = await w.api.patch('/api/v1/indicators/pm25', { levels: ['street'] }, cookie);
    expect(drop.status).toBe(409);
    expect(drop.body.error.message).toContain('levels');
    // Street level holds no values: it may go again.
    expect((await w.api.patch('/api/v1/indicators/pm25', { levels: ['district'] }, cookie)).status).toBe(200);
    const empty = await w.api.patch('/api/v1/indicators/pm25', {}, cookie);
    expect(empty.status).toBe(400);
    const code = await w.api.patch('/api/v1/indicators/pm25', { code: 'x' }, cookie);
    expect(code.status).toBe(400);
    const bad = await w.api.patch('/api/v1/indicators/pm25', { decimals: 9 }, cookie);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('decimals');
    expect((await w.api.patch('/api/v1/indicators/nope', { name: 'x' }, cookie)).status).toBe(404);
    expect((await w.api.patch('/api/v1/indicators/pm25', { name: 'x' }, staffCookie)).status).toBe(403);
  });
});

describe('editing a rule', () => {
  let ruleId: string;
  it('edits settings; bottom_n needs an N; plan and measure go together', async () => {
    const created = await w.api.post(
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
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    ruleId = created.body.id;
    const needsN = await w.api.patch(`/api/v1/monitoring/rules/${ruleId}`, { kind: 'bottom_n' }, cookie);
    expect(needsN.status).toBe(400);
    expect(needsN.body.error.message).toContain('n');
    const edited = await w.api.patch(
      `/api/v1/monitoring/rules/${ruleId}`,
      { name: '区排名后3名连续2期', kind: 'bottom_n', n: 3, periods: 2, action: 'summons' },
      cookie,
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      name: '区排名后3名连续2期',
      kind: 'bottom_n',
      n: 3,
      periods: 2,
      action: 'summons',
      indicator: 'pm25',
      active: true,
    });
    const alone = await w.api.patch(
      `/api/v1/monitoring/rules/${ruleId}`,
      { measureId: otherMeasureId },
      cookie,
    );
    expect(alone.status).toBe(400);
    const foreign = await w.api.patch(
      `/api/v1/monitoring/rules/${ruleId}`,
      { planId, measureId: '00000000-0000-4000-8000-000000000000' },
      cookie,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain('measureId');
    const moved = await w.api.patch(
      `/api/v1/monitoring/rules/${ruleId}`,
      { planId, measureId: otherMeasureId },
      cookie,
    );
    expect(moved.body.measureId).toBe(otherMeasureId);
    // Back to above-goal: N no longer applies.
    const back = await w.api.patch(`/api/v1/monitoring/rules/${ruleId}`, { kind: 'above_goal' }, cookie);
    expect(back.body).toMatchObject({ kind: 'above_goal', n: null });
  });

  it('a disabled rule is not due for the job; enabled again it is', async () => {
    expect((await rulesDue(w.ctx.db.kysely, '2022-11-02')).map((d) => d.ruleId)).toEqual([ruleId]);
    const off = await w.api.patch(`/api/v1/monitoring/rules/${ruleId}`, { active: false }, cookie);
    expect(off.body.active).toBe(false);
    expect((await w.api.get('/api/v1/monitoring/rules', cookie)).body.rules[0].active).toBe(false);
    expect(await rulesDue(w.ctx.db.kysely, '2022-11-02')).toEqual([]);
    await w.api.patch(`/api/v1/monitoring/rules/${ruleId}`, { active: true }, cookie);
    expect((await rulesDue(w.ctx.db.kysely, '2022-11-02')).map((d) => d.ruleId)).toEqual([ruleId]);
    const actions = (
      await w.ctx.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', ruleId)
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);
    expect(actions).toContain('rule.disable');
    expect(actions).toContain('rule.enable');
    expect(actions).toContain('rule.update');
  });

  it('refuses a stranger and an unknown rule', async () => {
    expect(
      (await w.api.patch(`/api/v1/monitoring/rules/${ruleId}`, { active: false }, staffCookie)).status,
    ).toBe(403);
    expect(
      (
        await w.api.patch(
          '/api/v1/monitoring/rules/00000000-0000-4000-8000-000000000000',
          { active: false },
          cookie,
        )
      ).status,
    ).toBe(404);
  });
});
