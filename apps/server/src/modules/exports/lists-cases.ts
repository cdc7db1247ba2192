/**
 * Exports of problem cases (问题案件): every case the caller may list under the list's filter, and the
 * statistics' unit ranking over a range.
 */
import type { CaseStatsRow, CaseSummary } from '@lantian/contract';
import { STATE_NAMES } from '../cases/cases.kind.ts';
import { listCases } from '../cases/cases.query.ts';
import { caseStats } from '../cases/cases.stats.ts';
import { defineExport, pair } from './export-list.ts';
import { nameOf, unitName, yesNo } from './names.ts';
import { pagesOf } from './xlsx-writer.ts';

const SEVERITY = { low: '一般', medium: '较重', high: '严重' } as const;
const ORIGIN = {
  monitoring: '监测超标',
  alarm: '系统告警',
  inspection: '巡查',
  complaint: '投诉',
  manual: '人工登记',
} as const;

export const casesExport = defineExport<'cases', CaseSummary>({
  list: 'cases',
  action: 'case.read',
  title: '问题案件',
  async filters(ctx, _user, q) {
    const f: [string, string][] = [];
    if (q.state)
      f.push([
        '状态',
        q.state
          .split(',')
          .map((s) => nameOf(STATE_NAMES, s))
          .join('、'),
      ]);
    if (q.category) {
      const c = await ctx.db.kysely
        .selectFrom('case_categories')
        .select('name')
        .where('code', '=', q.category)
        .executeTakeFirst();
      f.push(['问题类别', c?.name ?? q.category]);
    }
    if (q.severity) f.push(['等级', nameOf(SEVERITY, q.severity)]);
    if (q.origin) f.push(['来源', nameOf(ORIGIN, q.origin)]);
    pair(f, '来源系统', q.source);
    if (q.unitId) f.push(['责任单位', await unitName(ctx.db.kysely, q.unitId)]);
    pair(f, '区', q.district);
    pair(f, '街道乡镇', q.street);
    pair(f, '关键词', q.q);
    pair(f, '受理起', q.from);
    pair(f, '受理止', q.to);
    if (q.overdue === 'true') f.push(['逾期', '是']);
    if (q.overdue === 'false') f.push(['逾期', '否']);
    if (q.awaitingMe === 'true') f.push(['范围', '待我办理']);
    return f;
  },
  columns: [
    { header: '案件编号', value: (c) => c.number, width: 16 },
    { header: '状态', value: (c) => nameOf(STATE_NAMES, c.state), width: 10 },
    { header: '问题类别', value: (c) => c.categoryName, width: 12 },
    { header: '等级', value: (c) => nameOf(SEVERITY, c.severity), width: 6 },
    { header: '来源', value: (c) => nameOf(ORIGIN, c.origin), width: 10 },
    { header: '来源系统', value: (c) => c.source, width: 12 },
    { header: '外部编号', value: (c) => c.externalId, width: 16 },
    { header: '区', value: (c) => c.district, width: 10 },
    { header: '街道乡镇', value: (c) => c.street, width: 12 },
    { header: '地址', value: (c) => c.address, width: 30 },
    { header: '区划代码', value: (c) => c.areaCode, width: 14 },
    { header: '纬度', kind: 'number', value: (c) => c.lat, width: 10 },
    { header: '经度', kind: 'number', value: (c) => c.lng, width: 10 },
    { header: '问题描述', kind: 'long', value: (c) => c.description, width: 40 },
    { header: '责任单位', value: (c) => c.unitName },
    { header: '发生时间', kind: 'datetime', value: (c) => c.occurredAt },
    { header: '受理时间', kind: 'datetime', value: (c) => c.reportedAt },
    { header: '派发时间', kind: 'datetime', value: (c) => c.dispatchedAt },
    { header: '办理时限', kind: 'date', value: (c) => c.dueOn },
    { header: '逾期', value: (c) => yesNo(c.overdue), width: 6 },
    { header: '销号时间', kind: 'datetime', value: (c) => c.closedAt },
    { header: '回头看日期', kind: 'date', value: (c) => c.revisitOn },
    { header: '返工次数', kind: 'integer', value: (c) => c.reworkCount },
    { header: '退回次数', kind: 'integer', value: (c) => c.returnCount },
    { header: '重复案件', value: (c) => yesNo(!!(c.duplicateOf || c.repeatOf)), width: 8 },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      listCases(ctx, user, { ...q, page, pageSize }).then((r) => ({ total: r.total, items: r.cases })),
    ),
});

type StatsLine = CaseStatsRow & { rank: number | null };

/** 案件统计's unit ranking (the table the office publishes) over a range, the total line last. */
export const caseStatsExport = defineExport<'case-stats', StatsLine>({
  list: 'case-stats',
  action: 'case.stats',
  title: '问题案件单位排名',
  async filters(_ctx, _user, q) {
    return [['收到日期', `${q.from} ~ ${q.to}`]];
  },
  columns: [
    { header: '排名', kind: 'integer', value: (r) => r.rank, width: 6 },
    { header: '单位', value: (r) => r.name, width: 24 },
    { header: '收到', kind: 'integer', value: (r) => r.received, width: 8 },
    { header: '派发', kind: 'integer', value: (r) => r.dispatched, width: 8 },
    { header: '办结', kind: 'integer', value: (r) => r.closed, width: 8 },
    { header: '按时办结', kind: 'integer', value: (r) => r.closedOnTime, width: 10 },
    { header: '按时办结率', kind: 'percent', value: (r) => r.onTimeClosureRate, width: 10 },
    { header: '逾期', kind: 'integer', value: (r) => r.overdue, width: 8 },
    { header: '办理天数中位数', kind: 'number', value: (r) => r.medianHandlingDays, width: 14 },
    { header: '返工率', kind: 'percent', value: (r) => r.reworkRate, width: 8 },
    { header: '重复率', kind: 'percent', value: (r) => r.repeatRate, width: 8 },
    { header: '反馈率', kind: 'percent', value: (r) => r.feedbackRate, width: 8 },
  ],
  /** The statistics' own query (its checks of the range included: a bad range is a 400 before any byte). */
  async *rows(ctx, _user, q) {
    const s = await caseStats(ctx, q);
    yield [...s.ranking, { ...s.total, rank: null }];
  },
});
