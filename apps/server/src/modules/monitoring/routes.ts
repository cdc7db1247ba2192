/** Every route of measured data (issue 9), registered under /api/v1 in this order. */
import type { AppContext } from '../../context.ts';
import type { ZodApp } from '../../http/types.ts';
import { apiKeyRoutes } from '../apikeys/apikeys.routes.ts';
import { areaRoutes } from '../areas/areas.routes.ts';
import { bindingRoutes } from '../indicators/bindings.routes.ts';
import { indicatorRoutes } from '../indicators/indicators.routes.ts';
import { rankingRoutes } from '../rankings/rankings.routes.ts';
import { ruleRoutes } from '../rankings/rules.routes.ts';

export async function monitoringRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  for (const routes of [areaRoutes, indicatorRoutes, bindingRoutes, rankingRoutes, ruleRoutes, apiKeyRoutes])
    await routes(app, ctx);
}
