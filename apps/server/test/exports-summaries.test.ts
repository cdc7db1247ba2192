/**
 * The summary pages' exports, written on the server like the lists' (issue 11, "Exports done right"):
 * 单位进展 holds every unit the caller may see, through the page's filters and in its order, with typed
 * cells and the filter in words; 监测排名 holds the ranking as the page asks for it, the areas without data
 * after the ranked ones. Each export is audited with its filter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { cliIo } from './helpers/cli.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';
import { openExport } from './helpers/xlsx.ts';

let f: SupervisionFixture;
let supervisor: string;
let staffA: string;

async function cli(...argv: string[]) {
  const io = cliIo(f.w.testDb.env);
  const code = await main(argv, io);
  return { code, err: io.err() };
}

beforeAll(async () => {
  // After the plan's 6月底前 milestone: the units' lights differ by what they reported.
  f = await supervisionFixture({ start: '2022-07-05T02:00:00.000Z' });
  supervisor = await f.login(f.supervisor);
  staffA = await f.login(f.A.staff);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-export-rank-'));
  const file = path.join(dir, 'pm25.csv');
  // Four districts in June 2022, three of them also in June 2021 (the change); 大兴 without data.
  fs.writeFileSync(
    file,
    [
      '区,期间,数值',
      '延庆,2022-06,20',
      '海淀,2022-06,30',
      '朝阳,2022-06,30',
      '大兴,2022-06,数据不足',
      '通州,2022-06,40',
      '延庆,2021-06,25',
      '海淀,2021-06,30',
      '通州,2021-06,32',
    ].join('\n'),
  );
  const add = await cli(
    ...['indicator', 'add', '--code', 'pm25', '--name', 'PM2.5', '--unit', 'µg/m³'],
    ...['--better', 'lower', '--resolution', 'month', '--decimals', '0'],
  );
  expect(add.code, add.err).toBe(0);
  const imported = await cli('data', 'import', file, '--indicator', 'pm25');
  expect(imported.code, imported.err).toBe(0);
}, 60_000);
afterAll(() => f.w.close());

const open = (url: string, cookie: string) => openExport(f.w, url, cookie);

const RANK = { red: 3, yellow: 2, green: 1, done: 0 } as const;
type UnitRow = {
  unitName: string;
  light: keyof typeof RANK;
  progress: number;
  assignments: number;
  counts: Record<string, number>;
};

describe('单位进展 exported by the server', () => {
  it('holds every unit the office sees, in the page order, with typed cells and the filter', async () => {
    const page = await f.w.api.get(`/api/v1/plans/${f.planId}/status/units`, supervisor);
    expect(page.status).toBe(200);
    const units = page.body.units as UnitRow[];
    expect(units.length).toBe(3);
    const x = await open(`/api/v1/exports/unit-status.xlsx?planId=${f.planId}`, supervisor);
    expect(x.line(1)).toBe('单位进展');
    expect(x.line(2)).toBe(`筛选条件：计划=测试行动计划（2022）；截至=${page.body.asOf}`);
    expect(x.columns).toEqual(['单位', '预警', '红', '黄', '绿', '已销号', '分工数', '逾期案件', '进度']);
    const expected = [...units].sort(
      (a, b) =>
        RANK[b.light] - RANK[a.light] ||
        b.progress - a.progress ||
        a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'),
    );
    expect(x.rows.map((r) => r.getCell(1).value)).toEqual(expected.map((u) => u.unitName));
    const light = { green: '绿', yellow: '黄', red: '红', done: '已销号' };
    x.rows.forEach((r, i) => {
      const u = expected[i] as UnitRow;
      expect(r.getCell(x.col('预警')).value).toBe(light[u.light]);
      expect(r.getCell(x.col('分工数')).value).toBe(u.assignments);
      expect(r.getCell(x.col('红')).value).toBe(u.counts.red);
      const progress = r.getCell(x.col('进度'));
      expect(progress.value).toBe(u.progress);
      expect(progress.numFmt).toBe('0%');
    });
  });

  it('applies the light and the words; a unit exports its own row only', async () => {
    const page = await f.w.api.get(`/api/v1/plans/${f.planId}/status/units`, supervisor);
    const units = page.body.units as UnitRow[];
    const light = (units[0] as UnitRow).light;
    const x = await open(`/api/v1/exports/unit-status.xlsx?planId=${f.planId}&light=${light}`, supervisor);
    expect(x.line(2)).toContain(`预警=${{ green: '绿', yellow: '黄', red: '红', done: '已销号' }[light]}`);
    expect(x.rows.map((r) => r.getCell(1).value).sort()).toEqual(
      units
        .filter((u) => u.light === light)
        .map((u) => u.unitName)
        .sort(),
    );
    const words = await open(
      `/api/v1/exports/unit-status.xlsx?planId=${f.planId}&q=${encodeURIComponent(f.B.name)}`,
      supervisor,
    );
    expect(words.rows.map((r) => r.getCell(1).value)).toEqual([f.B.name]);
    expect(words.line(2)).toContain(`搜索=${f.B.name}`);
    const own = await open(`/api/v1/exports/unit-status.xlsx?planId=${f.planId}`, staffA);
    expect(own.rows.map((r) => r.getCell(1).value)).toEqual([f.A.name]);
  });

  it('refuses a bad light naming the field, and audits the export with its filter', async () => {
    const bad = await f.w.api.get(
      `/api/v1/exports/unit-status.xlsx?planId=${f.planId}&light=blue`,
      supervisor,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('light');
    const rows = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'list.export')
      .where('object_id', '=', 'unit-status')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.some((r) => String(r.detail).includes('搜索='))).toBe(true);
  });
});

describe('监测排名 exported by the server', () => {
  it('holds the ranked districts, the year-on-year change as a number, and the areas without data', async () => {
    const q = 'indicator=pm25&period=2022-06&level=district';
    const page = await f.w.api.get(`/api/v1/rankings?${q}`, supervisor);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const x = await open(`/api/v1/exports/rankings.xlsx?${q}`, supervisor);
    expect(x.line(1)).toBe('监测排名');
    expect(x.line(2)).toBe('筛选条件：指标=PM2.5（µg/m³）；期间=2022-06；层级=区；排名方式=按数值');
    expect(x.columns).toEqual(['排名', '所属区', '区域', '责任单位', '数值', '上年同期', '同比（%）']);
    const ranked = x.rows
      .slice(0, 4)
      .map((r) => [
        r.getCell(x.col('排名')).value,
        r.getCell(x.col('区域')).value,
        r.getCell(x.col('数值')).value,
        r.getCell(x.col('上年同期')).value ?? null,
        r.getCell(x.col('同比（%）')).value ?? null,
      ]);
    expect(ranked).toEqual([
      [1, '延庆区', 20, 25, -20],
      [2, '朝阳区', 30, null, null],
      [2, '海淀区', 30, 30, 0],
      [4, '通州区', 40, 32, 25],
    ]);
    expect(ranked).toEqual(
      page.body.rows.map(
        (r: {
          rank: number;
          area: string;
          value: number;
          previous: number | null;
          yoyPercent: number | null;
        }) => [r.rank, r.area, r.value, r.previous, r.yoyPercent],
      ),
    );
    expect(x.rows[0]?.getCell(x.col('数值')).numFmt).toBe('#,##0.00');
    // Every other district follows, 数据不足, unranked (never a zero).
    const rest = x.rows.slice(4);
    expect(rest).toHaveLength(page.body.noData.length);
    expect(rest.map((r) => r.getCell(x.col('区域')).value)).toContain('大兴区');
    for (const r of rest) {
      expect(r.getCell(x.col('排名')).value ?? null).toBeNull();
      expect(r.getCell(x.col('数值')).value).toBe('数据不足');
    }
    expect(rest.find((r) => r.getCell(x.col('区域')).value === '延庆区')).toBeUndefined();
  });

  it('writes the way of ranking and refuses an unknown indicator before any byte', async () => {
    const x = await open(
      '/api/v1/exports/rankings.xlsx?indicator=pm25&period=2022-06&level=district&by=yoy',
      staffA,
    );
    expect(x.line(2)).toContain('排名方式=按同比');
    const unknown = await f.w.api.get(
      '/api/v1/exports/rankings.xlsx?indicator=nope&period=2022-06&level=district',
      supervisor,
    );
    expect(unknown.status).toBe(404);
    const badPeriod = await f.w.api.get(
      '/api/v1/exports/rankings.xlsx?indicator=pm25&period=June&level=district',
      supervisor,
    );
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(badPeriod.body)).toContain('period');
  });
});
