/** Every route of problem cases (issue 10): the office's and units' routes, and the alarm ingest. */
import type { AppContext } from '../../context.ts';
import type { ZodApp } from '../../http/types.ts';
import { caseRoutes } from './cases.routes.ts';
import { ingestRoutes } from './ingest.routes.ts';

export async function casesModuleRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  await caseRoutes(app, ctx);
  await ingestRoutes(app, ctx);
}
