/** Exports of the supervision lists: notifications, 督办单, 延期, 销号, the board and the review queue. */
import type {
  BoardRow,
  Closure,
  Extension,
  Notice,
  Notification,
  ReportQueueResponse,
} from '@lantian/contract';
import { matchesAll, reasonText, searchTerms } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';
import { listClosures } from '../closures/closures.query.ts';
import { listExtensions } from '../extensions/extensions.query.ts';
import { listNotices } from '../notices/notices.query.ts';
import { listNotifications } from '../notifications/notifications.service.ts';
import { reportQueue } from '../reporting/queue.query.ts';
import { boardRows } from '../status/board.query.ts';
import { resolvePlan } from '../status/status.query.ts';
import { ensurePlanFresh } from '../status/summary.ts';
import { defineExport, pair } from './export-list.ts';
import {
  assignmentName,
  BOARD_LIGHT,
  CLOSURE_STATE,
  EXTENSION_STATE,
  LIGHT,
  measureNo,
  NOTICE_LEVEL,
  NOTICE_STATE,
  nameOf,
  notificationKind,
  PROGRESS,
  planTitle,
  REPORT_STATE,
  RESPONSIBILITY,
  unitName,
  yesNo,
} from './names.ts';
import { pagesOf } from './xlsx-writer.ts';

export const notificationsExport = defineExport<'notifications', Notification>({
  list: 'notifications',
  action: 'notification.read',
  title: '我的消息',
  async filters(_ctx, _user, q) {
    const f: [string, string][] = [];
    if (q.unreadOnly === 'true') f.push(['状态', '未读']);
    pair(f, '日期', q.day);
    if (q.kind) f.push(['类别', notificationKind(q.kind)]);
    return f;
  },
  columns: [
    { header: '时间', kind: 'datetime', value: (n) => n.createdAt },
    { header: '类别', value: (n) => notificationKind(n.kind), width: 10 },
    { header: '标题', value: (n) => n.title, width: 36 },
    { header: '内容', kind: 'long', value: (n) => n.body },
    { header: '已读', value: (n) => yesNo(!!n.readAt), width: 6 },
    { header: '阅读时间', kind: 'datetime', value: (n) => n.readAt },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      listNotifications(ctx.db.kysely, user, { ...q, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.notifications,
      })),
    ),
});

const measuresText = (n: Notice) => n.measures.map((m) => `${measureNo(m.task, m.seq)} ${m.text}`).join('\n');

export const noticesExport = defineExport<'notices', Notice>({
  list: 'notices',
  action: 'notice.read',
  title: '督办单',
  async filters(ctx, user, q) {
    const f: [string, string][] = [];
    if (q.planId) f.push(['计划', await planTitle(ctx.db.kysely, user, q.planId)]);
    if (q.state) f.push(['状态', nameOf(NOTICE_STATE, q.state)]);
    if (q.level) f.push(['级别', nameOf(NOTICE_LEVEL, q.level)]);
    if (q.unitId) f.push(['单位', await unitName(ctx.db.kysely, q.unitId)]);
    if (q.overdue === 'true') f.push(['逾期', '是']);
    return f;
  },
  columns: [
    { header: '单位', value: (n) => n.unitName },
    { header: '级别', value: (n) => nameOf(NOTICE_LEVEL, n.level), width: 8 },
    { header: '初始级别', value: (n) => nameOf(NOTICE_LEVEL, n.initialLevel), width: 10 },
    { header: '措施', kind: 'long', value: measuresText },
    { header: '督办事由', kind: 'long', value: (n) => n.reason, width: 40 },
    { header: '答复期限', kind: 'date', value: (n) => n.replyDue },
    { header: '状态', value: (n) => nameOf(NOTICE_STATE, n.state), width: 14 },
    { header: '逾期', value: (n) => yesNo(n.overdue), width: 6 },
    { header: '签发时间', kind: 'datetime', value: (n) => n.issuedAt },
    { header: '签发人', value: (n) => n.issuedBy, width: 10 },
    { header: '升级时间', kind: 'datetime', value: (n) => n.escalatedAt },
    { header: '办结时间', kind: 'datetime', value: (n) => n.closedAt },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      listNotices(ctx, user, { ...q, page, pageSize }).then((r) => ({ total: r.total, items: r.notices })),
    ),
});

/** The filter line of a request list (延期 / 销号): plan, state, assignment, 待我审批. */
async function requestFilters(
  ctx: AppContext,
  user: Principal,
  q: { planId?: string; state?: string; assignmentId?: string; awaitingMe?: string },
  states: Record<string, string>,
): Promise<[string, string][]> {
  const f: [string, string][] = [];
  if (q.planId) f.push(['计划', await planTitle(ctx.db.kysely, user, q.planId)]);
  if (q.state) f.push(['状态', nameOf(states, q.state)]);
  if (q.assignmentId) f.push(['分工', await assignmentName(ctx.db.kysely, user, q.assignmentId)]);
  if (q.awaitingMe === 'true') f.push(['范围', '待我审批']);
  return f;
}

export const extensionsExport = defineExport<'extensions', Extension>({
  list: 'extensions',
  action: 'extension.read',
  title: '延期申请',
  filters: (ctx, user, q) => requestFilters(ctx, user, q, EXTENSION_STATE),
  columns: [
    { header: '措施', value: (x) => measureNo(x.task, x.seq), width: 8 },
    { header: '单位', value: (x) => x.unitName },
    { header: '延期事项', value: (x) => x.subject, width: 30 },
    { header: '原定日期', kind: 'date', value: (x) => x.originalDue },
    { header: '申请日期', kind: 'date', value: (x) => x.requestedDue },
    { header: '理由', kind: 'long', value: (x) => x.reason, width: 40 },
    { header: '状态', value: (x) => nameOf(EXTENSION_STATE, x.state) },
    { header: '申请时间', kind: 'datetime', value: (x) => x.requestedAt },
    { header: '申请人', value: (x) => x.requestedBy, width: 10 },
    { header: '牵头单位意见', value: (x) => x.leadComment, width: 24 },
    { header: '牵头审核人', value: (x) => x.leadBy, width: 10 },
    { header: '审批时间', kind: 'datetime', value: (x) => x.decidedAt },
    { header: '审批人', value: (x) => x.decidedBy, width: 10 },
    { header: '审批意见', value: (x) => x.decisionComment, width: 24 },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      listExtensions(ctx, user, { ...q, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.extensions,
      })),
    ),
});

export const closuresExport = defineExport<'closures', Closure>({
  list: 'closures',
  action: 'closure.read',
  title: '销号申请',
  filters: (ctx, user, q) => requestFilters(ctx, user, q, CLOSURE_STATE),
  columns: [
    { header: '措施', value: (x) => measureNo(x.task, x.seq), width: 8 },
    { header: '单位', value: (x) => x.unitName },
    { header: '完成情况', kind: 'long', value: (x) => x.summary, width: 40 },
    { header: '佐证材料', value: (x) => x.evidence.map((e) => e.fileName).join('\n'), width: 30 },
    { header: '状态', value: (x) => nameOf(CLOSURE_STATE, x.state) },
    { header: '申请时间', kind: 'datetime', value: (x) => x.requestedAt },
    { header: '申请人', value: (x) => x.requestedBy, width: 10 },
    { header: '报送时间', kind: 'datetime', value: (x) => x.submittedAt },
    { header: '牵头确认人', value: (x) => x.leadBy, width: 10 },
    { header: '牵头意见', value: (x) => x.leadComment, width: 24 },
    { header: '决定时间', kind: 'datetime', value: (x) => x.decidedAt },
    { header: '决定人', value: (x) => x.decidedBy, width: 10 },
    { header: '决定意见', value: (x) => x.decisionComment, width: 24 },
    { header: '销号日期', kind: 'date', value: (x) => x.closedOn },
  ],
  rows: (ctx, user, q) =>
    pagesOf((page, pageSize) =>
      listClosures(ctx, user, { ...q, page, pageSize }).then((r) => ({ total: r.total, items: r.closures })),
    ),
});

type BoardLine = BoardRow & { asOf: string };

export const boardExport = defineExport<'board', BoardLine>({
  list: 'board',
  action: 'board.export',
  title: '督办看板',
  async filters(ctx, user, q) {
    const db = ctx.db.kysely;
    const plan = await resolvePlan(db, user, q.planId);
    const f: [string, string][] = [['计划', `${plan.title}（${plan.year}）`]];
    if (q.light !== 'all') f.push(['预警', nameOf(BOARD_LIGHT, q.light)]);
    if (q.unitId) f.push(['单位', await unitName(db, q.unitId)]);
    if (q.role) f.push(['职责', nameOf(RESPONSIBILITY, q.role)]);
    if (q.section) {
      const s = await db
        .selectFrom('plan_sections')
        .select(['ordinal', 'title'])
        .where('id', '=', q.section)
        .where('plan_id', '=', plan.id)
        .executeTakeFirst();
      // An id names nothing to a reader: a section not in the plan is said so.
      f.push(['部分', s ? `${s.ordinal}、${s.title}` : '（本计划无此部分）']);
    }
    if (q.task) {
      const t = await db
        .selectFrom('plan_tasks')
        .select(['no', 'name'])
        .where('plan_id', '=', plan.id)
        .where('no', '=', q.task)
        .executeTakeFirst();
      f.push(['任务', t ? `${t.no}. ${t.name}` : `${q.task}（本计划无此任务）`]);
    }
    if (q.reason) f.push(['原因', reasonText({ code: q.reason }, 'zh')]);
    return f;
  },
  columns: [
    { header: '序号', value: (r) => measureNo(r.task, r.seq), width: 8 },
    { header: '措施', kind: 'long', value: (r) => r.measureText },
    { header: '单位', value: (r) => r.unitName },
    { header: '职责', value: (r) => nameOf(RESPONSIBILITY, r.role), width: 6 },
    { header: '预警', value: (r) => nameOf(LIGHT, r.light), width: 8 },
    {
      header: '原因',
      kind: 'long',
      value: (r) => r.reasons.map((x) => reasonText(x, 'zh', r.asOf)).join('；'),
      width: 40,
    },
    { header: '进度', kind: 'percent', value: (r) => r.progress },
    { header: '最近期限', kind: 'date', value: (r) => r.nextDue },
    { header: '最近报告期', value: (r) => r.lastPeriod, width: 12 },
    { header: '报告状态', value: (r) => nameOf(REPORT_STATE, r.lastState), width: 14 },
    {
      header: '在办督办单',
      value: (r) => (r.openNotice ? nameOf(NOTICE_LEVEL, r.openNotice.level) : ''),
      width: 10,
    },
  ],
  async *rows(ctx, user, q) {
    const plan = await resolvePlan(ctx.db.kysely, user, q.planId);
    const asOf = await ensurePlanFresh(ctx, plan.id);
    yield* pagesOf(async (page, pageSize) => {
      const rows = await boardRows(ctx.db.kysely, plan.id, { ...q, page, pageSize });
      return { total: Number.POSITIVE_INFINITY, items: rows.map((r) => ({ ...r, asOf })) };
    });
  },
});

export const reviewQueueExport = defineExport<'review-queue', ReportQueueResponse['rows'][number]>({
  list: 'review-queue',
  action: 'report.queue',
  title: '待审核报告',
  async filters(ctx, user, q) {
    const f: [string, string][] = [['类别', q.kind === 'signoff' ? '待签发' : '待审核']];
    if (q.planId) f.push(['计划', await planTitle(ctx.db.kysely, user, q.planId)]);
    if (q.decided === 'true') f.push(['含已审核', '是']);
    pair(f, '单位', q.unit);
    pair(f, '搜索', q.q);
    return f;
  },
  columns: [
    { header: '序号', value: (r) => measureNo(r.task, r.seq), width: 8 },
    { header: '措施', kind: 'long', value: (r) => r.measureText },
    { header: '单位', value: (r) => r.unitName },
    { header: '职责', value: (r) => nameOf(RESPONSIBILITY, r.role), width: 6 },
    { header: '报告期', value: (r) => r.period, width: 10 },
    { header: '报送期限', kind: 'date', value: (r) => r.periodDue },
    { header: '报告状态', value: (r) => nameOf(REPORT_STATE, r.state), width: 14 },
    { header: '进展', value: (r) => nameOf(PROGRESS, r.status), width: 8 },
    { header: '报送时间', kind: 'datetime', value: (r) => r.submittedAt },
    { header: '签发时间', kind: 'datetime', value: (r) => r.signedOffAt },
  ],
  /** The queue, through the page's own filters (a unit, words in the measure, unit, number or period). */
  async *rows(ctx, user, q) {
    const terms = searchTerms(q.q ?? '');
    const { unit, q: _words, ...query } = q;
    const pages = pagesOf((page, pageSize) =>
      reportQueue(ctx.db.kysely, user, { ...query, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.rows,
      })),
    );
    for await (const batch of pages) {
      yield batch.filter(
        (r) =>
          (!unit || r.unitName === unit) &&
          matchesAll(terms, [r.measureText, r.unitName, measureNo(r.task, r.seq), r.period]),
      );
    }
  },
});
