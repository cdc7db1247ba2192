/**
 * Rankings (排名) as the bulletins print them: values rounded to the published precision, ties on the
 * rounded value share a rank (competition ranking: 1, 1, 3), areas without data listed apart.
 */

export type Better = 'lower' | 'higher';
export type RankBy = 'value' | 'yoy';
export type Aggregate = 'mean' | 'sum';

/** Round half away from zero at `decimals` (17.25 → 17.3, -14.25 → -14.3), free of binary noise. */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(Math.abs(x) * f + 1e-9) / f;
  const out = Math.sign(x) * r;
  return Object.is(out, -0) ? 0 : out;
}

export interface RankInput {
  areaId: string;
  area: string;
  unit: string | null;
  /** The measured value (not rounded); null or missing: 数据不足. */
  value: number | null;
  /** The same period a year earlier. */
  previous: number | null;
}

export interface RankedRow {
  rank: number;
  areaId: string;
  area: string;
  unit: string | null;
  value: number;
  previous: number | null;
  yoyPercent: number | null;
}

export interface RankResult {
  rows: RankedRow[];
  /** Names of the areas without data (or, by yoy, without a previous value). */
  noData: string[];
  noDataIds: string[];
}

/** (value − previous) / previous × 100 on the published values, one decimal; null without a base. */
export function yoyPercent(value: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return roundTo(((value - previous) / previous) * 100, 1);
}

/** Order the areas, best first, and give competition ranks. */
export function rankAreas(
  inputs: readonly RankInput[],
  opts: { better: Better; decimals: number; by: RankBy },
): RankResult {
  const rows: RankedRow[] = [];
  const noData: RankInput[] = [];
  for (const i of inputs) {
    if (i.value === null || !Number.isFinite(i.value)) {
      noData.push(i);
      continue;
    }
    const value = roundTo(i.value, opts.decimals);
    const previous = i.previous === null ? null : roundTo(i.previous, opts.decimals);
    const yoy = yoyPercent(value, previous);
    if (opts.by === 'yoy' && yoy === null) {
      noData.push(i);
      continue;
    }
    rows.push({ rank: 0, areaId: i.areaId, area: i.area, unit: i.unit, value, previous, yoyPercent: yoy });
  }
  const key = (r: RankedRow) => (opts.by === 'yoy' ? (r.yoyPercent as number) : r.value);
  // For change, lower is better when the indicator is better low (a fall in PM2.5 is progress).
  const sign = opts.better === 'lower' ? 1 : -1;
  rows.sort((a, b) => sign * (key(a) - key(b)));
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && key(prev) === key(r) ? prev.rank : i + 1;
  });
  return { rows, noData: noData.map((i) => i.area), noDataIds: noData.map((i) => i.areaId) };
}

/** The best N, with every area tied with the N-th (rank ≤ N). */
export function topN<T extends { rank: number }>(rows: readonly T[], n: number): T[] {
  return rows.filter((r) => r.rank <= n);
}

/**
 * The worst N, worst first (the bulletins' 排序(倒序)), with every area tied with the N-th: a row is in
 * when fewer than N rows are strictly worse than it.
 */
export function bottomN<T extends { rank: number }>(rows: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i] as T;
    const worse = rows.length - rows.findLastIndex((x) => x.rank === r.rank) - 1;
    if (worse >= n) break;
    out.push(r);
  }
  return out;
}

/** The aggregate of a span of periods; null unless every period has a value (数据不足, never a partial sum). */
export function aggregateValues(
  values: readonly (number | null | undefined)[],
  how: Aggregate,
): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    sum += v;
  }
  return how === 'sum' ? sum : sum / values.length;
}

export interface DistrictExtremes<T> {
  districtId: string;
  best: T[];
  worst: T[];
}

/**
 * Each district's best three and worst three streets: the streets are ranked within their district
 * (ties share a rank), then the top and bottom `n` of that ranking.
 */
export function districtExtremes(
  inputs: readonly (RankInput & { districtId: string })[],
  opts: { better: Better; decimals: number; n?: number },
): DistrictExtremes<RankedRow>[] {
  const n = opts.n ?? 3;
  const byDistrict = new Map<string, RankInput[]>();
  for (const i of inputs) {
    const list = byDistrict.get(i.districtId) ?? [];
    list.push(i);
    byDistrict.set(i.districtId, list);
  }
  return [...byDistrict].map(([districtId, list]) => {
    const { rows } = rankAreas(list, { ...opts, by: 'value' });
    return { districtId, best: topN(rows, n), worst: bottomN(rows, n) };
  });
}
