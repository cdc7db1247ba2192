/**
 * Exports of the detail pages' tables, written on the server through the pages' own queries: a measure's
 * assigned units with their lights (措施详情), every report of one assignment (进度填报's 台账), and the
 * unit groups of the directory (单位名录's 单位组 tab) with the page's words.
 */
import type { Assignment, AssignmentStatusRow, Group, Report } from '@lantian/contract';
import { matchesAll, reasonText, searchTerms } from '@lantian/core';
import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import { pagedGroups } from '../directory/directory.query.ts';
import { measureDetail } from '../plans/plans.query.ts';
import { assignmentReports } from '../reporting/report-form.query.ts';
import { measureStatus, resolvePlan } from '../status/status.query.ts';
import { visibleAssignment } from '../supervision/assignment.ts';
import { defineExport } from './export-list.ts';
import {
  assignmentName,
  LIGHT,
  measureNo,
  nameOf,
  PROGRESS,
  planTitle,
  REPORT_STATE,
  RESPONSIBILITY,
  UNIT_KIND,
  yesNo,
} from './names.ts';
import { pagesOf } from './xlsx-writer.ts';

const ROLE_ORDER = ['lead', 'responsible', 'assisting'] as const;
type StatusRow = z.infer<typeof AssignmentStatusRow>;
type MeasureLine = Assignment & { status: StatusRow | null; asOf: string | null };

export const measureAssignmentsExport = defineExport<'measure-assignments', MeasureLine>({
  list: 'measure-assignments',
  action: 'plan.read',
  title: '措施责任单位',
  async filters(ctx, user, q) {
    const { measure } = await measureDetail(ctx.db.kysely, user, q.planId, q.measureId);
    return [
      ['计划', await planTitle(ctx.db.kysely, user, q.planId)],
      ['措施', `${measureNo(measure.task, measure.seq)} ${measure.taskName}`],
    ];
  },
  columns: [
    { header: '单位', value: (a) => a.unitName, width: 24 },
    { header: '职责', value: (a) => nameOf(RESPONSIBILITY, a.role), width: 6 },
    { header: '单位类型', value: (a) => nameOf(UNIT_KIND, a.unitKind), width: 10 },
    { header: '来源', value: (a) => a.viaGroup ?? '直接列明', width: 16 },
    { header: '代为承担', value: (a) => a.actingAs, width: 16 },
    { header: '预警', value: (a) => (a.status ? nameOf(LIGHT, a.status.light) : ''), width: 8 },
    {
      header: '原因',
      kind: 'long',
      value: (a) => (a.status?.reasons ?? []).map((r) => reasonText(r, 'zh', a.asOf ?? undefined)).join('\n'),
      width: 50,
    },
    { header: '进度', kind: 'percent', value: (a) => a.status?.progress },
  ],
  /** The units the caller sees on the measure, leads first, then by name (the page's order). */
  async *rows(ctx, user, q) {
    const db = ctx.db.kysely;
    const { assignments } = await measureDetail(db, user, q.planId, q.measureId);
    const plan = await resolvePlan(db, user, q.planId);
    // Lights exist once the plan is published (the page shows them only then).
    const status =
      plan.status === 'published' && assignments.length > 0
        ? await measureStatus(ctx, user, q.planId, q.measureId).catch((e: unknown) => {
            if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
            throw e;
          })
        : null;
    const byId = new Map((status?.assignments ?? []).map((s) => [s.assignmentId, s]));
    yield [...assignments]
      .sort(
        (a, b) =>
          ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
          a.unitName.localeCompare(b.unitName, 'zh-CN'),
      )
      .map((a) => ({ ...a, status: byId.get(a.id) ?? null, asOf: status?.asOf ?? null }));
  },
});

const REVIEW = { accepted: '通过', returned: '退回' } as const;

export const assignmentReportsExport = defineExport<'assignment-reports', Report>({
  list: 'assignment-reports',
  action: 'report.read',
  title: '进度报告台账',
  async filters(ctx, user, q) {
    // The assignment's own check first: a name is never written for one the caller may not read.
    const a = await visibleAssignment(ctx.db.kysely, user, q.assignmentId);
    return [
      ['计划', `${a.planTitle}（${a.planYear}）`],
      ['分工', await assignmentName(ctx.db.kysely, user, q.assignmentId)],
    ];
  },
  columns: [
    { header: '报告期', value: (r) => r.period, width: 10 },
    { header: '期间开始', kind: 'date', value: (r) => r.periodStart },
    { header: '期间结束', kind: 'date', value: (r) => r.periodEnd },
    { header: '报送期限', kind: 'date', value: (r) => r.periodDue },
    { header: '报告状态', value: (r) => nameOf(REPORT_STATE, r.state), width: 14 },
    { header: '进展', value: (r) => nameOf(PROGRESS, r.status), width: 8 },
    { header: '进展情况', kind: 'long', value: (r) => r.summary },
    { header: '报送时间', kind: 'datetime', value: (r) => r.submittedAt },
    { header: '报送人', value: (r) => r.submittedBy, width: 10 },
    { header: '签发时间', kind: 'datetime', value: (r) => r.signedOffAt },
    { header: '签发人', value: (r) => r.signedOffBy, width: 10 },
    { header: '审核时间', kind: 'datetime', value: (r) => r.reviewedAt },
    { header: '审核人', value: (r) => r.reviewedBy, width: 10 },
    { header: '审核结果', value: (r) => nameOf(REVIEW, r.reviewDecision), width: 8 },
    { header: '审核意见', value: (r) => r.reviewComment, width: 30 },
    { header: '佐证材料', value: (r) => r.evidence.map((e) => e.fileName).join('\n'), width: 30 },
  ],
  /** Newest period first, as the page lists them. */
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      assignmentReports(ctx, user, q.assignmentId, { page, pageSize }).then((r) => ({
        total: r.total,
        items: r.reports,
      })),
    ),
});

export const groupsExport = defineExport<'groups', Group>({
  list: 'groups',
  action: 'directory.read',
  title: '单位组',
  async filters(_ctx, _user, q) {
    return q.q ? [['搜索', q.q]] : [];
  },
  columns: [
    { header: '名称', value: (g) => g.name, width: 20 },
    { header: '别名', value: (g) => g.aliases.join('、'), width: 20 },
    { header: '成员按计划确定', value: (g) => yesNo(g.decidedPerPlan), width: 14 },
    { header: '候选单位类型', value: (g) => g.candidateKinds.map((k) => nameOf(UNIT_KIND, k)).join('、') },
    { header: '成员数', kind: 'integer', value: (g) => g.members.length },
    { header: '成员', kind: 'long', value: (g) => g.members.map((m) => m.name).join('、'), width: 80 },
  ],
  /** Every group, through the page's words (each in the name, an alias or a member's name). */
  async *rows(ctx, _user, q) {
    const terms = searchTerms(q.q ?? '');
    const pages = pagesOf((page, pageSize) =>
      pagedGroups(ctx.db.kysely, { page, pageSize }).then((r) => ({ total: r.total, items: r.groups })),
    );
    for await (const batch of pages)
      yield batch.filter((g) => matchesAll(terms, [g.name, ...g.aliases, ...g.members.map((m) => m.name)]));
  },
});
