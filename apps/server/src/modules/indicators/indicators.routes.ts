/** HTTP for indicators, their goals, value imports and the monitoring systems' push. */
import {
  GoalsRequest,
  Indicator,
  IndicatorInput,
  IndicatorParams,
  IndicatorsResponse,
  IndicatorUpdate,
  ValueImportResponse,
  ValuePushRequest,
} from '@lantian/contract';
import { z } from 'zod';
import { type AppContext, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { apiClientActor } from '../apikeys/apikeys.service.ts';
import { actorOf } from '../auth/principal.ts';
import { uploadedFile } from '../monitoring/upload.ts';
import {
  addIndicator,
  indicatorView,
  listIndicators,
  requireIndicator,
  setGoals,
  updateIndicator,
} from './indicators.service.ts';
import { importValueFile, pushValues } from './values.service.ts';

const tags = ['monitoring'];
const ImportQuery = z.strictObject({ year: z.coerce.number().int().min(1900).max(2999).optional() });

export async function indicatorRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/indicators',
    {
      config: { access: 'indicator.read' },
      schema: { tags, summary: '监测指标及目标', response: { 200: IndicatorsResponse } },
    },
    async () => listIndicators(ctx.db.kysely),
  );
  app.post(
    '/indicators',
    {
      config: { access: 'indicator.write' },
      schema: { tags, summary: '新增监测指标', body: IndicatorInput, response: { 200: Indicator } },
    },
    async (req) => {
      const row = await transaction(ctx, (trx) =>
        addIndicator(ctx, trx, actorOf(principalOf(req)), req.body),
      );
      return indicatorView(ctx.db.kysely, row);
    },
  );
  app.patch(
    '/indicators/:code',
    {
      config: { access: 'indicator.write' },
      schema: {
        tags,
        summary: '修改监测指标（名称、单位、方向、发布精度、层级、累计方式；代码与时间粒度不变）',
        params: IndicatorParams,
        body: IndicatorUpdate,
        response: { 200: Indicator },
      },
    },
    async (req) => {
      const row = await transaction(ctx, (trx) =>
        updateIndicator(ctx, trx, actorOf(principalOf(req)), req.params.code, req.body),
      );
      return indicatorView(ctx.db.kysely, row);
    },
  );
  app.put(
    '/indicators/:code/goals',
    {
      config: { access: 'indicator.write' },
      schema: {
        tags,
        summary: '设定目标（按区域与期间；area 为 null 表示所有区域）',
        params: IndicatorParams,
        body: GoalsRequest,
        response: { 200: Indicator },
      },
    },
    async (req) => {
      await transaction(ctx, async (trx) => {
        const indicator = await requireIndicator(trx, req.params.code);
        await setGoals(ctx, trx, actorOf(principalOf(req)), indicator, req.body);
      });
      return indicatorView(ctx.db.kysely, await requireIndicator(ctx.db.kysely, req.params.code));
    },
  );
  app.post(
    '/indicators/:code/values/import',
    {
      config: { access: 'values.import' },
      schema: {
        tags,
        summary: '导入监测数据（CSV/xlsx，长表或宽表）；有错误行时不写入任何数据并列出行号与单元格',
        consumes: ['multipart/form-data'],
        params: IndicatorParams,
        querystring: ImportQuery,
        response: { 200: ValueImportResponse },
      },
    },
    async (req) => {
      const { bytes, fileName } = await uploadedFile(req);
      const r = await importValueFile(ctx, actorOf(principalOf(req)), req.params.code, bytes, fileName, {
        year: req.query.year,
      });
      if (r.rejected.length > 0)
        throw new AppError('INVALID_INPUT', `有 ${r.rejected.length} 处错误，未写入任何数据`, r);
      return r;
    },
  );
  app.post(
    '/monitoring/values',
    {
      config: { access: 'apiKey:values:write' },
      schema: {
        tags,
        summary: '监测系统推送数据（API 密钥，权限 values:write；Authorization: Bearer <key>）',
        body: ValuePushRequest,
        response: { 200: ValueImportResponse },
        security: [{ monitoringKey: [] }],
      },
    },
    async (req) => {
      const client = req.apiClient;
      if (!client) throw new AppError('UNAUTHENTICATED', '缺少有效的 API 密钥');
      const r = await pushValues(ctx, apiClientActor(client, req.ip ?? null), req.body, client.indicators);
      if (r.rejected.length > 0)
        throw new AppError('VALIDATION_FAILED', `有 ${r.rejected.length} 处错误，未写入任何数据`, r);
      return r;
    },
  );
}
