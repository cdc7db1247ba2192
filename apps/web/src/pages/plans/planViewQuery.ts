/**
 * The queries the plan view opens with, shared by the page and the route preloader (which starts them
 * while the page's code is still loading: issue #12 item 3, the 1.5 s target).
 */
import type { PlanFilters } from '@lantian/contract/plan-filters';
import type { QueryClient } from '@tanstack/react-query';
import {
  measureStatusesQuery,
  measuresPageQuery,
  planQuery,
  planStatusQuery,
  unitsQuery,
} from '../../api/pageQueries.ts';
import { meQuery } from '../../auth/session.ts';
import { readFilters } from './filterParams.ts';

/** Measures a page shows (the server pages and filters them). */
export const PLAN_VIEW_PAGE_SIZE = 50;

/** One page of the plan's measures under the view's filters. */
export function planViewMeasuresQuery(planId: string, filters: PlanFilters, page: number, preload = false) {
  return measuresPageQuery(
    planId,
    { ...filters, q: filters.q || undefined, page, pageSize: PLAN_VIEW_PAGE_SIZE },
    preload,
  );
}

/**
 * Start the plan view's first paint for `planId` with the filters of `search`: the plan, the first page
 * of its measures and the unit directory alongside the session check, then the lights (the plan's and its first
 * page's measures') once the plan is known to be published (a draft has none).
 */
export function preloadPlanView(queryClient: QueryClient, planId: string, search: string): void {
  if (!planId) return;
  const me = queryClient.fetchQuery(meQuery());
  const plan = queryClient.fetchQuery(planQuery(planId, true));
  // A failed page is the page's to show (its query finds the failed state): here it only means no lights.
  const measures = queryClient
    .fetchQuery(planViewMeasuresQuery(planId, readFilters(new URLSearchParams(search)), 1, true))
    .catch(() => null);
  void queryClient.prefetchQuery(unitsQuery(true));
  Promise.all([me, plan])
    .then(async ([, detail]) => {
      if (detail.plan.status !== 'published') return;
      void queryClient.prefetchQuery(planStatusQuery(planId));
      // The lights of the measures on the first page, under the key the page asks with (their ids in order).
      const ids = ((await measures)?.measures ?? []).map((m) => m.id);
      if (ids.length > 0) void queryClient.prefetchQuery(measureStatusesQuery(planId, ids));
    })
    // A failure is the page's to show: its queries find the failed state and ask again.
    .catch(() => undefined);
}
