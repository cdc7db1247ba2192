/**
 * Task 13: "各区降尘量控制在5吨/平方公里·月左右" bound to the dust-fall indicator takes each district's
 * progress and light from its measured monthly values, not from typed figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { cliIo } from './helpers/cli.ts';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  unitId,
  type World,
} from './helpers/context.ts';
import { multipart } from './helpers/files.ts';

let w: World;
let cookie: string;
let planId: string;
let measureId: string;
let targetId: string;

beforeAll(async () => {
  w = await createWorld({ start: '2022-07-05T02:00:00.000Z' });
  const office = await makeUnit(w.ctx);
  const sup = await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] });
  cookie = await w.api.login(sup.username, sup.password);
  const plan = buildPlan({
    measureSpecs: [{ task: 13, lead: ['市生态环境局'], groups: [{ role: 'responsible', name: '各区政府' }] }],
  });
  for (const m of plan.measures)
    m.targets = [
      {
        value: 5,
        unit: '吨/平方公里·月',
        comparison: 'about',
        yearOnYear: false,
        text: '各区降尘量控制在5吨/平方公里·月左右',
      },
    ];
  planId = await importPlanObject(w.ctx, plan);
  const pub = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
  expect(pub.status, JSON.stringify(pub.body)).toBe(200);
  measureId = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures[0].id;
  const t = await w.ctx.db.kysely
    .selectFrom('targets')
    .select('id')
    .where('measure_id', '=', measureId)
    .executeTakeFirstOrThrow();
  targetId = t.id;
  const io = cliIo(w.testDb.env);
  const code = await main(
    [
      'indicator',
      'add',
      '--code',
      'dustfall',
      '--name',
      '降尘量',
      '--unit',
      '吨/平方公里·月',
      '--better',
      'lower',
      '--resolution',
      'month',
      '--decimals',
      '1',
    ],
    io,
  );
  expect(code, io.err()).toBe(0);
});
afterAll(() => w.close());

const rowsOf = async () =>
  (await w.api.get(`/api/v1/plans/${planId}/measures/${measureId}/measured`, cookie)).body.targets[0]
    .rows as {
    unit: string;
    value: number | null;
    progress: number;
    light: string;
    message: string;
  }[];

describe('task 13 bound to dust fall', () => {
  it('binds the target and reads each district from its measured months', async () => {
    // Jan–Jun: 延庆 always below 5; 大兴 above 5.5 from April (three months in a row); 朝阳 only June above;
    // 东城 no data at all.
    const csv = [
      '区,1月,2月,3月,4月,5月,6月',
      '延庆,4.0,4.2,4.1,4.4,4.5,4.3',
      '大兴,4.8,5.0,5.2,6.5,6.8,7.0',
      '朝阳,4.9,5.1,5.0,5.2,5.3,5.8',
    ].join('\n');
    const imp = await w.api.request({
      method: 'POST',
      url: '/api/v1/indicators/dustfall/values/import?year=2022',
      cookie,
      ...multipart('dust.csv', Buffer.from(csv)),
    });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    expect(imp.body.imported).toBe(18);
    const bind = await w.api.put(`/api/v1/targets/${targetId}/binding`, { indicator: 'dustfall' }, cookie);
    expect(bind.status, JSON.stringify(bind.body)).toBe(200);

    const rows = await rowsOf();
    const by = (u: string) => rows.find((r) => r.unit === u);
    expect(by('延庆区政府')).toMatchObject({ light: 'green', progress: 1 });
    expect(by('大兴区政府')).toMatchObject({ light: 'red' });
    expect(by('大兴区政府')?.message).toContain('连续 3 期');
    expect(by('朝阳区政府')).toMatchObject({ light: 'yellow' });
    expect(by('东城区政府')).toMatchObject({ light: 'green', value: null, message: '监测数据不足' });
    expect(by('大兴区政府')?.value).toBeCloseTo((4.8 + 5 + 5.2 + 6.5 + 6.8 + 7) / 6, 6);
  });

  it("puts the measured light and reason on each district's assignment status", async () => {
    const of = async (unit: string) => {
      const id = await unitId(w.ctx, unit);
      const r = await w.api.get(`/api/v1/plans/${planId}/status/assignments?unitId=${id}`, cookie);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.assignments[0] as { light: string; reasons: { code: string }[] };
    };
    const daxing = await of('大兴区政府');
    expect(daxing.light).toBe('red');
    expect(daxing.reasons.map((r) => r.code)).toContain('MEASURED_TARGET_MISSED');
    expect((await of('延庆区政府')).reasons.map((r) => r.code)).not.toContain('MEASURED_TARGET_MISSED');
  });

  it('a corrected value changes the light at once', async () => {
    const fix = '区,期间,数值\n朝阳,2022-06,5.3\n';
    const imp = await w.api.request({
      method: 'POST',
      url: '/api/v1/indicators/dustfall/values/import',
      cookie,
      ...multipart('fix.csv', Buffer.from(fix)),
    });
    expect(imp.body).toEqual({ imported: 0, updated: 1, rejected: [] });
    expect((await rowsOf()).find((r) => r.unit === '朝阳区政府')?.light).toBe('green');
  });
});
