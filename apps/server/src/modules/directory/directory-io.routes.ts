/** HTTP for the directory as a table: export (CSV/xlsx), and import with a preview first (issue 8 §3). */
import {
  DirectoryExportQuery,
  DirectoryImportPreview,
  DirectoryImportQuery,
  DirectoryImportResponse,
} from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { ensureExportAllowed } from '../audit/export-limit.ts';
import { actorOf } from '../auth/principal.ts';
import { contentDisposition } from '../evidence/evidence.routes.ts';
import { XLSX_TYPE } from '../exports/exports.routes.ts';
import { readSheet } from '../monitoring/sheet.ts';
import { uploadedFile } from '../monitoring/upload.ts';
import { planDirectoryImport } from './directory-import.ts';
import { directoryLines, importDirectory } from './directory-io.service.ts';
import { directoryCsv, directoryXlsx } from './directory-table.ts';

const tags = ['directory'];
const COLUMNS = '单位名称、全称、简称/别名、类型、所属分组、上级/所属区、备注';

export async function directoryIoRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/directory/export',
    {
      config: { access: 'directory.read' },
      compress: false,
      schema: {
        tags,
        summary: `导出单位名录（format=xlsx 或 csv；列：${COLUMNS}；再导入不做任何修改）`,
        querystring: DirectoryExportQuery,
      },
    },
    async (req, reply) => {
      const user = principalOf(req);
      await ensureExportAllowed(ctx, ctx.db.kysely, user.userId);
      const lines = await directoryLines(ctx.db.kysely);
      const format = req.query.format;
      const fileName = `单位名录.${format}`;
      await transaction(ctx, (trx) =>
        audit(ctx, trx, actorOf(user), {
          action: 'list.export',
          objectType: 'directory',
          objectId: 'lantian',
          detail: { title: '单位名录', fileName, rows: lines.length, format },
        }),
      );
      const body = format === 'csv' ? directoryCsv(lines) : await directoryXlsx(lines);
      return reply
        .header('Content-Disposition', contentDisposition(`directory.${format}`, fileName))
        .header('Cache-Control', 'no-store')
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .send(body);
    },
  );
  app.post(
    '/directory/import/preview',
    {
      config: { access: 'directory.import' },
      schema: {
        tags,
        summary: `预览导入单位名录（multipart 字段 file：CSV 或 .xlsx；列：${COLUMNS}）：将新建、改名、修改的单位与每一处错误（行、列），不写入`,
        consumes: ['multipart/form-data'],
        response: { 200: DirectoryImportPreview },
      },
    },
    async (req) => {
      const { bytes, fileName } = await uploadedFile(req);
      const cells = await readSheet(bytes, fileName);
      return (await planDirectoryImport(ctx.db.kysely, cells, fileName)).preview;
    },
  );
  app.post(
    '/directory/import',
    {
      config: { access: 'directory.import' },
      schema: {
        tags,
        summary:
          '导入单位名录（同预览的文件；digest 为预览的摘要，名录在预览后有变化时 409）：全部写入或全部不写，逐行记入变更记录与审计',
        consumes: ['multipart/form-data'],
        querystring: DirectoryImportQuery,
        response: { 200: DirectoryImportResponse },
      },
    },
    async (req) => {
      const { bytes, fileName } = await uploadedFile(req);
      const cells = await readSheet(bytes, fileName);
      return transaction(ctx, (trx) =>
        importDirectory(ctx, trx, actorOf(principalOf(req)), cells, fileName, req.query.digest),
      );
    },
  );
}
