/**
 * Computing a ranking from the stored values: one period or the year to date (cumulative), districts,
 * streets of the city, or the streets of one district; by value or by year-on-year change.
 */
import type { AreaLevel, Ranking, RankingRow } from '@lantian/contract';
import {
  aggregateValues,
  type Period,
  parsePeriod,
  periodsToDate,
  type RankBy,
  type RankInput,
  rankAreas,
  samePeriodLastYear,
} from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type AreaView, areaViews } from '../areas/areas.repository.ts';
import { type IndicatorRow, valuePoints } from '../indicators/indicators.repository.ts';
import { levelsOf, requireIndicator } from '../indicators/indicators.service.ts';

export interface RankingSpec {
  indicator: string;
  period: string;
  level: AreaLevel;
  within?: string | undefined;
  by: RankBy;
  cumulative: boolean;
}

export interface ComputedRanking {
  ranking: Ranking;
  indicator: IndicatorRow;
  withinId: string | null;
  /** The values it used: `area|period` → value (null: 数据不足). */
  inputs: Record<string, number | null>;
  areas: AreaView[];
}

/** Resolve and check what is asked for; 400 naming the field when it does not fit the indicator. */
export async function resolveSpec(db: Executor, spec: RankingSpec) {
  const indicator = await requireIndicator(db, spec.indicator);
  const p = parsePeriod(spec.period);
  if (!p) throw new AppError('VALIDATION_FAILED', `period：${spec.period} 不是有效期间`);
  if (p.resolution !== indicator.resolution)
    throw new AppError(
      'VALIDATION_FAILED',
      `period：指标 ${indicator.code} 的时间粒度是 ${indicator.resolution}，${spec.period} 不符`,
    );
  if (!levelsOf(indicator).includes(spec.level))
    throw new AppError('VALIDATION_FAILED', `level：指标 ${indicator.code} 没有 ${spec.level} 层级的数据`);
  const views = await areaViews(db);
  let within: AreaView | null = null;
  if (spec.within) {
    if (spec.level !== 'street') throw new AppError('VALIDATION_FAILED', 'within：只有街道排名可限定所属区');
    const found = views.byId.get(spec.within) ?? null;
    const byName = found ? null : views.index.find(spec.within, { level: 'district' });
    within = found ?? (byName?.ok ? (views.byId.get(byName.area.id) ?? null) : null);
    if (within?.level !== 'district')
      throw new AppError('VALIDATION_FAILED', `within：区“${spec.within}”不存在`);
  }
  const areas = views.list.filter((a) => a.level === spec.level && (!within || a.parentId === within.id));
  return { indicator, period: p, within, areas, views };
}

/**
 * Each area's aggregate over a span of periods, summed in SQL (a cumulative street ranking reads 343
 * rows instead of 16,000); null unless every period has a value.
 */
async function spanAggregates(
  db: Executor,
  indicator: IndicatorRow,
  periods: readonly Period[],
): Promise<Map<string, number | null>> {
  const rows = await db
    .selectFrom('indicator_values')
    .select((eb) => [
      'area_id',
      eb.cast<number>(eb.fn.count('value'), 'integer').as('n'),
      eb.fn.sum<number>('value').as('total'),
    ])
    .where('indicator_id', '=', indicator.id)
    .where(
      'period',
      'in',
      periods.map((p) => p.key),
    )
    .groupBy('area_id')
    .execute();
  const out = new Map<string, number | null>();
  for (const r of rows) {
    const n = Number(r.n);
    const total = r.total === null ? null : Number(r.total);
    out.set(
      r.area_id,
      n === periods.length && total !== null ? (indicator.aggregate === 'sum' ? total : total / n) : null,
    );
  }
  return out;
}

/** Each area's value over the periods (aggregated when several), and the same a year earlier. */
export async function areaInputs(
  db: Executor,
  indicator: IndicatorRow,
  areas: readonly AreaView[],
  periods: readonly Period[],
): Promise<{ inputs: RankInput[]; used: Record<string, number | null> }> {
  const previous = periods.map(samePeriodLastYear);
  if (periods.length > 1) return spanInputs(db, indicator, areas, periods, previous);
  const keys = [...periods.map((p) => p.key), ...previous.filter((p): p is Period => !!p).map((p) => p.key)];
  const stored = await valuePoints(db, indicator.id, keys);
  const wanted = new Set(areas.map((a) => a.id));
  const value = new Map<string, number | null>();
  for (const v of stored)
    if (wanted.has(v.area_id))
      value.set(`${v.area_id}|${v.period}`, v.value === null ? null : Number(v.value));
  const used: Record<string, number | null> = {};
  const inputs = areas.map((a) => {
    const get = (p: Period | null) => {
      if (!p) return null;
      const k = `${a.id}|${p.key}`;
      const v = value.get(k);
      if (v !== undefined) used[k] = v;
      return v;
    };
    return {
      areaId: a.id,
      area: a.name,
      unit: a.unitName,
      value: aggregateValues(periods.map(get), indicator.aggregate),
      previous: aggregateValues(previous.map(get), indicator.aggregate),
    };
  });
  return { inputs, used };
}

async function spanInputs(
  db: Executor,
  indicator: IndicatorRow,
  areas: readonly AreaView[],
  periods: readonly Period[],
  previous: readonly (Period | null)[],
): Promise<{ inputs: RankInput[]; used: Record<string, number | null> }> {
  const [now, before] = await Promise.all([
    spanAggregates(db, indicator, periods),
    previous.every((p) => p)
      ? spanAggregates(db, indicator, previous as Period[])
      : Promise.resolve(new Map<string, number | null>()),
  ]);
  const span = `${periods[0]?.key}..${periods[periods.length - 1]?.key}`;
  const used: Record<string, number | null> = {};
  const inputs = areas.map((a) => {
    const value = now.get(a.id) ?? null;
    const prev = before.get(a.id) ?? null;
    if (now.has(a.id)) used[`${a.id}|${span}`] = value;
    return { areaId: a.id, area: a.name, unit: a.unitName, value, previous: prev };
  });
  return { inputs, used };
}

export function toRows(
  rows: ReturnType<typeof rankAreas>['rows'],
  byId: Map<string, AreaView>,
): RankingRow[] {
  return rows.map((r) => {
    const a = byId.get(r.areaId);
    return {
      rank: r.rank,
      area: r.area,
      unit: r.unit,
      value: r.value,
      previous: r.previous,
      yoyPercent: r.yoyPercent,
      areaId: r.areaId,
      code: a?.code ?? '',
      district: a?.parentName ?? null,
    };
  });
}

export async function computeRanking(db: Executor, spec: RankingSpec): Promise<ComputedRanking> {
  const { indicator, period, within, areas, views } = await resolveSpec(db, spec);
  const periods = spec.cumulative ? periodsToDate(period) : [period];
  const { inputs, used } = await areaInputs(db, indicator, areas, periods);
  const result = rankAreas(inputs, { better: indicator.better, decimals: indicator.decimals, by: spec.by });
  return {
    ranking: {
      indicator: indicator.code,
      period: period.key,
      level: spec.level,
      by: spec.by,
      cumulative: spec.cumulative,
      within: within?.name ?? null,
      rows: toRows(result.rows, views.byId),
      noData: result.noData,
    },
    indicator,
    withinId: within?.id ?? null,
    inputs: used,
    areas,
  };
}

/** The ranking as the CLI prints it (the stable interface in issue 9). */
export function rankingJson(r: Ranking) {
  return {
    indicator: r.indicator,
    period: r.period,
    level: r.level,
    by: r.by,
    rows: r.rows.map((x) => ({
      rank: x.rank,
      area: x.area,
      unit: x.unit,
      value: x.value,
      previous: x.previous,
      yoyPercent: x.yoyPercent,
    })),
    noData: r.noData,
  };
}
