/** HTTP for lights and progress, the office's board and its export. */
import {
  AssignmentParams,
  AssignmentStatusResponse,
  BoardExportQuery,
  BoardQuery,
  BoardResponse,
  LightTrendResponse,
  MatrixQuery,
  MatrixResponse,
  MeasureStatusResponse,
  OverviewQuery,
  PlanAssignmentStatusQuery,
  PlanAssignmentStatusResponse,
  PlanMeasureParams,
  PlanMeasureStatusQuery,
  PlanMeasureStatusResponse,
  PlanOverviewResponse,
  PlanParams,
  PlanStatusResponse,
  UnitLoadQuery,
  UnitLoadResponse,
  UnitStatusQuery,
  UnitStatusResponse,
} from '@lantian/contract';
import { reasonText } from '@lantian/core';
import { type AppContext, audit, transaction } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { ensureExportAllowed } from '../audit/export-limit.ts';
import { actorOf } from '../auth/principal.ts';
import { contentDisposition } from '../evidence/evidence.routes.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { todayOf } from '../supervision/day.ts';
import { board, boardRows } from './board.query.ts';
import { toCsv } from './export.ts';
import { matrixPage, planOverview, unitLoadPage } from './overview.query.ts';
import {
  assignmentStatusOf,
  assignmentStatusPage,
  measureStatus,
  measureStatusPage,
  planStatus,
  resolvePlan,
} from './status.query.ts';
import { ensurePlanFresh } from './summary.ts';
import { lightTrend } from './trend.query.ts';
import { unitStatusPage } from './unit-status.query.ts';

const tags = ['status'];
const LIGHT_NAMES = { green: '绿', yellow: '黄', red: '红', done: '已销号' } as const;
const ROLE_NAMES = { lead: '牵头', responsible: '主责', assisting: '协办' } as const;

export async function statusRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/plans/:planId/status',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '计划与各重点任务的预警灯与进度（单位用户只含本单位及其牵头的措施；措施的预警灯另行分页）',
        params: PlanParams,
        response: { 200: PlanStatusResponse },
      },
    },
    async (req) => planStatus(ctx, principalOf(req), req.params.planId),
  );

  app.get(
    '/plans/:planId/status/measures',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '各措施的预警灯、原因与进度（分页，按计划顺序；可指定措施或任务）',
        params: PlanParams,
        querystring: PlanMeasureStatusQuery,
        response: { 200: PlanMeasureStatusResponse },
      },
    },
    async (req) => measureStatusPage(ctx, principalOf(req), req.params.planId, req.query),
  );

  app.get(
    '/plans/:planId/status/measures/:measureId',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '一条措施各分工的预警灯、原因与进度',
        params: PlanMeasureParams,
        response: { 200: MeasureStatusResponse },
      },
    },
    async (req) => measureStatus(ctx, principalOf(req), req.params.planId, req.params.measureId),
  );

  app.get(
    '/plans/:planId/status/units',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary:
          '按单位汇总的预警灯与进度（分页；可按单位名称、预警灯筛选，按列排序；督办人员看全部单位，其他用户看本单位）',
        params: PlanParams,
        querystring: UnitStatusQuery,
        response: { 200: UnitStatusResponse },
      },
    },
    async (req) => unitStatusPage(ctx, principalOf(req), req.params.planId, req.query),
  );

  app.get(
    '/plans/:planId/status/trend',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '各月末的红黄绿灯分布（按当时已记录的报告与决定重算；单位用户只含本单位及其牵头的措施）',
        params: PlanParams,
        response: { 200: LightTrendResponse },
      },
    },
    async (req) => lightTrend(ctx, principalOf(req), req.params.planId),
  );

  app.get(
    '/plans/:planId/overview',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '计划总览：按部分、单位的预警灯，按月的措施数，未来若干天的节点（仅含调用者可见的分工）',
        params: PlanParams,
        querystring: OverviewQuery,
        response: { 200: PlanOverviewResponse },
      },
    },
    async (req) => planOverview(ctx, principalOf(req), req.params.planId, req.query.days),
  );

  app.get(
    '/plans/:planId/overview/units',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '各单位的任务量（分页）：措施数、各职责、已过期、各预警灯',
        params: PlanParams,
        querystring: UnitLoadQuery,
        response: { 200: UnitLoadResponse },
      },
    },
    async (req) => unitLoadPage(ctx, principalOf(req), req.params.planId, req.query),
  );

  app.get(
    '/plans/:planId/matrix',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '责任矩阵（按单位分页）：单位 × 重点任务的措施数与职责',
        params: PlanParams,
        querystring: MatrixQuery,
        response: { 200: MatrixResponse },
      },
    },
    async (req) => matrixPage(ctx, principalOf(req), req.params.planId, req.query),
  );

  app.get(
    '/plans/:planId/status/assignments',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary:
          '计划各分工的预警灯、原因与进度（分页；我的任务；单位用户只含本单位及其牵头措施的分工；可按单位、任务、预警灯、单位名称筛选）',
        params: PlanParams,
        querystring: PlanAssignmentStatusQuery,
        response: { 200: PlanAssignmentStatusResponse },
      },
    },
    async (req) => assignmentStatusPage(ctx, principalOf(req), req.params.planId, req.query),
  );

  app.get(
    '/assignments/:assignmentId/status',
    {
      config: { access: 'status.read' },
      schema: {
        tags,
        summary: '一项分工的预警灯、原因与进度',
        params: AssignmentParams,
        response: { 200: AssignmentStatusResponse },
      },
    },
    async (req) => assignmentStatusOf(ctx, principalOf(req), req.params.assignmentId),
  );

  app.get(
    '/board',
    {
      config: { access: 'board.read' },
      schema: {
        tags,
        summary: '督办看板：黄灯、红灯事项（可筛选、排序、分页；默认最近发布的计划）',
        querystring: BoardQuery,
        response: { 200: BoardResponse },
      },
    },
    async (req) => board(ctx, principalOf(req), req.query),
  );

  app.get(
    '/board/export',
    {
      config: { access: 'board.export' },
      schema: { tags, summary: '导出看板为 CSV（Excel 可直接打开）', querystring: BoardExportQuery },
    },
    async (req, reply) => {
      const user = principalOf(req);
      const plan = await resolvePlan(ctx.db.kysely, user, req.query.planId);
      await ensureExportAllowed(ctx, ctx.db.kysely, user.userId);
      const asOf = await ensurePlanFresh(ctx, plan.id);
      const rows = await boardRows(ctx.db.kysely, plan.id, req.query);
      await transaction(ctx, (trx) =>
        audit(ctx, trx, actorOf(user), {
          action: 'board.export',
          objectType: 'plan',
          objectId: plan.id,
          detail: { rows: rows.length, filter: req.query },
        }),
      );
      const csv = toCsv(
        ['序号', '措施', '单位', '职责', '预警', '原因', '进度', '最近期限', '最近报告期', '报告状态'],
        rows.map((r) => [
          measureNo(r.task, r.seq),
          r.measureText,
          r.unitName,
          ROLE_NAMES[r.role],
          LIGHT_NAMES[r.light],
          r.reasons.map((x) => reasonText(x, 'zh', asOf)).join('；'),
          `${Math.round(r.progress * 100)}%`,
          r.nextDue ?? '',
          r.lastPeriod ?? '',
          r.lastState ?? '',
        ]),
      );
      const name = `督办看板-${todayOf(ctx.clock)}.csv`;
      return reply
        .header('Content-Disposition', contentDisposition(`board-${todayOf(ctx.clock)}.csv`, name))
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );
}
