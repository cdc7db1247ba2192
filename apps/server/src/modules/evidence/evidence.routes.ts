/** Evidence files: upload to a report, notice or closure request; download; remove. */
import {
  AttachmentResponse,
  ClosureParams,
  EvidenceParams,
  NoticeParams,
  OkResponse,
  ReportParams,
} from '@lantian/contract';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { AttachmentOwner } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { addEvidence, evidenceFile, removeEvidence } from './evidence.service.ts';

const tags = ['evidence'];

/** The one file of a multipart upload (field `file`), within the evidence size limit. */
async function readUpload(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传佐证材料（字段 file）');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (part?.fieldname !== 'file') throw new AppError('INVALID_INPUT', '请上传佐证材料（表单字段 file）');
  const bytes = await part.toBuffer();
  return { fileName: part.filename || 'evidence', bytes };
}

/** `attachment` with an ASCII fallback name and the UTF-8 name, as RFC 6266 says. */
export function contentDisposition(storedName: string, displayName: string): string {
  const ascii = storedName.replace(/[^\x20-\x7e]|["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(displayName)}`;
}

export async function evidenceRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const upload =
    (type: AttachmentOwner, id: (p: Record<string, string>) => string) => async (req: FastifyRequest) => {
      const file = await readUpload(req, ctx.config.supervision.evidenceMaxBytes);
      const attachment = await addEvidence(
        ctx,
        principalOf(req),
        type,
        id(req.params as Record<string, string>),
        file,
      );
      return { attachment };
    };
  const uploadSchema = (
    params: typeof ReportParams | typeof NoticeParams | typeof ClosureParams,
    what: string,
  ) => ({
    tags,
    summary: `上传${what}的佐证材料（multipart 字段 file；PDF、OFD、docx、xlsx、pptx、图片）`,
    consumes: ['multipart/form-data'],
    params,
    response: { 200: AttachmentResponse },
  });

  app.post(
    '/reports/:reportId/evidence',
    { config: { access: 'evidence.write' }, schema: uploadSchema(ReportParams, '进展报告') },
    upload('report', (p) => p.reportId as string),
  );
  app.post(
    '/notices/:noticeId/evidence',
    { config: { access: 'evidence.write' }, schema: uploadSchema(NoticeParams, '督办单回复') },
    upload('notice', (p) => p.noticeId as string),
  );
  app.post(
    '/closures/:closureId/evidence',
    { config: { access: 'evidence.write' }, schema: uploadSchema(ClosureParams, '销号申请') },
    upload('closure', (p) => p.closureId as string),
  );

  app.get(
    '/evidence/:evidenceId',
    {
      config: { access: 'evidence.read' },
      schema: { tags, summary: '下载佐证材料（附件形式）', params: EvidenceParams },
    },
    async (req, reply) => {
      const file = await evidenceFile(ctx, principalOf(req), req.params.evidenceId);
      return reply
        .header('Content-Disposition', contentDisposition(file.stored_name, file.file_name))
        .header('X-Content-SHA256', file.sha256)
        .header('Cache-Control', 'private, no-store')
        .type(file.media_type)
        .send(Buffer.from(file.content));
    },
  );

  app.delete(
    '/evidence/:evidenceId',
    {
      config: { access: 'evidence.write' },
      schema: {
        tags,
        summary: '删除尚未报送的佐证材料',
        params: EvidenceParams,
        response: { 200: OkResponse },
      },
    },
    async (req) => {
      await removeEvidence(ctx, principalOf(req), req.params.evidenceId);
      return { ok: true as const };
    },
  );
}
