import {
  GroupsResponse,
  MeasureDetailResponse,
  type MeasuresQuery,
  MeasuresResponse,
  PlanDetailResponse,
  type PlanSummary,
  PlansResponse,
  UnitsResponse,
} from '@lantian/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (planId: string) => [...planKeys.all, planId] as const,
  measures: (planId: string) => [...planKeys.all, planId, 'measures'] as const,
  measure: (planId: string, measureId: string) => [...planKeys.all, planId, 'measures', measureId] as const,
  review: (planId: string) => [...planKeys.all, planId, 'review'] as const,
  corrections: (planId: string) => [...planKeys.all, planId, 'corrections'] as const,
};
export const directoryKeys = { units: ['units'] as const, groups: ['groups'] as const };

/**
 * Every page of a paged list, for pickers that offer the whole directory (a city's units and groups are a
 * few hundred at most: one or two requests of the largest page the server allows).
 */
async function allPages<T>(
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

const MAX_PAGE = 200;

/** Every plan the caller may see (for plan pickers: a plan a year, a few pages at most). */
export function usePlans() {
  return useQuery({
    queryKey: planKeys.list(),
    queryFn: async ({ signal }) => ({
      plans: await allPages(async (page) => {
        const r = await api.get(endpoints.plans, {
          schema: PlansResponse,
          query: { page, pageSize: MAX_PAGE },
          signal,
        });
        return { total: r.total, items: r.plans };
      }),
    }),
  });
}

/** One page of the plans, newest import first (the plan list). */
export function usePagedPlans(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...planKeys.list(), q],
    queryFn: ({ signal }) => api.get(endpoints.plans, { schema: PlansResponse, query: q, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A plan's detail; no request while the id is not known yet (the overview pages pick one first). */
export function usePlan(planId: string | undefined) {
  return useQuery({
    queryKey: planKeys.detail(planId ?? ''),
    queryFn: ({ signal }) => api.get(endpoints.plan(planId ?? ''), { schema: PlanDetailResponse, signal }),
    enabled: !!planId,
  });
}

/**
 * Every measure of a plan, in pages of the largest size the server allows (the draft review and the
 * monitoring rule pickers work on the whole plan: a plan's measures are a few hundred at most).
 */
export function useMeasures(planId: string | undefined) {
  return useQuery({
    queryKey: planKeys.measures(planId ?? ''),
    queryFn: async ({ signal }) => ({
      measures: await allPages(async (page) => {
        const r = await api.get(endpoints.planMeasures(planId ?? ''), {
          schema: MeasuresResponse,
          query: { page, pageSize: MAX_PAGE },
          signal,
        });
        return { total: r.total, items: r.measures };
      }),
    }),
    enabled: !!planId,
  });
}

/** One page of a plan's measures through the plan view's filters, applied by the server. */
export function useMeasuresPage(
  planId: string,
  q: Partial<MeasuresQuery> & { page: number; pageSize: number },
) {
  return useQuery({
    queryKey: [...planKeys.measures(planId), 'page', q] as const,
    queryFn: ({ signal }) =>
      api.get(endpoints.planMeasures(planId), { schema: MeasuresResponse, query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled: !!planId,
  });
}

export function useMeasure(planId: string, measureId: string) {
  return useQuery({
    queryKey: planKeys.measure(planId, measureId),
    queryFn: ({ signal }) =>
      api.get(endpoints.planMeasure(planId, measureId), { schema: MeasureDetailResponse, signal }),
  });
}

/** The whole unit directory (for pickers). */
export function useUnits() {
  return useQuery({
    queryKey: directoryKeys.units,
    queryFn: async ({ signal }) => ({
      units: await allPages(async (page) => {
        const r = await api.get(endpoints.units, {
          schema: UnitsResponse,
          query: { page, pageSize: MAX_PAGE },
          signal,
        });
        return { total: r.total, items: r.units };
      }),
    }),
    staleTime: 5 * 60_000,
  });
}

/** One page of the unit directory, optionally searched (the directory page). */
export function usePagedUnits(q: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...directoryKeys.units, 'page', q],
    queryFn: ({ signal }) =>
      api.get(endpoints.units, { schema: UnitsResponse, query: { ...q, q: q.q || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every unit group with its members (for pickers and the directory page). */
export function useGroups() {
  return useQuery({
    queryKey: directoryKeys.groups,
    queryFn: async ({ signal }) => ({
      groups: await allPages(async (page) => {
        const r = await api.get(endpoints.groups, {
          schema: GroupsResponse,
          query: { page, pageSize: MAX_PAGE },
          signal,
        });
        return { total: r.total, items: r.groups };
      }),
    }),
    staleTime: 5 * 60_000,
  });
}

/** The plan the overview pages open by default: the most recently published one. */
export function latestPublished(plans: readonly PlanSummary[]): PlanSummary | undefined {
  return [...plans]
    .filter((p) => p.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.year - a.year)[0];
}
