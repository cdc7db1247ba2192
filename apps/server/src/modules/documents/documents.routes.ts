/** HTTP for documents out: the bulletin's preview, the office's texts, the .docx and PDF downloads. */
import {
  BulletinParams,
  BulletinQuery,
  BulletinResponse,
  BulletinTexts,
  BulletinTextsRequest,
  NoticeParams,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { contentDisposition } from '../evidence/evidence.routes.ts';
import { bulletinFacts } from './bulletin.facts.ts';
import { bulletinFile, DOCX_TYPE, PDF_TYPE } from './bulletin.service.ts';
import { saveBulletinTexts } from './bulletin.texts.ts';
import { noticeFile } from './notice.file.ts';

const tags = ['documents'];

export async function documentRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/plans/:planId/bulletin',
    {
      config: { access: 'bulletin.read' },
      schema: {
        tags,
        summary: '某月通报的预览：各部分内容与可编辑的文号、开头、结尾、启用的部分（督办人员）',
        params: BulletinParams,
        querystring: BulletinQuery,
        response: { 200: BulletinResponse },
      },
    },
    async (req) => bulletinFacts(ctx, req.params.planId, req.query.period),
  );
  app.put(
    '/plans/:planId/bulletin/texts',
    {
      config: { access: 'bulletin.edit' },
      schema: {
        tags,
        summary: '保存某月通报的文号、开头与结尾段落、关闭的部分（version 为读到的版本，0 为默认）',
        params: BulletinParams,
        querystring: BulletinQuery,
        body: BulletinTextsRequest,
        response: { 200: BulletinTexts },
      },
    },
    async (req) => saveBulletinTexts(ctx, principalOf(req), req.params.planId, req.query.period, req.body),
  );
  app.get(
    '/plans/:planId/bulletin/docx',
    {
      config: { access: 'bulletin.read' },
      schema: {
        tags,
        summary: '下载某月通报（公文格式 .docx；留痕）',
        params: BulletinParams,
        querystring: BulletinQuery,
      },
    },
    async (req, reply) => {
      const file = await bulletinFile(ctx, actorOf(principalOf(req)), req.params.planId, req.query.period);
      return reply
        .header('Content-Disposition', contentDisposition(`bulletin-${req.query.period}.docx`, file.fileName))
        .type(DOCX_TYPE)
        .send(file.bytes);
    },
  );
  app.get(
    '/plans/:planId/bulletin/pdf',
    {
      config: { access: 'bulletin.read' },
      schema: {
        tags,
        summary: '下载某月通报（PDF，公文版式，与 .docx 同一内容；留痕）',
        params: BulletinParams,
        querystring: BulletinQuery,
      },
    },
    async (req, reply) => {
      const { planId } = req.params;
      const file = await bulletinFile(ctx, actorOf(principalOf(req)), planId, req.query.period, 'pdf');
      return reply
        .header('Content-Disposition', contentDisposition(`bulletin-${req.query.period}.pdf`, file.fileName))
        .type(PDF_TYPE)
        .send(file.bytes);
    },
  );
  app.get(
    '/notices/:noticeId/docx',
    {
      config: { access: 'notice.read' },
      schema: { tags, summary: '下载督办单（公文格式 .docx；留痕）', params: NoticeParams },
    },
    async (req, reply) => {
      const file = await noticeFile(ctx, principalOf(req), req.params.noticeId);
      return reply
        .header('Content-Disposition', contentDisposition(file.asciiName, file.fileName))
        .type(DOCX_TYPE)
        .send(file.bytes);
    },
  );
  app.get(
    '/notices/:noticeId/pdf',
    {
      config: { access: 'notice.read' },
      schema: { tags, summary: '下载督办单（PDF，与 .docx 同一版式与内容；留痕）', params: NoticeParams },
    },
    async (req, reply) => {
      const file = await noticeFile(ctx, principalOf(req), req.params.noticeId, 'pdf');
      return reply
        .header('Content-Disposition', contentDisposition(file.asciiName, file.fileName))
        .type(PDF_TYPE)
        .send(file.bytes);
    },
  );
}
