import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { endpoints } from './endpoints.ts';
import { allPages, MAX_PAGE, planQuery, plansQuery, unitsQuery } from './pageQueries.ts';
import { directoryKeys, planKeys } from './queryKeys.ts';
import { schemaOf } from './schemas.ts';

export { latestPublished } from './pageQueries.ts';
export { directoryKeys, planKeys } from './queryKeys.ts';

/** Every plan the caller may see (for plan pickers: a plan a year, a few pages at most). */
export function usePlans() {
  return useQuery(plansQuery());
}

/** One page of the plans, newest import first (the plan list). */
export function usePagedPlans(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...planKeys.list(), q],
    queryFn: ({ signal }) =>
      api.get(endpoints.plans, { schema: schemaOf('PlansResponse'), query: q, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A plan's detail; no request while the id is not known yet (the overview pages pick one first). */
export function usePlan(planId: string | undefined) {
  return useQuery({ ...planQuery(planId ?? ''), enabled: !!planId });
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
          schema: schemaOf('MeasuresResponse'),
          query: { page, pageSize: MAX_PAGE },
          signal,
        });
        return { total: r.total, items: r.measures };
      }),
    }),
    enabled: !!planId,
  });
}

export function useMeasure(planId: string, measureId: string) {
  return useQuery({
    queryKey: planKeys.measure(planId, measureId),
    queryFn: ({ signal }) =>
      api.get(endpoints.planMeasure(planId, measureId), {
        schema: schemaOf('MeasureDetailResponse'),
        signal,
      }),
  });
}

/** The whole unit directory (for pickers). */
export function useUnits() {
  return useQuery(unitsQuery());
}

/** One page of the unit directory, optionally searched (the directory page). */
export function usePagedUnits(q: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...directoryKeys.units, 'page', q],
    queryFn: ({ signal }) =>
      api.get(endpoints.units, {
        schema: schemaOf('UnitsResponse'),
        query: { ...q, q: q.q || undefined },
        signal,
      }),
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
          schema: schemaOf('GroupsResponse'),
          query: { page, pageSize: MAX_PAGE },
          signal,
        });
        return { total: r.total, items: r.groups };
      }),
    }),
    staleTime: 5 * 60_000,
  });
}
