/**
 * The query 我的任务 opens with, shared by the page and the route preloader (which starts it while the
 * page's code is still loading, instead of after: issue #12 item 3, the 1 s target).
 */
import { api } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { loadMyWork } from './loadMyWork.ts';

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
            schema: () => import('@lantian/contract').then((c) => c.MyAssignmentsResponse),
            signal,
            ...(preload ? { expectUnauthorized: true } : {}),
          }),
        wantedPlan,
      ),
  };
}
