import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { homePath } from './auth/access.ts';
import { AppLayout, type RouteHandle } from './layout/AppLayout.tsx';
import { Guarded, NotFound, RouteError } from './layout/Guards.tsx';
import { useCurrentUser } from './layout/MeContext.ts';
import { LoginPage } from './pages/login/LoginPage.tsx';
import { preloadData } from './routePreload.ts';

// Every workspace page is its own chunk: the first load carries only the shell, login and the client.
// The chunk of the page being opened is fetched at once, alongside the session check, rather than
// after the shell has rendered (issue #12 item 3: the pages' first-paint targets).
const preloads: { match: RegExp; load: () => Promise<unknown> }[] = [];
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, match?: RegExp) {
  let loading: Promise<Record<K, ComponentType>> | undefined;
  const once = () => {
    loading ??= load().catch((e: unknown) => {
      loading = undefined; // a failed chunk is asked for again next time
      throw e;
    });
    return loading;
  };
  if (match) preloads.push({ match, load: once });
  return lazy(() => once().then((m) => ({ default: m[name] })));
}

/**
 * Start what the page at `pathname` needs, in that order: the session (`/me`) and the page's first
 * queries (`routePreload.ts`) — requests first, so that evaluating the page's code does not hold them
 * back — then the code.
 */
export function preloadRoute(pathname: string, search: string, queryClient: QueryClient): void {
  preloadData(pathname, search, queryClient);
  if (pathname.startsWith('/login') || pathname.startsWith('/activate')) return;
  for (const p of preloads) if (p.match.test(pathname)) void p.load().catch(() => undefined);
}
const ActivatePage = lazyPage(() => import('./pages/login/ActivatePage.tsx'), 'ActivatePage');
const ChangePasswordPage = lazyPage(
  () => import('./pages/login/ChangePasswordPage.tsx'),
  'ChangePasswordPage',
);
const SecondFactorPage = lazyPage(() => import('./pages/security/SecondFactorPage.tsx'), 'SecondFactorPage');
const AccountSecurityPage = lazyPage(
  () => import('./pages/security/AccountSecurityPage.tsx'),
  'AccountSecurityPage',
);
const MyWorkPage = lazyPage(() => import('./pages/my-work/MyWorkPage.tsx'), 'MyWorkPage', /^\/my-work\/?$/);
const PlanListPage = lazyPage(() => import('./pages/plans/PlanListPage.tsx'), 'PlanListPage');
const PlanViewPage = lazyPage(
  () => import('./pages/plans/PlanViewPage.tsx'),
  'PlanViewPage',
  /^\/plans\/(?!import\b)[^/]+\/?$/,
);
const MeasureDetailPage = lazyPage(() => import('./pages/plans/MeasureDetailPage.tsx'), 'MeasureDetailPage');
const ImportPage = lazyPage(() => import('./pages/import/ImportPage.tsx'), 'ImportPage');
const ReviewPage = lazyPage(() => import('./pages/import/ReviewPage.tsx'), 'ReviewPage');
const AccountsPage = lazyPage(() => import('./pages/admin/UsersPage.tsx'), 'AccountsPage');
const RolesPage = lazyPage(() => import('./pages/admin/UsersPage.tsx'), 'RolesPage');
const UnitsPage = lazyPage(() => import('./pages/admin/UnitsPage.tsx'), 'UnitsPage');
const AuditPage = lazyPage(() => import('./pages/admin/AuditPage.tsx'), 'AuditPage');
const DashboardPage = lazyPage(() => import('./pages/overview/DashboardPage.tsx'), 'DashboardPage');
const MatrixPage = lazyPage(() => import('./pages/overview/MatrixPage.tsx'), 'MatrixPage');
const ReportPage = lazyPage(() => import('./pages/reporting/ReportPage.tsx'), 'ReportPage');
const ReportRedirect = lazyPage(() => import('./pages/reporting/ReportRedirect.tsx'), 'ReportRedirect');
const ReviewQueuePage = lazyPage(() => import('./pages/reporting/ReviewQueuePage.tsx'), 'ReviewQueuePage');
const BoardPage = lazyPage(() => import('./pages/board/BoardPage.tsx'), 'BoardPage', /^\/board\/?$/);
const NoticesPage = lazyPage(() => import('./pages/requests/NoticesPage.tsx'), 'NoticesPage');
const NoticeDetailPage = lazyPage(() => import('./pages/requests/NoticeDetailPage.tsx'), 'NoticeDetailPage');
const ExtensionsPage = lazyPage(() => import('./pages/requests/ExtensionsPage.tsx'), 'ExtensionsPage');
const ClosuresPage = lazyPage(() => import('./pages/requests/ClosuresPage.tsx'), 'ClosuresPage');
const NotificationsPage = lazyPage(
  () => import('./pages/notifications/NotificationsPage.tsx'),
  'NotificationsPage',
);
const ApiKeysPage = lazyPage(() => import('./pages/monitoring/ApiKeysPage.tsx'), 'ApiKeysPage');
const RankingsPage = lazyPage(() => import('./pages/monitoring/RankingsPage.tsx'), 'RankingsPage');
const BulletinPage = lazyPage(() => import('./pages/documents/BulletinPage.tsx'), 'BulletinPage');
const CaseListPage = lazyPage(() => import('./pages/cases/CaseListPage.tsx'), 'CaseListPage');
const CaseDetailPage = lazyPage(() => import('./pages/cases/CaseDetailPage.tsx'), 'CaseDetailPage');
const CaseInboxPage = lazyPage(() => import('./pages/cases/CaseInboxPage.tsx'), 'CaseInboxPage');
const CaseQueuePage = lazyPage(() => import('./pages/cases/CaseQueuePage.tsx'), 'CaseQueuePage');
const CaseStatsPage = lazyPage(() => import('./pages/cases/CaseStatsPage.tsx'), 'CaseStatsPage');
const CaseSettingsPage = lazyPage(() => import('./pages/cases/CaseSettingsPage.tsx'), 'CaseSettingsPage');
const RulesPage = lazyPage(() => import('./pages/monitoring/RulesPage.tsx'), 'RulesPage');
const UnitStatusPage = lazyPage(() => import('./pages/plans/UnitStatusPage.tsx'), 'UnitStatusPage');

function Home() {
  return <Navigate to={homePath(useCurrentUser())} replace />;
}

const handle = (crumb: RouteHandle['crumb']): RouteHandle => ({ crumb });

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/activate',
    element: (
      <Suspense>
        <ActivatePage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
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
    path: '/second-factor',
    element: (
      <Suspense>
        <SecondFactorPage />
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
          {
            path: 'assignments/:assignmentId',
            handle: handle('report'),
            element: (
              <Guarded area="plans">
                <ReportPage />
              </Guarded>
            ),
          },
          {
            path: 'reports/:reportId',
            element: (
              <Guarded area="plans">
                <ReportRedirect />
              </Guarded>
            ),
          },
          {
            path: 'reviews',
            handle: handle('reviews'),
            element: (
              <Guarded area="reviews">
                <ReviewQueuePage />
              </Guarded>
            ),
          },
          {
            path: 'board',
            handle: handle('board'),
            element: (
              <Guarded area="board">
                <BoardPage />
              </Guarded>
            ),
          },
          {
            path: 'notices',
            handle: handle('notices'),
            children: [
              {
                index: true,
                element: (
                  <Guarded area="notices">
                    <NoticesPage />
                  </Guarded>
                ),
              },
              {
                path: ':noticeId',
                handle: handle('noticeDetail'),
                element: (
                  <Guarded area="notices">
                    <NoticeDetailPage />
                  </Guarded>
                ),
              },
            ],
          },
          {
            path: 'extensions',
            handle: handle('extensions'),
            element: (
              <Guarded area="extensions">
                <ExtensionsPage />
              </Guarded>
            ),
          },
          {
            path: 'closures',
            handle: handle('closures'),
            element: (
              <Guarded area="closures">
                <ClosuresPage />
              </Guarded>
            ),
          },
          {
            path: 'notifications',
            handle: handle('notifications'),
            element: (
              <Guarded area="notifications">
                <NotificationsPage />
              </Guarded>
            ),
          },
          {
            path: 'account/security',
            handle: handle('accountSecurity'),
            element: <AccountSecurityPage />,
          },
          {
            path: 'rankings',
            handle: handle('rankings'),
            element: (
              <Guarded area="rankings">
                <RankingsPage />
              </Guarded>
            ),
          },
          {
            path: 'documents',
            handle: { crumb: 'documents', link: false } satisfies RouteHandle,
            children: [
              { index: true, element: <Navigate to="/documents/bulletin" replace /> },
              {
                path: 'bulletin',
                handle: handle('bulletin'),
                element: (
                  <Guarded area="bulletin">
                    <BulletinPage />
                  </Guarded>
                ),
              },
            ],
          },
          {
            path: 'cases',
            handle: handle('cases'),
            children: [
              {
                index: true,
                element: (
                  <Guarded area="cases">
                    <CaseListPage />
                  </Guarded>
                ),
              },
              {
                path: 'inbox',
                handle: handle('caseInbox'),
                element: (
                  <Guarded area="caseInbox">
                    <CaseInboxPage />
                  </Guarded>
                ),
              },
              {
                path: 'queue',
                handle: handle('caseQueue'),
                element: (
                  <Guarded area="caseQueue">
                    <CaseQueuePage />
                  </Guarded>
                ),
              },
              {
                path: 'stats',
                handle: handle('caseStats'),
                element: (
                  <Guarded area="caseStats">
                    <CaseStatsPage />
                  </Guarded>
                ),
              },
              {
                path: 'settings',
                handle: handle('caseSettings'),
                element: (
                  <Guarded area="caseSettings">
                    <CaseSettingsPage />
                  </Guarded>
                ),
              },
              {
                path: ':caseId',
                handle: handle('caseDetail'),
                element: (
                  <Guarded area="cases">
                    <CaseDetailPage />
                  </Guarded>
                ),
              },
            ],
          },
          {
            path: 'monitoring/rules',
            handle: handle('monitoringRules'),
            element: (
              <Guarded area="monitoringRules">
                <RulesPage />
              </Guarded>
            ),
          },
          {
            path: 'dashboard',
            handle: handle('dashboard'),
            element: (
              <Guarded area="dashboard">
                <DashboardPage />
              </Guarded>
            ),
          },
          {
            path: 'matrix',
            handle: handle('matrix'),
            element: (
              <Guarded area="matrix">
                <MatrixPage />
              </Guarded>
            ),
          },
          {
            path: 'plans',
            handle: handle('plans'),
            children: [
              {
                index: true,
                element: (
                  <Guarded area="plans">
                    <PlanListPage />
                  </Guarded>
                ),
              },
              {
                path: 'import',
                handle: handle('planImport'),
                element: (
                  <Guarded area="planImport">
                    <ImportPage />
                  </Guarded>
                ),
              },
              {
                path: ':planId',
                handle: handle('planDetail'),
                children: [
                  {
                    path: 'review',
                    handle: handle('planReview'),
                    element: (
                      <Guarded area="planImport">
                        <ReviewPage />
                      </Guarded>
                    ),
                  },
                  {
                    index: true,
                    element: (
                      <Guarded area="plans">
                        <PlanViewPage />
                      </Guarded>
                    ),
                  },
                  {
                    path: 'units',
                    handle: handle('unitStatus'),
                    element: (
                      <Guarded area="plans">
                        <UnitStatusPage />
                      </Guarded>
                    ),
                  },
                  {
                    path: 'measures/:measureId',
                    handle: handle('measureDetail'),
                    element: (
                      <Guarded area="plans">
                        <MeasureDetailPage />
                      </Guarded>
                    ),
                  },
                ],
              },
            ],
          },
          {
            path: 'admin',
            handle: { crumb: 'admin', link: false } satisfies RouteHandle,
            children: [
              { index: true, element: <Navigate to="/" replace /> },
              {
                path: 'users',
                handle: handle('adminUsers'),
                element: (
                  <Guarded area="adminUsers">
                    <AccountsPage />
                  </Guarded>
                ),
              },
              {
                path: 'roles',
                handle: handle('adminRoles'),
                element: (
                  <Guarded area="adminRoles">
                    <RolesPage />
                  </Guarded>
                ),
              },
              {
                path: 'api-keys',
                handle: handle('adminApiKeys'),
                element: (
                  <Guarded area="adminApiKeys">
                    <ApiKeysPage />
                  </Guarded>
                ),
              },
              {
                path: 'units',
                handle: handle('adminUnits'),
                element: (
                  <Guarded area="adminUnits">
                    <UnitsPage />
                  </Guarded>
                ),
              },
              {
                path: 'audit',
                handle: handle('adminAudit'),
                element: (
                  <Guarded area="adminAudit">
                    <AuditPage />
                  </Guarded>
                ),
              },
            ],
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
