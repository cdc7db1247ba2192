/** Whose a target is, and the office's per-unit shares: read and set in the review or after publishing. */
import { PlanTargetParams, SetTargetScopeRequest, TargetScopeResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { setTargetScope, targetScopeDetail } from './target-scope.service.ts';

const tags = ['plans'];

export async function targetScopeRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/plans/:planId/targets/:targetId/scope',
    {
      config: { access: 'plan.review' },
      schema: {
        tags,
        summary: '指标归属：全市总体（牵头单位汇总各单位完成量）或各单位各自完成，及分解到单位的目标',
        params: PlanTargetParams,
        response: { 200: TargetScopeResponse },
      },
    },
    async (req) => targetScopeDetail(ctx, req.params.planId, req.params.targetId),
  );

  app.put(
    '/plans/:planId/targets/:targetId/scope',
    {
      config: { access: 'target.scope' },
      schema: {
        tags,
        summary: '设定指标归属（cityWide：true 全市总体，false 各单位，null 按规则）与分解到单位的目标',
        params: PlanTargetParams,
        body: SetTargetScopeRequest,
        response: { 200: TargetScopeResponse },
      },
    },
    async (req) =>
      setTargetScope(ctx, actorOf(principalOf(req)), req.params.planId, req.params.targetId, req.body),
  );
}
