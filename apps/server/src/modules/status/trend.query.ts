/**
 * The dashboard's trend: each month's light counts as they stood at its end (today for the month
 * under way), recomputed from the facts recorded by then — the report history and decision times —
 * so a month already past shows what the office saw then, not what is known now.
 */
import type { LightTrendResponse } from '@lantian/contract';
import type { IsoDate } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';
import { assignmentsQuery } from '../plans/plans.repository.ts';
import { endOfDayIso, todayOf } from '../supervision/day.ts';
import { countLights, resolvePlan } from './status.query.ts';
import { computePlanLightsAt } from './summary.ts';

/** At most this many months from the plan's start: its year and the year after (work carried over). */
export const TREND_MONTHS = 24;

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The months from January of the plan's year through the current month, at most two years of them
 * (an old plan shows its own year, not the months since; none before the plan starts).
 */
export function trendMonths(planYear: number, today: IsoDate): string[] {
  const last = today.slice(0, 7);
  const out: string[] = [];
  for (let m = `${planYear}-01`; m <= last && out.length < TREND_MONTHS; m = nextMonth(m)) out.push(m);
  return out;
}

export async function lightTrend(
  ctx: AppContext,
  user: Principal,
  planId: string,
): Promise<LightTrendResponse> {
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, planId);
  const today = todayOf(ctx.clock);
  // A unit sees its own assignments and every assignment of the measures it leads (as on the status
  // pages): only those are computed.
  const visible = user.roles.includes('supervisor')
    ? undefined
    : (await assignmentsQuery(db, plan.id, { visibleToUnit: user.unitId }).select('a.id').execute()).map(
        (r) => r.id,
      );
  const points = trendMonths(plan.year, today).map((month) => {
    const end = monthEnd(month);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as text; Math.min would give NaN
    const asOf = end < today ? end : today;
    return { month, asOf, recordedBefore: endOfDayIso(asOf) };
  });
  // The facts are read once and cut at each month end.
  const perMonth = await computePlanLightsAt(
    ctx,
    db,
    plan.id,
    points,
    visible ? { assignmentIds: visible } : {},
  );
  const months = points.map(({ month, asOf }, i) => ({
    month,
    asOf,
    counts: countLights((perMonth[i] ?? []).map((s) => s.light)),
  }));
  return { planId: plan.id, asOf: today, months };
}
