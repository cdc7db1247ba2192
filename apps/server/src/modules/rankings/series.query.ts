/** An area's values and rank over a year (the chart), with each value's corrections. */
import type { AreaSeriesResponse } from '@lantian/contract';
import { parsePeriod, periodsToDate, rankAreas } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { areaViews } from '../areas/areas.repository.ts';
import { goalsOf, valuesIn } from '../indicators/indicators.repository.ts';
import { goalFor, requireIndicator } from '../indicators/indicators.service.ts';

const lastPeriodOfYear: Record<string, (y: number) => string> = {
  day: (y) => `${y}-12-31`,
  half_month: (y) => `${y}-12-H2`,
  month: (y) => `${y}-12`,
  quarter: (y) => `${y}-Q4`,
  year: (y) => `${y}`,
};

export async function areaSeries(
  db: Executor,
  q: { indicator: string; area: string; year: number },
): Promise<AreaSeriesResponse> {
  const indicator = await requireIndicator(db, q.indicator);
  const views = await areaViews(db);
  const area = views.byId.get(q.area);
  if (!area) throw notFound('区域');
  const last = parsePeriod(lastPeriodOfYear[indicator.resolution]?.(q.year) ?? '');
  if (!last) throw notFound('期间');
  const periods = periodsToDate(last);
  const peers = views.list.filter((a) => a.level === area.level);
  const stored = await valuesIn(
    db,
    indicator.id,
    periods.map((p) => p.key),
  );
  const byPeriod = new Map<string, Map<string, number | null>>();
  for (const v of stored) {
    const m = byPeriod.get(v.period) ?? new Map();
    m.set(v.area_id, v.value === null ? null : Number(v.value));
    byPeriod.set(v.period, m);
  }
  const history = await db
    .selectFrom('indicator_value_history')
    .selectAll()
    .where('indicator_id', '=', indicator.id)
    .where('area_id', '=', area.id)
    .orderBy('replaced_at')
    .execute();
  const current = new Map(stored.filter((v) => v.area_id === area.id).map((v) => [v.period, v]));
  const goals = (await goalsOf(db, indicator.id)).map((g) => ({ ...g, value: Number(g.value) }));
  const points = periods.map((p) => {
    const m = byPeriod.get(p.key) ?? new Map<string, number | null>();
    const ranked = rankAreas(
      peers.map((a) => ({
        areaId: a.id,
        area: a.name,
        unit: null,
        value: m.get(a.id) ?? null,
        previous: null,
      })),
      { better: indicator.better, decimals: indicator.decimals, by: 'value' },
    );
    const mine = ranked.rows.find((r) => r.areaId === area.id);
    const cur = current.get(p.key);
    return {
      period: p.key,
      value: mine?.value ?? null,
      rank: mine?.rank ?? null,
      of: ranked.rows.length,
      goal: goalFor(goals, area.id, p.key),
      history: [
        ...history
          .filter((h) => h.period === p.key)
          .map((h) => ({
            value: h.value === null ? null : Number(h.value),
            source: h.source,
            recordedBy: h.recorded_by,
            recordedAt: h.recorded_at,
            replacedAt: h.replaced_at,
          })),
        ...(cur
          ? [
              {
                value: cur.value === null ? null : Number(cur.value),
                source: cur.source,
                recordedBy: cur.recorded_by,
                recordedAt: cur.recorded_at,
                replacedAt: null,
              },
            ]
          : []),
      ],
    };
  });
  return { indicator: indicator.code, area: area.name, unit: indicator.unit, points };
}
