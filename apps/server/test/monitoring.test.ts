/**
 * Measured data end to end: a Beijing-shaped year imported through the CLI (districts monthly in the
 * wide layout, streets half-monthly in the long layout), rankings in the bulletins' table forms with
 * ties, publishing and corrections, the push API with API keys.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beijingAreas } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUnit, makeUser, unitId, type World } from './helpers/context.ts';
import { multipart } from './helpers/files.ts';

let w: World;
let dir: string;
let supervisor: string;
let secadmin: string;
let yanqingUnit: string;

async function cli(...argv: string[]) {
  const io = cliIo(w.testDb.env);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const DISTRICTS = beijingAreas.areas.filter((a) => a.level === 'district');
const STREETS = beijingAreas.areas.filter((a) => a.level === 'street');
const districtName = (code: string) => {
  const d = DISTRICTS.find((x) => x.code === code);
  return d?.short ?? d?.name ?? '';
};
/** October PM2.5 by district, as the bulletin writes the names (without 区); 2021 for the change. */
const OCT: Record<string, [number, number | null]> = {
  延庆: [17.6, 21],
  怀柔: [18.4, 20],
  密云: [19, 24],
  门头沟: [21.2, 22],
  平谷: [22, 22],
  昌平: [23, 25],
  顺义: [24, 30],
  海淀: [24.4, 26],
  石景山: [25, 25],
  西城: [26, 27],
  东城: [26, 28],
  朝阳: [27, 28],
  丰台: [28, 27],
  房山: [29, 31],
  通州: [30, 33],
  大兴: [31, null],
  经开区: [31, 32],
};

function districtWideCsv(): string {
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
  const lines = ['2022年各区PM2.5月均浓度（微克/立方米）', ['区', ...months].join(',')];
  for (const [name, [oct]] of Object.entries(OCT)) {
    const cells = months.map((_, i) => (i === 9 ? String(oct) : i === 10 ? '' : String(30 + i)));
    // 大兴 has no valid March value: 数据不足, never zero.
    if (name === '大兴') cells[2] = '数据不足';
    lines.push([name, ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function districtLastYearCsv(): string {
  const lines = ['区,期间,数值'];
  for (const [name, [, prev]] of Object.entries(OCT))
    if (prev !== null) lines.push(`${name},2021-10,${prev}`);
  return `${lines.join('\n')}\n`;
}

/** The six worst streets in 2022-10-H1, with a tie at the edge of the bottom five. */
const WORST = [
  ['大兴区', '黄村地区', 190],
  ['朝阳区', '八里庄街道', 180],
  ['房山区', '长阳镇', 175],
  ['通州区', '永顺镇', 170],
  ['顺义区', '仁和地区', 170],
  ['昌平区', '回龙观街道', 168],
] as const;

function streetLongCsv(): string {
  const lines = ['所属区,街道,期间,数值'];
  STREETS.forEach((s, i) => {
    const d = districtName(s.parent ?? '');
    for (const [label, key] of [
      ['10月1日-15日', '2022-10-H1'],
      ['10月16日-31日', '2022-10-H2'],
    ]) {
      const worst = WORST.find((x) => x[0] === d && x[1] === s.name);
      const value = key === '2022-10-H1' && worst ? worst[2] : 60 + ((i * 37) % 90);
      lines.push(`${d},${s.name},2022年${label},${value}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  w = await createWorld({ start: '2022-11-05T02:00:00.000Z' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-mon-'));
  const office = await makeUnit(w.ctx);
  const sup = await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] });
  const sec = await makeUser(w.ctx, { unitId: office.id, roles: ['secadmin'] });
  supervisor = await w.api.login(sup.username, sup.password);
  secadmin = await w.api.login(sec.username, sec.password);
  yanqingUnit = await unitId(w.ctx, '延庆区政府');
  fs.writeFileSync(path.join(dir, 'pm25-2022.csv'), districtWideCsv());
  fs.writeFileSync(path.join(dir, 'pm25-2021.csv'), districtLastYearCsv());
  fs.writeFileSync(path.join(dir, 'tsp.csv'), streetLongCsv());
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('areas', () => {
  it('bundles the 17 ranked districts and 343 streets with their answering units', async () => {
    const { body } = await w.api.get('/api/v1/areas', supervisor);
    expect(body.areas.filter((a: { level: string }) => a.level === 'district')).toHaveLength(17);
    expect(body.areas.filter((a: { level: string }) => a.level === 'street')).toHaveLength(343);
    const yanqing = body.areas.find((a: { name: string }) => a.name === '延庆区');
    expect(yanqing.unitName).toBe('延庆区政府');
    const bx = body.areas.find((a: { name: string }) => a.name === '博兴街道');
    expect([bx.parentName, bx.unitName]).toEqual(['经开区', '北京经济技术开发区管委会']);
  });
});

describe('indicators and imports', () => {
  it('adds indicators through the CLI', async () => {
    const pm = await cli(
      'indicator',
      'add',
      '--code',
      'pm25',
      '--name',
      'PM2.5',
      '--unit',
      'µg/m³',
      '--better',
      'lower',
      '--resolution',
      'month',
      '--decimals',
      '0',
    );
    expect(pm.code, pm.err).toBe(0);
    const tsp = await cli(
      'indicator',
      'add',
      '--code',
      'tsp',
      '--name',
      '粗颗粒物',
      '--unit',
      'µg/m³',
      '--better',
      'lower',
      '--resolution',
      'half_month',
      '--levels',
      'street',
    );
    expect(tsp.code, tsp.err).toBe(0);
    const dup = await cli(
      'indicator',
      'add',
      '--code',
      'pm25',
      '--name',
      'x',
      '--unit',
      'x',
      '--better',
      'lower',
      '--resolution',
      'month',
    );
    expect(dup.code).toBe(1);
  });

  it('imports the wide and long layouts and prints the stable JSON', async () => {
    const wide = await cli('data', 'import', path.join(dir, 'pm25-2022.csv'), '--indicator', 'pm25');
    expect(wide.code, wide.err).toBe(0);
    // 17 districts × 11 months (November left empty).
    expect(JSON.parse(wide.out)).toEqual({ imported: 187, updated: 0, rejected: [] });
    const last = await cli('data', 'import', path.join(dir, 'pm25-2021.csv'), '--indicator', 'pm25');
    expect(JSON.parse(last.out)).toEqual({ imported: 16, updated: 0, rejected: [] });
    const streets = await cli('data', 'import', path.join(dir, 'tsp.csv'), '--indicator', 'tsp');
    expect(JSON.parse(streets.out)).toEqual({ imported: 343 * 2, updated: 0, rejected: [] });
  });

  it('rejects a file with bad rows with line and cell, writing nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      '区,期间,数值\n延庆,2022-12,20\n不存在区,2022-12,20\n怀柔,2022-12,abc\n八里庄街道,2022-12,3\n',
    );
    const r = await cli('data', 'import', file, '--indicator', 'pm25');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      imported: 0,
      updated: 0,
      rejected: [
        { line: 3, message: 'A3：区域“不存在区”不存在' },
        { line: 4, message: 'C4：“abc”不是数值（缺测请写“数据不足”或“—”）' },
        { line: 5, message: 'A5：区域“八里庄街道”有 2 处同名，请写明所属区' },
      ],
    });
    const dec = await w.api.get('/api/v1/rankings?indicator=pm25&period=2022-12&level=district', supervisor);
    // 延庆's December value is still the one first imported (41), not the rejected file's 20.
    expect(dec.body.rows.find((x: { area: string }) => x.area === '延庆区').value).toBe(41);
  });
});

describe('rankings as the bulletins print them', () => {
  it('districts by value: ties share a rank (1, 1, 3 …), no data apart', async () => {
    const r = await cli(
      'ranking',
      '--indicator',
      'pm25',
      '--period',
      '2022-10',
      '--level',
      'district',
      '--json',
    );
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['indicator', 'period', 'level', 'by', 'rows', 'noData']);
    // Tied areas keep the order of the area list (the official code order).
    expect(json.rows[1]).toEqual({
      rank: 1,
      area: '延庆区',
      unit: '延庆区政府',
      value: 18,
      previous: 21,
      yoyPercent: -14.3,
    });
    expect(
      json.rows.map((x: { rank: number; area: string; value: number }) => `${x.rank} ${x.area} ${x.value}`),
    ).toEqual([
      '1 怀柔区 18',
      '1 延庆区 18',
      '3 密云区 19',
      '4 门头沟区 21',
      '5 平谷区 22',
      '6 昌平区 23',
      '7 海淀区 24',
      '7 顺义区 24',
      '9 石景山区 25',
      '10 东城区 26',
      '10 西城区 26',
      '12 朝阳区 27',
      '13 丰台区 28',
      '14 房山区 29',
      '15 通州区 30',
      '16 大兴区 31',
      '16 北京经济技术开发区 31',
    ]);
    expect(json.noData).toEqual([]);
  });

  it('districts by change: the largest fall first; 大兴 without last year apart', async () => {
    const r = await cli(
      'ranking',
      '--indicator',
      'pm25',
      '--period',
      '2022-10',
      '--level',
      'district',
      '--by',
      'yoy',
      '--json',
    );
    const json = JSON.parse(r.out);
    expect(
      json.rows
        .slice(0, 4)
        .map((x: { rank: number; area: string; yoyPercent: number }) => [x.rank, x.area, x.yoyPercent]),
    ).toEqual([
      [1, '密云区', -20.8],
      [2, '顺义区', -20],
      [3, '延庆区', -14.3],
      [4, '怀柔区', -10],
    ]);
    expect(json.rows.at(-1)).toMatchObject({ area: '丰台区', yoyPercent: 3.7 });
    expect(json.noData).toEqual(['大兴区']);
  });

  it('cumulative 1—10月 needs every month: 大兴 (March 数据不足) goes to noData', async () => {
    const r = await cli(
      'ranking',
      '--indicator',
      'pm25',
      '--period',
      '2022-10',
      '--level',
      'district',
      '--cumulative',
      '--json',
    );
    const json = JSON.parse(r.out);
    expect(json.noData).toEqual(['大兴区']);
    // Jan–Sep 30…38 (mean 34) and October's own value: the mean of 10 months, rounded.
    const yq = json.rows.find((x: { area: string }) => x.area === '延庆区');
    expect(yq.value).toBe(Math.round((9 * 34 + 17.6) / 10));
  });

  it('the bottom streets of the city, worst first, with the tie at the edge', async () => {
    const { body } = await w.api.get(
      '/api/v1/rankings?indicator=tsp&period=2022-10-H1&level=street',
      supervisor,
    );
    expect(body.rows).toHaveLength(343);
    const worst = [...body.rows].reverse().slice(0, 6);
    expect(
      worst.map((r: { rank: number; district: string; area: string }) => `${r.rank} ${r.district} ${r.area}`),
    ).toEqual([
      '343 大兴区 黄村地区',
      '342 朝阳区 八里庄街道',
      '341 房山区 长阳镇',
      '339 顺义区 仁和地区',
      '339 通州区 永顺镇',
      '338 昌平区 回龙观街道',
    ]);
  });

  it("each district's best and worst three streets; a district's own streets only with --within", async () => {
    const { body } = await w.api.get(
      '/api/v1/rankings/district-extremes?indicator=tsp&period=2022-10-H1',
      supervisor,
    );
    expect(body.districts).toHaveLength(17);
    const jk = body.districts.find((d: { district: string }) => d.district === '经开区');
    expect(jk.best.map((r: { area: string }) => r.area).sort()).toEqual(['博兴街道', '荣华街道']);
    const dx = body.districts.find((d: { district: string }) => d.district === '大兴区');
    expect(dx.worst[0].area).toBe('黄村地区');
    const within = await cli(
      'ranking',
      '--indicator',
      'tsp',
      '--period',
      '2022-10-H1',
      '--level',
      'street',
      '--within',
      '经开区',
      '--json',
    );
    expect(
      JSON.parse(within.out)
        .rows.map((r: { area: string }) => r.area)
        .sort(),
    ).toEqual(['博兴街道', '荣华街道']);
  });

  it('refuses a period that does not fit the indicator, naming the field', async () => {
    const r = await w.api.get('/api/v1/rankings?indicator=pm25&period=2022-10-H1&level=district', supervisor);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^period/);
  });
});

describe('publishing and corrections', () => {
  it('a correction never changes a published ranking; it shows as a difference; a corrected edition is kept too', async () => {
    const spec = { indicator: 'pm25', period: '2022-10', level: 'district' };
    const first = await w.api.post('/api/v1/rankings/publish', spec, supervisor);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.edition).toBe(1);
    // The monitoring centre corrects 怀柔's October value.
    fs.writeFileSync(path.join(dir, 'fix.csv'), '区,期间,数值\n怀柔区,2022-10,25.2\n');
    const fix = await cli('data', 'import', path.join(dir, 'fix.csv'), '--indicator', 'pm25');
    expect(JSON.parse(fix.out)).toEqual({ imported: 0, updated: 1, rejected: [] });
    const frozen = await w.api.get(`/api/v1/rankings/published/${first.body.id}`, supervisor);
    expect(frozen.body.ranking.rows[0]).toMatchObject({ rank: 1, area: '怀柔区', value: 18 });
    const live = await w.api.get('/api/v1/rankings?indicator=pm25&period=2022-10&level=district', supervisor);
    expect(live.body.differences).toContainEqual({
      area: '怀柔区',
      publishedRank: 1,
      rank: 8,
      publishedValue: 18,
      value: 25,
    });
    const second = await w.api.post(
      '/api/v1/rankings/publish',
      { ...spec, note: '更正怀柔区数据' },
      supervisor,
    );
    expect(second.body.edition).toBe(2);
    const after = await w.api.get(
      '/api/v1/rankings?indicator=pm25&period=2022-10&level=district',
      supervisor,
    );
    expect(after.body.published.map((p: { edition: number }) => p.edition)).toEqual([1, 2]);
    expect(after.body.differences).toEqual([]);
    // The chart keeps the old value in the history.
    const hr = (await w.api.get('/api/v1/areas', supervisor)).body.areas.find(
      (a: { name: string }) => a.name === '怀柔区',
    );
    const series = await w.api.get(
      `/api/v1/rankings/series?indicator=pm25&area=${hr.id}&year=2022`,
      supervisor,
    );
    const oct = series.body.points.find((p: { period: string }) => p.period === '2022-10');
    expect(oct.history.map((h: { value: number }) => h.value)).toEqual([18.4, 25.2]);
    expect(oct.rank).toBe(8);
  });

  it('a district unit sees its own rows marked', async () => {
    const leader = await makeUser(w.ctx, { unitId: yanqingUnit, roles: ['unit_leader'] });
    const cookie = await w.api.login(leader.username, leader.password);
    const r = await w.api.get('/api/v1/rankings?indicator=tsp&period=2022-10-H1&level=street', cookie);
    const yanqingDistrictStreets = STREETS.filter((s) => s.parent === '110119').length;
    expect(r.body.ownAreaIds).toHaveLength(yanqingDistrictStreets);
  });
});

describe('the push API and its keys', () => {
  it('pushes with a key of scope values:write; a revoked or wrong-scope key is refused', async () => {
    const add = await cli('apikey', 'add', '--name', 'station-net', '--scopes', 'values:write');
    expect(add.code, add.err).toBe(0);
    const key = add.out.trim();
    expect(key).toMatch(/^lt_/);
    const body = {
      indicator: 'pm25',
      values: [
        { area: '延庆', period: '2022-11', value: 20 },
        { area: '东城区', period: '2022-11', value: null },
      ],
    };
    const push = (k: string, payload: unknown = body) =>
      w.api.request({
        method: 'POST',
        url: '/api/v1/monitoring/values',
        payload: payload as object,
        headers: { authorization: `Bearer ${k}` },
        noOrigin: true,
      });
    const ok = await push(key);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ imported: 2, updated: 0, rejected: [] });
    const nov = await w.api.get('/api/v1/rankings?indicator=pm25&period=2022-11&level=district', supervisor);
    expect(nov.body.rows.map((r: { area: string }) => r.area)).toEqual(['延庆区']);
    expect(nov.body.noData).toContain('东城区');
    const bad = await push(key, {
      indicator: 'pm25',
      values: [{ area: '延庆', period: '2022-11-H1', value: 1 }],
    });
    expect(bad.status).toBe(400);
    const alarms = await w.api.post(
      '/api/v1/api-keys',
      { name: 'alarm-only', scopes: ['alarms:write'] },
      secadmin,
    );
    expect((await push(alarms.body.key)).status).toBe(403);
    expect((await push('lt_not-a-key')).status).toBe(401);
    const list = await w.api.get('/api/v1/api-keys', secadmin);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect((await cli('apikey', 'revoke', '--name', 'station-net')).code).toBe(0);
    expect((await push(key)).status).toBe(401);
  });

  it('imports areas of another city from a table over HTTP, all or nothing', async () => {
    const csv =
      '代码,名称,级别,所属区,责任单位\n990101,测试一区,区,,延庆区政府\n990101001,测试街道,街道,990101,\n';
    const r = await w.api.request({
      method: 'POST',
      url: '/api/v1/areas/import',
      cookie: supervisor,
      ...multipart('areas.csv', Buffer.from(csv)),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ created: 2, updated: 0 });
    const bad = '代码,名称,级别,所属区,责任单位\n990201,测试二区,区,,没有这个单位\n';
    const b = await w.api.request({
      method: 'POST',
      url: '/api/v1/areas/import',
      cookie: supervisor,
      ...multipart('bad.csv', Buffer.from(bad)),
    });
    expect(b.status).toBe(422);
    const areas = (await w.api.get('/api/v1/areas', supervisor)).body.areas;
    expect(areas.some((a: { name: string }) => a.name === '测试二区')).toBe(false);
    expect(areas.find((a: { name: string }) => a.name === '测试街道').unitName).toBe('延庆区政府');
  });
});
