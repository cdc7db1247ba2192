/**
 * The queries the board opens with, shared by the page and the route preloader (which starts them while
 * the page's code is still loading: issue #12 item 3, the 1.5 s target).
 */
import type { BoardQuery, PlanSummary } from '@lantian/contract';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { boardQuery, latestPublished, planQuery, plansQuery, unitsQuery } from '../../api/pageQueries.ts';
import { schemaOf } from '../../api/schemas.ts';
import { meQuery } from '../../auth/session.ts';

/** Rows a page of the ungrouped board shows. */
export const BOARD_PAGE_SIZE = 20;
/** The board opens on the items that need attention (red and yellow). */
export const BOARD_FIRST_FILTERS = { light: 'attention' } as const satisfies Partial<BoardQuery>;

/** The board's first page for a plan, as the page asks for it before any filter is touched. */
export const firstBoardPage = (planId: string): Partial<BoardQuery> => ({
  planId,
  ...BOARD_FIRST_FILTERS,
  page: 1,
  pageSize: BOARD_PAGE_SIZE,
});

/** The published plan an overview page shows: `requested` (`?plan=`) when it is one, else the latest. */
export function pickPlan(plans: readonly PlanSummary[], requested: string | null): PlanSummary | undefined {
  return plans.find((p) => p.status === 'published' && p.id === requested) ?? latestPublished(plans);
}

export const PROPOSAL_KEYS = ['monitoring', 'proposals'];

/** The rule proposals waiting for a supervisor (shown above the board). */
export function proposalsQuery() {
  return {
    queryKey: [...PROPOSAL_KEYS, 'proposed'],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get('/monitoring/proposals', {
        query: { state: 'proposed' },
        schema: schemaOf('ProposalsResponse'),
        signal,
      }),
  };
}

/**
 * Start the board's first paint: the plans (to pick the one shown) and the unit directory alongside the
 * session check, then the picked plan and its first board page; a supervisor's rule proposals once the
 * session has answered.
 */
export function preloadBoard(queryClient: QueryClient, search: string): void {
  const requested = new URLSearchParams(search).get('plan');
  queryClient
    .fetchQuery(meQuery())
    .then((me) => {
      if (me.roles.includes('supervisor')) void queryClient.prefetchQuery(proposalsQuery());
    })
    .catch(() => undefined);
  void queryClient.prefetchQuery(unitsQuery(true));
  queryClient
    .fetchQuery(plansQuery(true))
    .then(({ plans }) => {
      const picked = pickPlan(plans, requested);
      if (!picked?.id) return;
      void queryClient.prefetchQuery(planQuery(picked.id));
      void queryClient.prefetchQuery(boardQuery(firstBoardPage(picked.id)));
    })
    // A failure is the page's to show: its queries find the failed state and ask again.
    .catch(() => undefined);
}
