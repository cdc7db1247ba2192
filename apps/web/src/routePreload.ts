/**
 * What the route preloader asks the server for, by the address being opened (issue #12 item 3): the
 * session (`/me`) always, and for the pages with a first-paint target their first queries, with the keys
 * and options the pages use, so that the page finds them in flight or answered instead of asking once
 * its code has loaded and rendered.
 */
import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from './auth/session.ts';
import { preloadBoard } from './pages/board/boardQuery.ts';
import { preloadMyWork } from './pages/my-work/myWorkQuery.ts';
import { preloadPlanView } from './pages/plans/planViewQuery.ts';

/** The plan view's address (`/plans/<id>`, not the import page); the id as the router decodes it. */
const PLAN_VIEW = /^\/plans\/(?!import\/?$)([^/]+)\/?$/;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return ''; // a malformed address: the page shows its own not-found
  }
}

export function preloadData(pathname: string, search: string, queryClient: QueryClient): void {
  if (pathname.startsWith('/login') || pathname.startsWith('/activate')) return;
  void queryClient.prefetchQuery(meQuery());
  const plan = PLAN_VIEW.exec(pathname);
  const planId = plan ? decoded(plan[1] ?? '') : '';
  if (/^\/my-work\/?$/.test(pathname)) preloadMyWork(queryClient);
  else if (/^\/board\/?$/.test(pathname)) preloadBoard(queryClient, search);
  else if (planId) preloadPlanView(queryClient, planId, search);
}
