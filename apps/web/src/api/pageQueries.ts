/**
 * The queries the route preloader starts for the page being opened (issue #12 item 3), shared with the
 * pages' hooks so that the keys and options are the same and nothing is fetched twice. The preloader is
 * part of the shell's first load, so the schemas load on demand (`schemaOf`) and zod stays out of it.
 *
 * `preload`: started alongside the session check, before it has answered; a 401 is then left to that
 * check, which reports it once (a query started after the session was confirmed reports its own).
 */
import type { BoardQuery, MeasuresQuery, PlanSummary } from '@lantian/contract';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { directoryKeys, planKeys, reportKeys, statusKeys } from './queryKeys.ts';
import { schemaOf } from './schemas.ts';

const quiet = (preload: boolean) => (preload ? { expectUnauthorized: true } : {});
type Signal = { signal: AbortSignal };

/** The largest page the server gives. */
export const MAX_PAGE = 200;

/**
 * Every page of a paged list, for pickers that offer the whole directory (a city's units and groups are a
 * few hundred at most: one or two requests of the largest page the server allows).
 */
export async function allPages<T>(
  fetchPage: (page: number) => Promise<{ total: number; items: T[] }>,
): Promise<T[]> {
  const first = await fetchPage(1);
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) {
    const next = await fetchPage(page);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return items;
}

/** The plan the overview pages open by default: the most recently published one. */
export function latestPublished(plans: readonly PlanSummary[]): PlanSummary | undefined {
  return [...plans]
    .filter((p) => p.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.year - a.year)[0];
}

/** Every plan the caller may see (for plan pickers: a plan a year, a few pages at most). */
export function plansQuery(preload = false) {
  return {
    queryKey: planKeys.list(),
    queryFn: async ({ signal }: Signal) => ({
      plans: await allPages(async (page) => {
        const r = await api.get(endpoints.plans, {
          schema: schemaOf('PlansResponse'),
          query: { page, pageSize: MAX_PAGE },
          signal,
          ...quiet(preload),
        });
        return { total: r.total, items: r.plans };
      }),
    }),
  };
}

/** A plan's detail (callers never ask for an empty id). */
export function planQuery(planId: string, preload = false) {
  return {
    queryKey: planKeys.detail(planId),
    queryFn: ({ signal }: Signal) =>
      api.get(endpoints.plan(planId), {
        schema: schemaOf('PlanDetailResponse'),
        signal,
        ...quiet(preload),
      }),
  };
}

/** One page of a plan's measures, filtered by the server (the plan view). */
export function measuresPageQuery(
  planId: string,
  q: Partial<MeasuresQuery> & { page: number; pageSize: number },
  preload = false,
) {
  return {
    queryKey: [...planKeys.measures(planId), 'page', q] as const,
    queryFn: ({ signal }: Signal) =>
      api.get(endpoints.planMeasures(planId), {
        schema: schemaOf('MeasuresResponse'),
        query: { ...q },
        signal,
        ...quiet(preload),
      }),
  };
}

/** The whole unit directory (for pickers). */
export function unitsQuery(preload = false) {
  return {
    queryKey: directoryKeys.units,
    queryFn: async ({ signal }: Signal) => ({
      units: await allPages(async (page) => {
        const r = await api.get(endpoints.units, {
          schema: schemaOf('UnitsResponse'),
          query: { page, pageSize: MAX_PAGE },
          signal,
          ...quiet(preload),
        });
        return { total: r.total, items: r.units };
      }),
    }),
    staleTime: 5 * 60_000,
  };
}

/** A published plan's lights and progress. */
export function planStatusQuery(planId: string, preload = false) {
  return {
    queryKey: statusKeys.plan(planId),
    queryFn: ({ signal }: Signal) =>
      api.get(endpoints.planStatus(planId), {
        schema: schemaOf('PlanStatusResponse'),
        signal,
        ...quiet(preload),
      }),
  };
}

/** The statuses of the measures a page shows (at most 200), in one request. */
export function measureStatusesQuery(planId: string, measureIds: readonly string[]) {
  return {
    queryKey: statusKeys.measures(planId, measureIds),
    queryFn: ({ signal }: Signal) =>
      api.get(endpoints.planMeasureStatuses(planId), {
        schema: schemaOf('PlanMeasureStatusResponse'),
        query: { measureId: [...measureIds], pageSize: Math.max(1, measureIds.length) },
        signal,
      }),
  };
}

/** One page of the board under its filters. */
export function boardQuery(q: Partial<BoardQuery>, preload = false) {
  return {
    queryKey: statusKeys.board(q),
    queryFn: ({ signal }: Signal) =>
      api.get(endpoints.board, {
        schema: schemaOf('BoardResponse'),
        query: { ...q },
        signal,
        ...quiet(preload),
      }),
  };
}

/** A plan's reporting settings (cycle, due day, period); they rarely change, so kept a while. */
export function reportingSettingsQuery(planId: string, preload = false) {
  return {
    queryKey: reportKeys.settings(planId),
    queryFn: ({ signal }: Signal) =>
      api.get(endpoints.reportingSettings(planId), {
        schema: schemaOf('ReportingSettingsResponse'),
        signal,
        ...quiet(preload),
      }),
    staleTime: 5 * 60_000,
  };
}

/** A unit's assignment statuses in a plan, page by page (a unit holds a few dozen: one request). */
export function unitAssignmentStatusQuery(planId: string, unitId: string, preload = false) {
  return {
    queryKey: statusKeys.assignments(planId, unitId),
    queryFn: async ({ signal }: Signal) => {
      const get = (page: number) =>
        api.get(endpoints.planAssignmentStatus(planId), {
          schema: schemaOf('PlanAssignmentStatusResponse'),
          query: { unitId, page, pageSize: MAX_PAGE },
          signal,
          ...quiet(preload),
        });
      const first = await get(1);
      const assignments = [...first.assignments];
      for (let page = 2; assignments.length < first.total; page++) {
        const next = await get(page);
        if (next.assignments.length === 0) break;
        assignments.push(...next.assignments);
      }
      return { ...first, assignments };
    },
  };
}
