/**
 * POST /api/v1/ingest/alarms: another system (video dust alarms, VOCs online monitors, hotspot grids)
 * pushes an alarm with its API key (scope `alarms:write`). Stable interface: 201 with the new case,
 * 200 with the same case for a `(source, externalId)` seen before; 401/403 for a missing, revoked or
 * unscoped key (checked before the body is read, so nothing is written); 400 naming the field.
 */
import { IngestAlarmRequest, IngestAlarmResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ZodApp } from '../../http/types.ts';
import { apiClientActor } from '../apikeys/apikeys.service.ts';
import { createCase } from './cases.create.ts';

export async function ingestRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    '/ingest/alarms',
    {
      config: { access: 'apiKey:alarms:write' },
      schema: {
        tags: ['cases'],
        summary: '外部系统推送报警，生成问题案件（API 密钥，权限 alarms:write；Authorization: Bearer <key>）',
        body: IngestAlarmRequest,
        response: { 200: IngestAlarmResponse, 201: IngestAlarmResponse },
        security: [{ monitoringKey: [] }],
      },
    },
    async (req, reply) => {
      const client = req.apiClient;
      if (!client) throw new AppError('UNAUTHENTICATED', '缺少有效的 API 密钥');
      const { externalId, ...rest } = req.body;
      const c = await createCase(ctx, apiClientActor(client, req.ip ?? null), null, {
        ...rest,
        origin: 'alarm',
        externalId,
      });
      return reply
        .code(c.created ? 201 : 200)
        .send({ caseId: c.id, state: c.state, duplicateOf: c.duplicateOf });
    },
  );
}
