/**
 * The queries 我的任务 opens with, shared by the page and the route preloader (which starts them while
 * the page's code is still loading, instead of after: issue #12 item 3, the 1 s target).
 */
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { reportingSettingsQuery, unitAssignmentStatusQuery } from '../../api/pageQueries.ts';
import { schemaOf } from '../../api/schemas.ts';
import { meQuery } from '../../auth/session.ts';
import { loadMyWork, type MyWork } from './loadMyWork.ts';

export const myAssignmentsKey = ['me', 'assignments'] as const;

const pageQuery = (q: { planId?: string; page: number; pageSize: number }) => ({
  ...(q.planId ? { planId: q.planId } : {}),
  page: String(q.page),
  pageSize: String(q.pageSize),
});

/**
 * `wantedPlan` undefined: the newest plan. `preload`: a 401 is left to the session check that runs
 * alongside (it would otherwise be reported twice).
 */
export function myWorkQuery(wantedPlan: string | undefined, preload = false) {
  return {
    queryKey: [...myAssignmentsKey, wantedPlan ?? 'newest'],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      loadMyWork(
        (q) =>
          api.get(`${endpoints.myAssignments}?${new URLSearchParams(pageQuery(q))}`, {
            // Loaded on demand: the route preloader imports this module into the shell's first load.
            schema: schemaOf('MyAssignmentsResponse'),
            signal,
            ...(preload ? { expectUnauthorized: true } : {}),
          }),
        wantedPlan,
      ),
  };
}

/** The plans of the unit's list, in the order the page asks for their lights and settings. */
export const planIdsOf = (work: Pick<MyWork, 'assignments'>): string[] => [
  ...new Set(work.assignments.map((a) => a.planId).filter((id) => id !== '')),
];

/**
 * Start what 我的任务 shows on its first paint: the unit's list alongside the session check, then, as
 * soon as both have answered, each plan's lights for the unit and its reporting settings (the page would
 * otherwise ask for them only after its code has loaded and rendered once).
 */
export function preloadMyWork(queryClient: QueryClient): void {
  const me = queryClient.fetchQuery(meQuery());
  const work = queryClient.fetchQuery(myWorkQuery(undefined, true));
  Promise.all([me, work])
    .then(([session, list]) => {
      const unitId = session.unit.id;
      if (!unitId) return;
      for (const planId of planIdsOf(list)) {
        void queryClient.prefetchQuery(unitAssignmentStatusQuery(planId, unitId));
        void queryClient.prefetchQuery(reportingSettingsQuery(planId));
      }
    })
    // A failure is the page's to show: its queries find the failed state and ask again.
    .catch(() => undefined);
}
