import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { showError } from './feedback.tsx';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    /** `silent`: the component shows the error itself (an inline alert), no toast. */
    mutationMeta: { silent?: boolean };
    /** `quiet`: a failed background refresh keeps the last data without a toast (the bell's poll). */
    queryMeta: { quiet?: boolean };
  }
}

/** Client errors (4xx) will not go away by asking again; network and server errors might. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    // A page's first load shows its own error state; a failed background refresh only a toast.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.state.data !== undefined && !query.meta?.quiet) showError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.silent) showError(error);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
