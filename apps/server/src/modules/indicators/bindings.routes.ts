/** HTTP for target ↔ indicator bindings and a measure's measured standing per unit. */
import {
  BindTargetRequest,
  MeasureMeasuredResponse,
  OkResponse,
  PlanMeasureParams,
  TargetParams,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { todayOf } from '../supervision/day.ts';
import { bindTarget, measureMeasured, unbindTarget } from './bindings.service.ts';

const tags = ['monitoring'];

export async function bindingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.put(
    '/targets/:targetId/binding',
    {
      config: { access: 'binding.write' },
      schema: {
        tags,
        summary: '将措施的量化目标绑定到监测指标（进度与预警灯改由实测值决定）',
        params: TargetParams,
        body: BindTargetRequest,
        response: { 200: OkResponse },
      },
    },
    async (req) => {
      await bindTarget(ctx, actorOf(principalOf(req)), req.params.targetId, req.body.indicator);
      return { ok: true as const };
    },
  );
  app.delete(
    '/targets/:targetId/binding',
    {
      config: { access: 'binding.write' },
      schema: { tags, summary: '解除绑定', params: TargetParams, response: { 200: OkResponse } },
    },
    async (req) => {
      await unbindTarget(ctx, actorOf(principalOf(req)), req.params.targetId);
      return { ok: true as const };
    },
  );
  app.get(
    '/plans/:planId/measures/:measureId/measured',
    {
      config: { access: 'binding.read' },
      schema: {
        tags,
        summary: '措施的绑定目标：各责任单位按实测值的进度与预警灯',
        params: PlanMeasureParams,
        response: { 200: MeasureMeasuredResponse },
      },
    },
    async (req) =>
      measureMeasured(ctx.db.kysely, req.params.planId, req.params.measureId, todayOf(ctx.clock)),
  );
}
