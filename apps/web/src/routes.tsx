import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { homePath } from './auth/access.ts';
import { AppLayout, type RouteHandle } from './layout/AppLayout.tsx';
import { Guarded, NotFound, RouteError } from './layout/Guards.tsx';
import { useCurrentUser } from './layout/MeContext.ts';
import { LoginPage } from './pages/login/LoginPage.tsx';

// Every workspace page is its own chunk: the first load carries only the shell, login and the client.
const ChangePasswordPage = lazy(() =>
  import('./pages/login/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const MyWorkPage = lazy(() =>
  import('./pages/my-work/MyWorkPage.tsx').then((m) => ({ default: m.MyWorkPage })),
);

function Home() {
  return <Navigate to={homePath(useCurrentUser())} replace />;
}

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/password',
    element: (
      <Suspense>
        <ChangePasswordPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Home /> },
          {
            path: 'my-work',
            handle: handle('myWork'),
            element: (
              <Guarded area="myWork">
                <MyWorkPage />
              </Guarded>
            ),
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
