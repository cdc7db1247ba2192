import {
  ArchivePlanRequest,
  CorrectionsResponse,
  CorrectMeasureRequest,
  CorrectPlanRequest,
  CorrectTaskRequest,
  DecideGroupRequest,
  MeasureDetailResponse,
  MeasureResponse,
  MeasuresQuery,
  MeasuresResponse,
  PlanAssignmentsQuery,
  PlanAssignmentsResponse,
  PlanDetailResponse,
  PlanGroupParams,
  PlanMeasureParams,
  PlanParams,
  PlanResponse,
  PlanReviewResponse,
  PlansQuery,
  PlansResponse,
  PlanTaskParams,
  PublishPlanResponse,
  ResolveUnknownUnitRequest,
  TaskResponse,
  WithdrawPlanRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { ensurePlanFresh } from '../status/summary.ts';
import { targetScopeRoutes } from '../targets/target-scope.routes.ts';
import { correctMeasure, correctPlan, correctTask } from './plan-corrections.service.ts';
import { existingPlan } from './plan-guard.ts';
import { planImportRoutes } from './plan-import.routes.ts';
import { publishPlan } from './plan-publish.service.ts';
import { retirePlan } from './plan-retire.service.ts';
import { decideGroup, planReview, resolveUnknownUnit } from './plan-review.service.ts';
import {
  listPlans,
  measureDetail,
  planAssignmentsPage,
  planCorrections,
  planDetail,
  planDocument,
  planMeasures,
  planMeasuresPage,
  planSummary,
} from './plans.query.ts';

const tags = ['plans'];

export async function planRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const db = ctx.db.kysely;
  await planImportRoutes(app, ctx);
  await targetScopeRoutes(app, ctx);

  app.get(
    '/plans',
    {
      config: { access: 'plan.list' },
      schema: {
        tags,
        summary: '计划列表（分页；草稿仅督办人员可见）',
        querystring: PlansQuery,
        response: { 200: PlansResponse },
      },
    },
    async (req) => listPlans(db, principalOf(req), req.query),
  );

  app.get(
    '/plans/:planId',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: '计划概况、篇章、重点任务与解析警告',
        params: PlanParams,
        response: { 200: PlanDetailResponse },
      },
    },
    async (req) => planDetail(db, principalOf(req), req.params.planId),
  );

  app.get(
    '/plans/:planId/measures',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary:
          '计划的工作措施（分页；按计划视图的筛选：关键词、部分、任务、单位及职责、时限类型、到期区间）',
        params: PlanParams,
        querystring: MeasuresQuery,
        response: { 200: MeasuresResponse },
      },
    },
    async (req) => planMeasuresPage(db, principalOf(req), req.params.planId, req.query),
  );

  app.get(
    '/plans/:planId/measures/:measureId',
    {
      config: { access: 'plan.read' },
      schema: {
        tags,
        summary: '一条措施及调用者可见的分工',
        params: PlanMeasureParams,
        response: { 200: MeasureDetailResponse },
      },
    },
    async (req) => measureDetail(db, principalOf(req), req.params.planId, req.params.measureId),
  );

  app.get(
    '/plans/:planId/assignments',
    {
      config: { access: 'assignment.read' },
      schema: {
        tags,
        summary:
          '计划分工（分页；可按单位、职责、任务、预警灯、关键词筛选）：督办人员看全部；其他单位看本单位的和本单位牵头措施上的',
        params: PlanParams,
        querystring: PlanAssignmentsQuery,
        response: { 200: PlanAssignmentsResponse },
      },
    },
    async (req) =>
      planAssignmentsPage(db, principalOf(req), req.params.planId, req.query, () =>
        ensurePlanFresh(ctx, req.params.planId),
      ),
  );

  app.get(
    '/plans/:planId/document',
    {
      config: { access: 'plan.document' },
      schema: { tags, summary: '下载导入时的原始文件', params: PlanParams },
    },
    async (req, reply) => {
      const doc = await planDocument(db, principalOf(req), req.params.planId);
      const ascii = doc.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header(
          'Content-Disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`,
        )
        .header('X-Content-SHA256', doc.sha256)
        .type('application/octet-stream')
        .send(Buffer.from(doc.content));
    },
  );

  app.get(
    '/plans/:planId/review',
    {
      config: { access: 'plan.review' },
      schema: {
        tags,
        summary: '发布前待决定的单位组与未识别单位',
        params: PlanParams,
        response: { 200: PlanReviewResponse },
      },
    },
    async (req) => {
      await existingPlan(db, req.params.planId);
      return planReview(db, req.params.planId);
    },
  );

  app.put(
    '/plans/:planId/decisions/:groupId',
    {
      config: { access: 'plan.decide' },
      schema: {
        tags,
        summary: '决定按计划确定的单位组（如“相关区政府”）包括哪些单位',
        params: PlanGroupParams,
        body: DecideGroupRequest,
        response: { 200: PlanReviewResponse },
      },
    },
    async (req) => {
      await decideGroup(
        ctx,
        actorOf(principalOf(req)),
        req.params.planId,
        req.params.groupId,
        req.body.unitIds,
      );
      return planReview(db, req.params.planId);
    },
  );

  app.post(
    '/plans/:planId/unknown-units',
    {
      config: { access: 'plan.decide' },
      schema: {
        tags,
        summary: '处理未识别单位：对应到已有单位（记为别名）或新建单位',
        params: PlanParams,
        body: ResolveUnknownUnitRequest,
        response: { 200: PlanReviewResponse },
      },
    },
    async (req) => {
      await resolveUnknownUnit(ctx, actorOf(principalOf(req)), req.params.planId, req.body);
      return planReview(db, req.params.planId);
    },
  );

  app.patch(
    '/plans/:planId',
    {
      config: { access: 'plan.correct' },
      schema: {
        tags,
        summary: '更正计划标题或年份（草稿）',
        params: PlanParams,
        body: CorrectPlanRequest,
        response: { 200: PlanResponse },
      },
    },
    async (req) => {
      await correctPlan(ctx, actorOf(principalOf(req)), req.params.planId, req.body);
      return { plan: await planSummary(db, req.params.planId) };
    },
  );

  app.patch(
    '/plans/:planId/tasks/:taskId',
    {
      config: { access: 'plan.correct' },
      schema: {
        tags,
        summary: '更正重点任务名称（草稿）',
        params: PlanTaskParams,
        body: CorrectTaskRequest,
        response: { 200: TaskResponse },
      },
    },
    async (req) => {
      await correctTask(ctx, actorOf(principalOf(req)), req.params.planId, req.params.taskId, req.body);
      const task = (await planDetail(db, principalOf(req), req.params.planId)).tasks.find(
        (t) => t.id === req.params.taskId,
      );
      if (!task) throw new AppError('NOT_FOUND', '重点任务不存在');
      return { task };
    },
  );

  app.patch(
    '/plans/:planId/measures/:measureId',
    {
      config: { access: 'plan.correct' },
      schema: {
        tags,
        summary: '更正措施的文字、时限、节点、指标或责任单位（草稿；带 version 防止覆盖）',
        params: PlanMeasureParams,
        body: CorrectMeasureRequest,
        response: { 200: MeasureResponse },
      },
    },
    async (req) => {
      const { planId, measureId } = req.params;
      await correctMeasure(ctx, actorOf(principalOf(req)), planId, measureId, req.body);
      const [measure] = await planMeasures(db, principalOf(req), planId, measureId);
      if (!measure) throw new AppError('NOT_FOUND', '措施不存在');
      return { measure };
    },
  );

  app.get(
    '/plans/:planId/corrections',
    {
      config: { access: 'plan.review' },
      schema: {
        tags,
        summary: '更正记录（谁、何时、改了什么）',
        params: PlanParams,
        response: { 200: CorrectionsResponse },
      },
    },
    async (req) => {
      await existingPlan(db, req.params.planId);
      return { corrections: await planCorrections(db, req.params.planId) };
    },
  );

  app.post(
    '/plans/:planId/publish',
    {
      config: { access: 'plan.publish' },
      schema: {
        tags,
        summary: '发布：把单位组展开为逐单位分工；重复发布不产生重复',
        params: PlanParams,
        response: { 200: PublishPlanResponse },
      },
    },
    async (req) => publishPlan(ctx, actorOf(principalOf(req)), req.params.planId),
  );

  app.post(
    '/plans/:planId/archive',
    {
      config: { access: 'plan.archive' },
      schema: {
        tags,
        summary: '归档计划（冻结：可查看，不再能修改；理由记入审计）',
        params: PlanParams,
        body: ArchivePlanRequest.nullish(),
        response: { 200: PlanResponse },
      },
    },
    async (req) => ({
      plan: await retirePlan(ctx, actorOf(principalOf(req)), req.params.planId, 'archive', req.body?.reason),
    }),
  );

  app.post(
    '/plans/:planId/withdraw',
    {
      config: { access: 'plan.withdraw' },
      schema: {
        tags,
        summary: '撤回计划（归档并从各单位的我的任务、计划列表中移除；须写明理由，记入审计）',
        params: PlanParams,
        body: WithdrawPlanRequest,
        response: { 200: PlanResponse },
      },
    },
    async (req) => ({
      plan: await retirePlan(ctx, actorOf(principalOf(req)), req.params.planId, 'withdraw', req.body.reason),
    }),
  );
}
