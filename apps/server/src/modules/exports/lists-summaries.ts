/**
 * Exports of the summary pages, written on the server from the pages' own queries: 单位进展 (each unit's
 * light, its assignments by light, overdue cases and progress) and 监测排名 (a ranking as the page asks for
 * it, the areas without data listed after the ranked ones).
 */
import type { Light, RankingRow, UnitStatusRow } from '@lantian/contract';
import { computeRanking } from '../rankings/rankings.query.ts';
import { unitStatuses } from '../status/unit-status.query.ts';
import { defineExport, pair } from './export-list.ts';
import { LIGHT, nameOf } from './names.ts';

type UnitRow = UnitStatusRow;
/** The page's default order: red first, then yellow, green, closed; more progress first. */
const RANK: Record<Light, number> = { red: 3, yellow: 2, green: 1, done: 0 };

export const unitStatusExport = defineExport<'unit-status', UnitRow>({
  list: 'unit-status',
  action: 'status.read',
  title: '单位进展',
  async filters(ctx, user, q) {
    const s = await unitStatuses(ctx, user, q.planId);
    const plan = await ctx.db.kysely
      .selectFrom('plans')
      .select(['title', 'year'])
      .where('id', '=', s.planId)
      .executeTakeFirstOrThrow();
    const f: [string, string][] = [
      ['计划', `${plan.title}（${plan.year}）`],
      ['截至', s.asOf],
    ];
    pair(f, '搜索', q.q);
    if (q.light) f.push(['预警', nameOf(LIGHT, q.light)]);
    return f;
  },
  columns: [
    { header: '单位', value: (u) => u.unitName, width: 24 },
    { header: '预警', value: (u) => nameOf(LIGHT, u.light), width: 8 },
    { header: '红', kind: 'integer', value: (u) => u.counts.red, width: 6 },
    { header: '黄', kind: 'integer', value: (u) => u.counts.yellow, width: 6 },
    { header: '绿', kind: 'integer', value: (u) => u.counts.green, width: 6 },
    { header: '已销号', kind: 'integer', value: (u) => u.counts.done, width: 8 },
    { header: '分工数', kind: 'integer', value: (u) => u.assignments, width: 8 },
    { header: '逾期案件', kind: 'integer', value: (u) => u.overdueCases, width: 10 },
    { header: '进度', kind: 'percent', value: (u) => u.progress, width: 8 },
  ],
  /** The units the caller may see (the office all, a unit its own), through the page's filters and order. */
  async *rows(ctx, user, q) {
    const s = await unitStatuses(ctx, user, q.planId, q.q);
    yield s.units
      .filter((u) => !q.light || u.light === q.light)
      .sort(
        (a, b) =>
          RANK[b.light] - RANK[a.light] ||
          b.progress - a.progress ||
          a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'),
      );
  },
});

const LEVEL = { district: '区', street: '街道乡镇' } as const;
const BY = { value: '按数值', yoy: '按同比' } as const;

/** A ranked area, or an area without data (数据不足) after them. */
type RankLine = Pick<RankingRow, 'area' | 'district' | 'unit'> & {
  rank: number | null;
  value: number | string;
  previous: number | null;
  yoy: number | null;
};

export const rankingsExport = defineExport<'rankings', RankLine>({
  list: 'rankings',
  action: 'ranking.read',
  title: '监测排名',
  async filters(ctx, _user, q) {
    const live = await computeRanking(ctx.db.kysely, q);
    const f: [string, string][] = [
      ['指标', `${live.indicator.name}（${live.indicator.unit}）`],
      ['期间', live.ranking.period],
      ['层级', LEVEL[q.level]],
    ];
    pair(f, '范围', live.ranking.within);
    f.push(['排名方式', BY[q.by]]);
    if (q.cumulative) f.push(['累计', '年初至今']);
    return f;
  },
  columns: [
    { header: '排名', kind: 'integer', value: (r) => r.rank, width: 6 },
    { header: '所属区', value: (r) => r.district, width: 12 },
    { header: '区域', value: (r) => r.area, width: 20 },
    { header: '责任单位', value: (r) => r.unit, width: 20 },
    { header: '数值', kind: 'number', value: (r) => r.value, width: 12 },
    { header: '上年同期', kind: 'number', value: (r) => r.previous, width: 12 },
    // The published precision is one decimal of a percent: written as that number, not a rounded 0% cell.
    { header: '同比（%）', kind: 'number', value: (r) => r.yoy, width: 10 },
  ],
  async *rows(ctx, _user, q) {
    const live = await computeRanking(ctx.db.kysely, q);
    const ranked: RankLine[] = live.ranking.rows.map((r) => ({
      rank: r.rank,
      district: r.district,
      area: r.area,
      unit: r.unit,
      value: r.value,
      previous: r.previous,
      yoy: r.yoyPercent,
    }));
    const byName = new Map(live.areas.filter((a) => a.level === q.level).map((a) => [a.name, a]));
    const missing: RankLine[] = live.ranking.noData.map((name) => ({
      rank: null,
      district: q.level === 'street' ? (byName.get(name)?.parentName ?? null) : null,
      area: name,
      unit: byName.get(name)?.unitName ?? null,
      value: '数据不足',
      previous: null,
      yoy: null,
    }));
    yield [...ranked, ...missing];
  },
});
