/** HTTP for reporting: settings, the report form, save/submit, sign-off, review, the queues. */
import {
  AssignmentParams,
  AssignmentPeriodParams,
  AssignmentReportsQuery,
  AssignmentReportsResponse,
  PlanParams,
  ReportFormQuery,
  ReportFormResponse,
  ReportingSettingsResponse,
  ReportParams,
  ReportQueueQuery,
  ReportQueueResponse,
  ReportResponse,
  ReviewRequest,
  SaveReportRequest,
  SignoffRequest,
  SubmitReportRequest,
  UpdateReportingSettingsRequest,
} from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import { principalOf } from '../../http/client.ts';
import type { ZodApp } from '../../http/types.ts';
import { actorOf } from '../auth/principal.ts';
import { reportQueue } from './queue.query.ts';
import { assignmentReports, reportDetail, reportForm } from './report-form.query.ts';
import { reviewReport, saveReport, signoffReport, submitReport } from './reports.service.ts';
import { readSettings, updateSettings } from './settings.service.ts';

const tags = ['reporting'];

export async function reportingRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/plans/:planId/reporting-settings',
    {
      config: { access: 'reporting.readSettings' },
      schema: {
        tags,
        summary: '计划的填报周期、截止日、起始日期与催办提前天数',
        params: PlanParams,
        response: { 200: ReportingSettingsResponse },
      },
    },
    async (req) => readSettings(ctx, req.params.planId, principalOf(req).roles.includes('supervisor')),
  );

  app.put(
    '/plans/:planId/reporting-settings',
    {
      config: { access: 'reporting.writeSettings' },
      schema: {
        tags,
        summary: '设置填报周期（督办人员）；所有分工的预警状态随之刷新',
        params: PlanParams,
        body: UpdateReportingSettingsRequest,
        response: { 200: ReportingSettingsResponse },
      },
    },
    async (req) => updateSettings(ctx, actorOf(principalOf(req)), req.params.planId, req.body),
  );

  app.get(
    '/assignments/:assignmentId/report-form',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '填报表单：措施、应报期次、本期（或指定期）报告、可执行的操作',
        params: AssignmentParams,
        querystring: ReportFormQuery,
        response: { 200: ReportFormResponse },
      },
    },
    async (req) => reportForm(ctx, principalOf(req), req.params.assignmentId, req.query.period),
  );

  app.get(
    '/assignments/:assignmentId/reports',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '一项分工的进展报告（台账），分页，最新期在前',
        params: AssignmentParams,
        querystring: AssignmentReportsQuery,
        response: { 200: AssignmentReportsResponse },
      },
    },
    async (req) => assignmentReports(ctx, principalOf(req), req.params.assignmentId, req.query),
  );

  app.put(
    '/assignments/:assignmentId/reports/:period',
    {
      config: { access: 'report.edit' },
      schema: {
        tags,
        summary: '保存本期报告草稿（version 0 新建；版本不符返回 409，不做任何更改）',
        params: AssignmentPeriodParams,
        body: SaveReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      const saved = await saveReport(ctx, user, req.params.assignmentId, req.params.period, req.body);
      return reportDetail(ctx, user, saved.id, saved.assignment, saved.row);
    },
  );

  app.post(
    '/assignments/:assignmentId/reports/:period/submit',
    {
      config: { access: 'report.edit' },
      schema: {
        tags,
        summary: '提交本期报告，送单位领导签发（带 requestId，重试不会重复提交）',
        params: AssignmentPeriodParams,
        body: SubmitReportRequest,
        response: { 200: ReportResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      const saved = await submitReport(ctx, user, req.params.assignmentId, req.params.period, req.body);
      return reportDetail(ctx, user, saved.id, saved.assignment, saved.row);
    },
  );

  app.get(
    '/reports/queue',
    {
      config: { access: 'report.queue' },
      schema: {
        tags,
        summary: '待办：kind=signoff 本单位待签发；kind=review 待本单位（牵头）或督办人员审核',
        querystring: ReportQueueQuery,
        response: { 200: ReportQueueResponse },
      },
    },
    async (req) => reportQueue(ctx.db.kysely, principalOf(req), req.query),
  );

  app.get(
    '/reports/:reportId',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '一份进展报告及其流转记录',
        params: ReportParams,
        response: { 200: ReportResponse },
      },
    },
    async (req) => reportDetail(ctx, principalOf(req), req.params.reportId),
  );

  app.post(
    '/reports/:reportId/signoff',
    {
      config: { access: 'report.signoff' },
      schema: {
        tags,
        summary: '单位领导签发（approve，报送审核）或退回经办人（reject）',
        params: ReportParams,
        body: SignoffRequest,
        response: { 200: ReportResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await signoffReport(ctx, user, req.params.reportId, req.body);
      return reportDetail(ctx, user, req.params.reportId);
    },
  );

  app.post(
    '/reports/:reportId/review',
    {
      config: { access: 'report.review' },
      schema: {
        tags,
        summary: '牵头单位（牵头单位自己的报告由督办人员）审核：通过或退回（须填意见）',
        params: ReportParams,
        body: ReviewRequest,
        response: { 200: ReportResponse },
      },
    },
    async (req) => {
      const user = principalOf(req);
      await reviewReport(ctx, user, req.params.reportId, req.body);
      return reportDetail(ctx, user, req.params.reportId);
    },
  );
}
