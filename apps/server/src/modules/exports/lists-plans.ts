/** Exports of the plan lists: plans, a plan's measures, its assignments, and 我的任务. */
import type { Assignment, Measure, MyAssignment, PlanSummary, UnitMention } from '@lantian/contract';
import { matchesAll, searchTerms } from '@lantian/core';
import { myAssignments } from '../assignments/my-assignments.ts';
import {
  listPlans,
  planAssignments,
  planDetail,
  planMeasures,
  planMeasuresPage,
} from '../plans/plans.query.ts';
import { defineExport, pair } from './export-list.ts';
import {
  LIGHT,
  measureNo,
  nameOf,
  PLAN_STATUS,
  planTitle,
  RESPONSIBILITY,
  UNIT_KIND,
  unitName,
} from './names.ts';
import { pagesOf } from './xlsx-writer.ts';

export const plansExport = defineExport<'plans', PlanSummary>({
  list: 'plans',
  action: 'plan.list',
  title: '行动计划',
  async filters(_ctx, _user, q) {
    return q.status ? [['状态', nameOf(PLAN_STATUS, q.status)]] : [];
  },
  columns: [
    { header: '标题', value: (p) => p.title, width: 40 },
    { header: '年度', kind: 'integer', value: (p) => p.year },
    { header: '状态', value: (p) => (p.withdrawnAt ? '已撤回' : nameOf(PLAN_STATUS, p.status)), width: 8 },
    { header: '版本', kind: 'integer', value: (p) => p.version, width: 6 },
    { header: '任务数', kind: 'integer', value: (p) => p.taskCount },
    { header: '措施数', kind: 'integer', value: (p) => p.measureCount },
    { header: '分工数', kind: 'integer', value: (p) => p.assignmentCount },
    { header: '解析提示数', kind: 'integer', value: (p) => p.warningCount, width: 10 },
    { header: '来源文件', value: (p) => p.sourceFileName, width: 30 },
    { header: '导入时间', kind: 'datetime', value: (p) => p.importedAt },
    { header: '导入人', value: (p) => p.importedBy, width: 10 },
    { header: '发布时间', kind: 'datetime', value: (p) => p.publishedAt },
    { header: '归档时间', kind: 'datetime', value: (p) => p.archivedAt },
    { header: '归档或撤回原因', value: (p) => p.archiveReason, width: 30 },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      listPlans(ctx.db.kysely, user, { ...q, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.plans,
      })),
    ),
});

const names = (ms: readonly UnitMention[], etAl: boolean) =>
  ms.map((m) => m.name).join('、') + (etAl ? '等' : '');

const DEADLINE_KIND = {
  date: '具体日期',
  period: '时间段',
  ongoing: '长期实施',
  milestones: '按时间节点',
} as const;

export const measuresExport = defineExport<'measures', Measure>({
  list: 'measures',
  action: 'plan.read',
  title: '计划措施',
  async filters(ctx, user, q) {
    const db = ctx.db.kysely;
    const detail = await planDetail(db, user, q.planId);
    const f: [string, string][] = [['计划', `${detail.plan.title}（${detail.plan.year}）`]];
    pair(f, '搜索', q.q);
    const section = detail.sections.find((x) => x.id === q.section);
    if (q.section) f.push(['部分', section ? `${section.ordinal}、${section.title}` : '（本计划无此部分）']);
    const task = detail.tasks.find((x) => x.no === q.task);
    if (q.task) f.push(['任务', task ? `${task.no}. ${task.name}` : String(q.task)]);
    if (q.unitId) f.push(['单位', await unitName(db, q.unitId)]);
    if (q.role) f.push(['职责', nameOf(RESPONSIBILITY, q.role)]);
    if (q.kind) f.push(['时限类型', nameOf(DEADLINE_KIND, q.kind)]);
    if (q.from || q.to) f.push(['截止日期', `${q.from ?? '…'} ~ ${q.to ?? '…'}`]);
    return f;
  },
  columns: [
    { header: '序号', value: (m) => measureNo(m.task, m.seq), width: 8 },
    { header: '重点任务', value: (m) => m.taskName, width: 30 },
    { header: '工作措施', kind: 'long', value: (m) => m.text, width: 70 },
    { header: '完成时限', value: (m) => m.deadline.raw, width: 20 },
    { header: '截止日期', kind: 'date', value: (m) => m.deadline.end ?? m.deadline.due },
    {
      header: '时间节点',
      kind: 'long',
      value: (m) => m.milestones.map((x) => `${x.due} ${x.text}`).join('\n'),
      width: 40,
    },
    { header: '量化指标', value: (m) => m.targets.map((x) => x.text).join('\n'), width: 30 },
    { header: '牵头单位', value: (m) => names(m.units.lead, m.leadEtAl), width: 24 },
    { header: '主责单位', value: (m) => names(m.units.responsible, m.responsibleEtAl), width: 24 },
    { header: '协办单位', value: (m) => names(m.units.assisting, m.assistingEtAl), width: 24 },
    { header: '原表行号', value: (m) => m.lines.join('、'), width: 10 },
  ],
  /** The plan's measures through the plan view's own filters (the page's query), in plan order, a page at a time. */
  rows: (ctx, user, q) => {
    const { planId, ...filters } = q;
    return pagesOf((page, pageSize) =>
      planMeasuresPage(ctx.db.kysely, user, planId, { ...filters, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.measures,
      })),
    );
  },
});

type AssignmentLine = Assignment & { measureText: string };

export const assignmentsExport = defineExport<'assignments', AssignmentLine>({
  list: 'assignments',
  action: 'assignment.read',
  title: '责任分解',
  async filters(ctx, user, q) {
    const f: [string, string][] = [['计划', await planTitle(ctx.db.kysely, user, q.planId)]];
    if (q.unitId) f.push(['单位', await unitName(ctx.db.kysely, q.unitId)]);
    if (q.role) f.push(['职责', nameOf(RESPONSIBILITY, q.role)]);
    if (q.task) f.push(['任务', String(q.task)]);
    if (q.light) f.push(['预警灯', nameOf(LIGHT, q.light)]);
    pair(f, '搜索', q.q);
    return f;
  },
  columns: [
    { header: '序号', value: (a) => measureNo(a.task, a.seq), width: 8 },
    { header: '工作措施', kind: 'long', value: (a) => a.measureText },
    { header: '单位', value: (a) => a.unitName },
    { header: '单位类别', value: (a) => nameOf(UNIT_KIND, a.unitKind), width: 10 },
    { header: '职责', value: (a) => nameOf(RESPONSIBILITY, a.role), width: 6 },
    { header: '来自单位组', value: (a) => a.viaGroup },
    { header: '代为', value: (a) => a.actingAs },
  ],
  async *rows(ctx, user, q) {
    const db = ctx.db.kysely;
    const [rows, measures] = await Promise.all([
      planAssignments(
        db,
        user,
        q.planId,
        { unitId: q.unitId, role: q.role, task: q.task, light: q.light },
        searchTerms(q.q ?? ''),
      ),
      planMeasures(db, user, q.planId),
    ]);
    const text = new Map(measures.map((m) => [m.id, m.text]));
    yield rows.map((a) => ({ ...a, measureText: text.get(a.measureId) ?? '' }));
  },
});

export const myWorkExport = defineExport<'my-work', MyAssignment>({
  list: 'my-work',
  action: 'assignment.readOwn',
  title: '我的任务',
  async filters(ctx, user, q) {
    const f: [string, string][] = [['单位', await unitName(ctx.db.kysely, user.unitId)]];
    if (q.planId) f.push(['计划', await planTitle(ctx.db.kysely, user, q.planId)]);
    if (q.role) f.push(['职责', nameOf(RESPONSIBILITY, q.role)]);
    pair(f, '搜索', q.q);
    return f;
  },
  columns: [
    { header: '计划', value: (a) => a.planTitle, width: 30 },
    { header: '年度', kind: 'integer', value: (a) => a.planYear },
    { header: '序号', value: (a) => measureNo(a.task, a.seq), width: 8 },
    { header: '重点任务', value: (a) => a.taskName, width: 30 },
    { header: '工作措施', kind: 'long', value: (a) => a.text },
    { header: '职责', value: (a) => nameOf(RESPONSIBILITY, a.role), width: 6 },
    { header: '来自单位组', value: (a) => a.viaGroup },
    { header: '完成时限', value: (a) => a.deadline.raw, width: 20 },
    { header: '截止日期', kind: 'date', value: (a) => a.deadline.due },
    {
      header: '时间节点',
      kind: 'long',
      value: (a) => a.milestones.map((x) => `${x.due} ${x.text}`).join('\n'),
      width: 40,
    },
    { header: '量化指标', value: (a) => a.targets.map((x) => x.text).join('\n'), width: 30 },
    { header: '牵头单位', value: (a) => a.leadUnits.join('、'), width: 24 },
  ],
  /** The unit's responsibilities through the page's filters (a role; words in the task or measure). */
  async *rows(ctx, user, q) {
    const terms = searchTerms(q.q ?? '');
    const rows = await myAssignments(ctx.db.kysely, user.unitId, q.planId);
    yield rows.filter((a) => (!q.role || a.role === q.role) && matchesAll(terms, [a.taskName, a.text]));
  },
});
