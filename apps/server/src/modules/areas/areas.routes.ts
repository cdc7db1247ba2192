/** HTTP for areas (区域): the list with answering units, and another city's import. */
import { AreaImportResponse, AreasResponse } from '@lantian/contract';
import { type AppContext, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { readSheet } from '../monitoring/sheet.ts';
import { uploadedFile } from '../monitoring/upload.ts';
import { areaViews } from './areas.repository.ts';
import { importAreaTable } from './areas.service.ts';

const tags = ['monitoring'];

export async function areaRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/areas',
    {
      config: { access: 'area.read' },
      schema: { tags, summary: '区域（区、街道乡镇）及其责任单位', response: { 200: AreasResponse } },
    },
    async () => ({ areas: (await areaViews(ctx.db.kysely)).list }),
  );
  app.post(
    '/areas/import',
    {
      config: { access: 'area.import' },
      schema: {
        tags,
        summary: '导入区域表（CSV/xlsx：代码、名称、级别、所属区、责任单位）；按代码更新，全部成功或全部不写',
        consumes: ['multipart/form-data'],
        response: { 200: AreaImportResponse },
      },
    },
    async (req) => {
      const { bytes, fileName } = await uploadedFile(req);
      const rows = await readSheet(bytes, fileName);
      return transaction(ctx, (trx) => importAreaTable(ctx, trx, actorOf(principalOf(req)), rows, fileName));
    },
  );
}
