/** Every route of progress reporting and supervision (issue 5), registered under /api/v1 in this order. */
import type { AppContext } from '../../context.ts';
import type { ZodApp } from '../../http/types.ts';
import { closureRoutes } from '../closures/closures.routes.ts';
import { evidenceRoutes } from '../evidence/evidence.routes.ts';
import { extensionRoutes } from '../extensions/extensions.routes.ts';
import { noticeRoutes } from '../notices/notices.routes.ts';
import { notificationRoutes } from '../notifications/notifications.routes.ts';
import { reportingRoutes } from '../reporting/reports.routes.ts';
import { statusRoutes } from '../status/status.routes.ts';

export async function supervisionRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  for (const routes of [
    reportingRoutes,
    evidenceRoutes,
    statusRoutes,
    notificationRoutes,
    noticeRoutes,
    extensionRoutes,
    closureRoutes,
  ])
    await routes(app, ctx);
}
