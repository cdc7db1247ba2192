/** HTTP for problem cases (问题案件): list, detail, entering, each step, evidence, settings, statistics. */
import {
  AttachmentResponse,
  CaseExtensionDecisionRequest,
  CaseExtensionRequest,
  CaseParams,
  CaseResponse,
  CaseSettingsRequest,
  CaseSettingsResponse,
  CaseStatsQuery,
  CaseStatsResponse,
  CasesQuery,
  CasesResponse,
  CheckCaseRequest,
  CreateCaseRequest,
  DispatchCaseRequest,
  EvidenceParams,
  FeedbackCaseRequest,
  RectifyCaseRequest,
  RevisitCaseRequest,
  SignCaseRequest,
  VerifyCaseRequest,
} from '@lantian/contract';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import type { Action } from '../auth/policy.ts';
import { actorOf } from '../auth/principal.ts';
import { contentDisposition } from '../evidence/evidence.routes.ts';
import { addCaseEvidence, caseEvidenceFile } from './cases.evidence.ts';
import { caseDetail, listCases } from './cases.query.ts';
import { type CaseStepName, enterCase, takeCaseStep } from './cases.service.ts';
import { readCaseSettings, writeCaseSettings } from './cases.settings.ts';
import { caseStats } from './cases.stats.ts';

const tags = ['cases'];

const STEP_ROUTES: { path: string; step: CaseStepName; access: Action; body: z.ZodType; summary: string }[] =
  [
    {
      path: 'verify',
      step: 'verify',
      access: 'case.verify',
      body: VerifyCaseRequest,
      summary: '核实（或作废，须说明理由）',
    },
    {
      path: 'dispatch',
      step: 'dispatch',
      access: 'case.dispatch',
      body: DispatchCaseRequest,
      summary: '派发给责任单位（开始计时）',
    },
    {
      path: 'sign',
      step: 'sign',
      access: 'case.sign',
      body: SignCaseRequest,
      summary: '签收，或退回（不属于本单位，须说明理由）',
    },
    {
      path: 'rectify',
      step: 'rectify',
      access: 'case.rectify',
      body: RectifyCaseRequest,
      summary: '开始整改',
    },
    {
      path: 'feedback',
      step: 'feedback',
      access: 'case.feedback',
      body: FeedbackCaseRequest,
      summary: '反馈整改情况（须先上传佐证材料）',
    },
    {
      path: 'check',
      step: 'check',
      access: 'case.check',
      body: CheckCaseRequest,
      summary: '核查：销号，或退回整改',
    },
    {
      path: 'revisit',
      step: 'revisit',
      access: 'case.revisit',
      body: RevisitCaseRequest,
      summary: '回头看：确认，或重新打开',
    },
    {
      path: 'extension',
      step: 'extension',
      access: 'case.requestExtension',
      body: CaseExtensionRequest,
      summary: '申请延期',
    },
    {
      path: 'extension/decision',
      step: 'extensionDecision',
      access: 'case.decideExtension',
      body: CaseExtensionDecisionRequest,
      summary: '审批延期',
    },
  ];

export async function caseRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/cases',
    {
      config: { access: 'case.read' },
      schema: {
        tags,
        summary: '问题案件列表（awaitingMe=true：待我办理）',
        querystring: CasesQuery,
        response: { 200: CasesResponse },
      },
    },
    async (req) => listCases(ctx, principalOf(req), req.query),
  );
  app.post(
    '/cases',
    {
      config: { access: 'case.create' },
      schema: {
        tags,
        summary: '录入问题案件（巡查、投诉、监测或手工）',
        body: CreateCaseRequest,
        response: { 200: CaseResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      return { case: await caseDetail(ctx, user, await enterCase(ctx, user, req.body)) };
    },
  );
  app.get(
    '/cases/settings',
    {
      config: { access: 'case.readSettings' },
      schema: { tags, summary: '问题类别、办理时限和各项天数', response: { 200: CaseSettingsResponse } },
    },
    async () => ({ settings: await readCaseSettings(ctx.db.kysely) }),
  );
  app.put(
    '/cases/settings',
    {
      config: { access: 'case.writeSettings' },
      schema: {
        tags,
        summary: '设置问题类别、办理时限（类别 × 等级）和各项天数',
        body: CaseSettingsRequest,
        response: { 200: CaseSettingsResponse },
      },
    },
    async (req) => ({ settings: await writeCaseSettings(ctx, actorOf(principalOf(req)), req.body) }),
  );
  app.get(
    '/cases/stats',
    {
      config: { access: 'case.stats' },
      schema: {
        tags,
        summary: '问题案件统计（按单位、类别、月份、来源）与单位排名',
        querystring: CaseStatsQuery,
        response: { 200: CaseStatsResponse },
      },
    },
    async (req) => caseStats(ctx, req.query),
  );
  app.get(
    '/cases/:caseId',
    {
      config: { access: 'case.read' },
      schema: {
        tags,
        summary: '问题案件详情（时间线、佐证、可办理的操作）',
        params: CaseParams,
        response: { 200: CaseResponse },
      },
    },
    async (req) => ({ case: await caseDetail(ctx, principalOf(req), req.params.caseId) }),
  );
  for (const r of STEP_ROUTES) {
    app.post(
      `/cases/:caseId/${r.path}`,
      {
        config: { access: r.access },
        schema: {
          tags,
          summary: r.summary,
          params: CaseParams,
          body: r.body,
          response: { 200: CaseResponse },
        },
      },
      async (req) => {
        const user = principalOf(req);
        await takeCaseStep(ctx, user, r.step, req.params.caseId, req.body as { version: number });
        return { case: await caseDetail(ctx, user, req.params.caseId) };
      },
    );
  }
  app.post(
    '/cases/:caseId/evidence',
    {
      config: { access: 'case.evidence' },
      schema: {
        tags,
        summary: '上传整改佐证材料（multipart 字段 file；图片、PDF、OFD、Office 文件）',
        consumes: ['multipart/form-data'],
        params: CaseParams,
        response: { 200: AttachmentResponse },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传佐证材料（字段 file）');
      const part = await req.file({
        limits: { fileSize: ctx.config.supervision.evidenceMaxBytes, files: 1 },
      });
      if (part?.fieldname !== 'file') throw new AppError('INVALID_INPUT', '请上传佐证材料（表单字段 file）');
      const bytes = await part.toBuffer();
      const attachment = await addCaseEvidence(ctx, principalOf(req), req.params.caseId, {
        fileName: part.filename || 'evidence',
        bytes,
      });
      return { attachment };
    },
  );
  app.get(
    '/cases/:caseId/evidence/:evidenceId',
    {
      config: { access: 'case.read' },
      schema: { tags, summary: '下载案件佐证材料', params: CaseParams.extend(EvidenceParams.shape) },
    },
    async (req, reply) => {
      const f = await caseEvidenceFile(ctx, principalOf(req), req.params.caseId, req.params.evidenceId);
      return reply
        .header('Content-Disposition', contentDisposition(f.stored_name, f.file_name))
        .header('X-Content-SHA256', f.sha256)
        .header('Cache-Control', 'private, no-store')
        .type(f.media_type)
        .send(Buffer.from(f.content));
    },
  );
}
