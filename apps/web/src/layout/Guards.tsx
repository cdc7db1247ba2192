import { Alert, Button } from 'antd';
import { lazy, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { type Area, canAccess } from '../auth/access.ts';
import { useT } from '../i18n/LocaleProvider.tsx';
import { useCurrentUser } from './MeContext.ts';
import { navMessages } from './messages.ts';

// The 403/404 pages carry antd's illustrations: loaded only when shown.
export const Forbidden = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.Forbidden })));
export const NotFound = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.NotFound })));

/**
 * A page only for some roles. Checked before the page's code is fetched, so a unit user never even
 * downloads the administration pages; the server refuses their API calls anyway.
 */
export function Guarded({ area, children }: { area: Area; children: ReactNode }) {
  const me = useCurrentUser();
  return canAccess(me.roles, area) ? children : <Forbidden />;
}

/** A page that cannot be shown: says so and offers the one thing that helps, reloading. */
export function LoadFailed({ detail, onRetry }: { detail?: string; onRetry?: () => void }) {
  const t = useT(navMessages);
  return (
    <div style={{ maxWidth: 640, margin: '48px auto', padding: '0 16px' }}>
      <Alert
        type="error"
        showIcon
        title={t('loadFailedTitle')}
        description={
          <>
            <div>{t('loadFailedBody')}</div>
            {detail && <div style={{ marginTop: 8, fontSize: 12 }}>{detail}</div>}
          </>
        }
        action={
          <Button type="primary" onClick={onRetry ?? (() => window.location.reload())}>
            {t('reload')}
          </Button>
        }
      />
    </div>
  );
}

/** Shown when a page crashed or its code could not be fetched (typically after a deployment). */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return <LoadFailed detail={detail} />;
}
