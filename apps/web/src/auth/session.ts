import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  SecondStepRequest,
} from '@lantian/contract';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { createBrowserRouter } from 'react-router';
import { api, setSessionEvents } from '../api/client.ts';
import { getFeedback } from '../api/feedback.tsx';
import { schemaOf } from '../api/schemas.ts';
import { currentLang } from '../i18n/current.ts';
import { authMessages } from './messages.ts';

// The schemas load on demand (`schemaOf`) so that zod is not part of the login page's first load.
export const meKey = ['me'] as const;

export function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return api.get('/me', { schema: schemaOf('MeResponse'), signal });
}

/** The signed-in user; the layout loads it once and every page reads it from the cache. */
export function useMe() {
  return useQuery(meQuery());
}

/** The session query, shared with the route preloader (which starts it before the shell renders). */
export function meQuery() {
  return {
    queryKey: meKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchMe(signal),
    staleTime: 60_000,
  };
}

/** The password step: a session (MeResponse), or a challenge when the account has a second factor. */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return api.post('/auth/login', body, {
    schema: schemaOf('LoginResponse'),
    expectUnauthorized: true,
  });
}

/** The second step: the authenticator's code (or a recovery code) against the challenge. */
export function loginSecondStep(body: SecondStepRequest): Promise<MeResponse> {
  return api.post('/auth/login/second-factor', body, {
    schema: schemaOf('MeResponse'),
    expectUnauthorized: true,
  });
}

export function changePassword(body: ChangePasswordRequest): Promise<MeResponse> {
  return api.post('/auth/password', body, { schema: schemaOf('MeResponse') });
}

export function logout(): Promise<unknown> {
  return api.post('/auth/logout', undefined, {
    schema: schemaOf('OkResponse'),
    expectUnauthorized: true,
  });
}

type Router = ReturnType<typeof createBrowserRouter>;

function here(router: Router): string {
  const { pathname, search, hash } = router.state.location;
  return `${pathname}${search}${hash}`;
}

/**
 * Wire the API client's session events to the router: a 401 anywhere ends the session in the browser
 * (cached data dropped, a notice, back to the login page that returns here afterwards), and a
 * "password change required" answer sends the user to change it first.
 */
export function installSessionHandlers(router: Router, queryClient: QueryClient): void {
  let redirecting = false;
  setSessionEvents({
    onUnauthorized(error) {
      const path = router.state.location.pathname;
      if (redirecting || path === '/login') return;
      redirecting = true;
      // The server says SESSION_EXPIRED for a session that timed out, even after a page reload.
      const hadSession = queryClient.getQueryData(meKey) !== undefined || error.code === 'SESSION_EXPIRED';
      const params = new URLSearchParams({ next: here(router) });
      if (hadSession) {
        params.set('expired', '1');
        const lang = currentLang();
        getFeedback()?.notification.warning({
          key: 'session-expired',
          title: authMessages.sessionExpiredTitle[lang],
          description: authMessages.sessionExpiredBody[lang],
        });
      }
      void router.navigate(`/login?${params}`, { replace: true }).finally(() => {
        // Whatever the old session had cached must not show to the next person at this desk.
        queryClient.clear();
        redirecting = false;
      });
    },
    onPasswordChangeRequired() {
      if (router.state.location.pathname === '/password') return;
      void router.navigate(`/password?${new URLSearchParams({ next: here(router) })}`);
    },
    onEnrolmentRequired() {
      if (router.state.location.pathname === '/second-factor') return;
      void router.navigate(`/second-factor?${new URLSearchParams({ next: here(router) })}`);
    },
  });
}
