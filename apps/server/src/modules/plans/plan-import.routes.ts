/** Import routes: the wizard's preview (parse, store nothing) and the import itself, any file format. */

import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  ColumnChoice,
  ColumnRole,
  ImportPlanQuery,
  ImportPlanResponse,
  ImportPreviewQuery,
  ImportPreviewResponse,
} from '@lantian/contract';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { importPlanDocument, type PlanDocumentInput } from './plan-import.service.ts';
import { previewPlanDocument } from './plan-preview.service.ts';
import { planReview } from './plan-review.service.ts';
import { planDetail } from './plans.query.ts';

const tags = ['plans'];

/** The multipart body: the field `file`, and optionally `columns` (JSON: header → role). */
async function readUpload(req: FastifyRequest): Promise<{ doc: PlanDocumentInput; columns?: ColumnChoice }> {
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传计划文件（字段 file）');
  let doc: PlanDocumentInput | undefined;
  let columnsText: string | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || doc) {
        await part.toBuffer();
        throw new AppError(
          'INVALID_INPUT',
          `多余的文件字段“${part.fieldname}”：只上传一个计划文件（字段 file）`,
        );
      }
      doc = {
        fileName: part.filename || 'plan.txt',
        mediaType: part.mimetype || 'application/octet-stream',
        bytes: await part.toBuffer(),
      };
    } else if (part.fieldname === 'columns') {
      columnsText = String(part.value);
    } else {
      throw new AppError('INVALID_INPUT', `不认识的表单字段“${part.fieldname}”`);
    }
  }
  if (!doc) throw new AppError('INVALID_INPUT', '请上传计划文件（表单字段 file）');
  if (columnsText === undefined || columnsText.trim() === '') return { doc };
  let raw: unknown;
  try {
    raw = JSON.parse(columnsText);
  } catch {
    throw new AppError('INVALID_INPUT', '字段 columns 应为 JSON 对象（表头 → 用途）');
  }
  const parsed = ColumnChoice.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'INVALID_INPUT',
      `字段 columns 中“${issue?.path.join('.') ?? ''}”：${issue?.message ?? '格式不对'}（用途为 ${ColumnRole.options.join('、')} 之一）`,
    );
  }
  return { doc, columns: parsed.data };
}

export async function planImportRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;

  app.post(
    '/plans/import/preview',
    {
      config: { access: 'plan.preview' },
      schema: {
        tags,
        summary: '预览导入：解析文件（不保存），返回列的识别、示例行与警告',
        consumes: ['multipart/form-data'],
        querystring: ImportPreviewQuery,
        response: { 200: ImportPreviewResponse },
      },
    },
    async (req) => {
      const { doc, columns } = await readUpload(req);
      return previewPlanDocument(ctx, doc, { year: req.query.year, columns });
    },
  );

  app.post(
    '/plans/import',
    {
      config: { access: 'plan.import' },
      schema: {
        tags,
        summary:
          '导入计划文件（multipart 字段 file：.docx/.xlsx/.html/.pdf/.txt/.tsv/.csv；可选 columns）为草稿；重复时 409 DUPLICATE_PLAN',
        consumes: ['multipart/form-data'],
        querystring: ImportPlanQuery,
        response: { 200: ImportPlanResponse },
      },
    },
    async (req) => {
      const { doc, columns } = await readUpload(req);
      const id = await importPlanDocument(ctx, actorOf(principalOf(req)), doc, {
        year: req.query.year,
        columns,
        asNewVersionOf: req.query.asNewVersionOf,
      });
      await nextTurn();
      const detail = await planDetail(db, principalOf(req), id);
      await nextTurn();
      const review = await planReview(db, id);
      return { plan: detail.plan, warnings: detail.warnings, review };
    },
  );
}
