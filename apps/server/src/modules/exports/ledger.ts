/**
 * Ledgers (台账): everything kept about a unit's work in one plan, or the whole plan's for the office, as one
 * workbook with a sheet per kind — assignments with their status, every report, every review step, every
 * evidence file's name, notices with their replies, extension and closure requests. Each sheet reads through
 * the owning module's own queries, scoped like the lists (a unit's people see their unit's ledger only).
 */
import type {
  Attachment,
  Closure,
  Extension,
  Notice,
  NoticeDetailResponse,
  PlanAssignmentStatusRow,
  Report,
} from '@lantian/contract';
import { reasonText } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';
import { listClosures } from '../closures/closures.query.ts';
import { listExtensions } from '../extensions/extensions.query.ts';
import { listNotices, noticeDetail } from '../notices/notices.query.ts';
import { planMeasures } from '../plans/plans.query.ts';
import { assignmentReports } from '../reporting/report-form.query.ts';
import { eventsOfReports } from '../reporting/reports.repository.ts';
import { assignmentStatuses } from '../status/status.query.ts';
import {
  CLOSURE_STATE,
  EXTENSION_STATE,
  LIGHT,
  measureNo,
  NOTICE_LEVEL,
  NOTICE_STATE,
  nameOf,
  PROGRESS,
  REPORT_STATE,
  RESPONSIBILITY,
  unitName,
} from './names.ts';
import { type AnySheetSpec, pagesOf, type SheetColumn } from './xlsx-writer.ts';

const EVENT_ACTION = {
  create: '创建',
  save: '保存',
  submit: '报送',
  signoff: '单位领导签发',
  signoff_reject: '单位领导退回',
  accept: '审核通过',
  return: '审核退回',
} as const;
const DECISION = { accepted: '通过', returned: '退回', sent_back: '退回' } as const;

interface LedgerData {
  assignments: (PlanAssignmentStatusRow & { text: string; deadline: string; due: string | null })[];
  reports: (Report & { no: string })[];
  events: {
    no: string;
    unitName: string;
    period: string;
    at: string;
    action: string;
    to: string;
    by: string | null;
    comment: string | null;
  }[];
  evidence: (Attachment & { owner: string; no: string; unitName: string })[];
  notices: Notice[];
  replies: (NoticeDetailResponse['replies'][number] & { notice: Notice })[];
  extensions: Extension[];
  closures: Closure[];
}

/** Read everything of the plan the caller may see, narrowed to one unit when `unitId` is given. */
async function readLedger(
  ctx: AppContext,
  user: Principal,
  planId: string,
  unitId?: string,
): Promise<LedgerData> {
  const db = ctx.db.kysely;
  const ofUnit = <T extends { unitId: string }>(rows: readonly T[]) =>
    unitId ? rows.filter((r) => r.unitId === unitId) : [...rows];
  const [status, measures] = await Promise.all([
    assignmentStatuses(ctx, user, planId, { unitId }),
    planMeasures(db, user, planId),
  ]);
  const measureById = new Map(measures.map((m) => [m.id, m]));
  const assignments = ofUnit(status.assignments)
    .map((a) => {
      const m = measureById.get(a.measureId);
      return {
        ...a,
        text: m?.text ?? '',
        deadline: m?.deadline.raw ?? '',
        due: m?.deadline.end ?? m?.deadline.due ?? null,
      };
    })
    .sort((a, b) => a.task - b.task || a.seq - b.seq || a.unitName.localeCompare(b.unitName));
  const reports: LedgerData['reports'] = [];
  for (const a of assignments) {
    for await (const batch of pagesOf((page, pageSize) =>
      assignmentReports(ctx, user, a.assignmentId, { page, pageSize }).then((r) => ({
        total: r.total,
        items: r.reports,
      })),
    ))
      reports.push(...batch.map((r) => ({ ...r, no: measureNo(a.task, a.seq) })));
  }
  reports.sort(
    (a, b) =>
      a.no.localeCompare(b.no, 'en', { numeric: true }) ||
      a.unitName.localeCompare(b.unitName) ||
      a.period.localeCompare(b.period),
  );
  const reportById = new Map(reports.map((r) => [r.id, r]));
  const events = (
    await eventsOfReports(
      db,
      reports.map((r) => r.id),
    )
  ).map((e) => {
    const r = reportById.get(e.report_id) as LedgerData['reports'][number];
    return {
      no: r.no,
      unitName: r.unitName,
      period: r.period,
      at: e.at,
      action: nameOf(EVENT_ACTION, e.action),
      to: nameOf(REPORT_STATE, e.to_state),
      by: e.display_name,
      comment: e.comment,
    };
  });
  const all = async <T>(
    fetch: (page: number, pageSize: number) => Promise<{ total: number; items: readonly T[] }>,
  ) => {
    const out: T[] = [];
    for await (const batch of pagesOf(fetch)) out.push(...batch);
    return out;
  };
  const [notices, extensions, closures] = await Promise.all([
    all((page, pageSize) =>
      listNotices(ctx, user, { planId, unitId, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.notices,
      })),
    ),
    all((page, pageSize) =>
      listExtensions(ctx, user, { planId, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.extensions,
      })),
    ),
    all((page, pageSize) =>
      listClosures(ctx, user, { planId, page, pageSize }).then((r) => ({
        total: r.total,
        items: r.closures,
      })),
    ),
  ]);
  const unitNotices = ofUnit(notices);
  const replies: LedgerData['replies'] = [];
  for (const n of unitNotices) {
    const d = await noticeDetail(ctx, user, n.id);
    replies.push(...d.replies.map((r) => ({ ...r, notice: n })));
  }
  const unitClosures = ofUnit(closures);
  const evidence: LedgerData['evidence'] = [
    ...reports.flatMap((r) =>
      r.evidence.map((e) => ({ ...e, owner: `进度报告 ${r.period}`, no: r.no, unitName: r.unitName })),
    ),
    ...unitClosures.flatMap((c) =>
      c.evidence.map((e) => ({
        ...e,
        owner: '销号申请',
        no: measureNo(c.task, c.seq),
        unitName: c.unitName,
      })),
    ),
    ...replies.flatMap((r) =>
      r.evidence.map((e) => ({
        ...e,
        owner: '督办单答复',
        no: noticeNos(r.notice),
        unitName: r.notice.unitName,
      })),
    ),
  ];
  return {
    assignments,
    reports,
    events,
    evidence,
    notices: unitNotices,
    replies,
    extensions: ofUnit(extensions),
    closures: unitClosures,
  };
}

const noticeNos = (n: Notice) => n.measures.map((m) => measureNo(m.task, m.seq)).join('、');

function sheets(d: LedgerData, title: string, filters: [string, string][], notes: string[]): AnySheetSpec[] {
  const sheet = <R>(name: string, columns: SheetColumn<R>[], rows: readonly R[]): AnySheetSpec => ({
    name,
    title: `${title} · ${name}`,
    filters,
    notes,
    columns,
    rows: [rows],
  });
  return [
    sheet<LedgerData['assignments'][number]>(
      '分工',
      [
        { header: '序号', value: (a) => measureNo(a.task, a.seq), width: 8 },
        { header: '工作措施', kind: 'long', value: (a) => a.text },
        { header: '单位', value: (a) => a.unitName },
        { header: '职责', value: (a) => nameOf(RESPONSIBILITY, a.role), width: 6 },
        { header: '完成时限', value: (a) => a.deadline, width: 20 },
        { header: '截止日期', kind: 'date', value: (a) => a.due },
        { header: '预警', value: (a) => nameOf(LIGHT, a.light), width: 8 },
        {
          header: '原因',
          kind: 'long',
          value: (a) => a.reasons.map((r) => reasonText(r, 'zh', a.asOf)).join('；'),
          width: 40,
        },
        { header: '进度', kind: 'percent', value: (a) => a.progress },
        { header: '最近期限', kind: 'date', value: (a) => a.nextDue },
        { header: '销号日期', kind: 'date', value: (a) => a.closedOn },
      ],
      d.assignments,
    ),
    sheet<LedgerData['reports'][number]>(
      '进度报告',
      [
        { header: '序号', value: (r) => r.no, width: 8 },
        { header: '单位', value: (r) => r.unitName },
        { header: '报告期', value: (r) => r.period, width: 10 },
        { header: '报送期限', kind: 'date', value: (r) => r.periodDue },
        { header: '状态', value: (r) => nameOf(REPORT_STATE, r.state), width: 14 },
        { header: '进展', value: (r) => nameOf(PROGRESS, r.status), width: 8 },
        { header: '完成情况', kind: 'long', value: (r) => r.summary },
        {
          header: '指标数值',
          value: (r) => r.targetValues.map((t) => String(t.value)).join('、'),
          width: 14,
        },
        { header: '报送时间', kind: 'datetime', value: (r) => r.submittedAt },
        { header: '报送人', value: (r) => r.submittedBy, width: 10 },
        { header: '签发时间', kind: 'datetime', value: (r) => r.signedOffAt },
        { header: '签发人', value: (r) => r.signedOffBy, width: 10 },
        { header: '审核结果', value: (r) => nameOf(DECISION, r.reviewDecision), width: 8 },
        { header: '审核意见', kind: 'long', value: (r) => r.reviewComment, width: 30 },
        { header: '审核人', value: (r) => r.reviewedBy, width: 10 },
        { header: '审核时间', kind: 'datetime', value: (r) => r.reviewedAt },
        { header: '佐证材料', value: (r) => r.evidence.map((e) => e.fileName).join('\n'), width: 30 },
      ],
      d.reports,
    ),
    sheet<LedgerData['events'][number]>(
      '审核记录',
      [
        { header: '序号', value: (e) => e.no, width: 8 },
        { header: '单位', value: (e) => e.unitName },
        { header: '报告期', value: (e) => e.period, width: 10 },
        { header: '时间', kind: 'datetime', value: (e) => e.at },
        { header: '步骤', value: (e) => e.action, width: 14 },
        { header: '结果状态', value: (e) => e.to, width: 14 },
        { header: '经办人', value: (e) => e.by, width: 10 },
        { header: '意见', kind: 'long', value: (e) => e.comment, width: 40 },
      ],
      d.events,
    ),
    sheet<LedgerData['evidence'][number]>(
      '佐证材料',
      [
        { header: '序号', value: (e) => e.no, width: 8 },
        { header: '单位', value: (e) => e.unitName },
        { header: '所属', value: (e) => e.owner, width: 18 },
        { header: '文件名', value: (e) => e.fileName, width: 36 },
        { header: '大小（字节）', kind: 'integer', value: (e) => e.size, width: 12 },
        { header: 'SHA-256', value: (e) => e.sha256, width: 30 },
        { header: '上传时间', kind: 'datetime', value: (e) => e.uploadedAt },
        { header: '上传人', value: (e) => e.uploadedBy, width: 10 },
      ],
      d.evidence,
    ),
    sheet<Notice>(
      '督办单',
      [
        { header: '单位', value: (n) => n.unitName },
        { header: '措施', value: noticeNos, width: 14 },
        { header: '级别', value: (n) => nameOf(NOTICE_LEVEL, n.level), width: 8 },
        { header: '督办事由', kind: 'long', value: (n) => n.reason, width: 40 },
        { header: '答复期限', kind: 'date', value: (n) => n.replyDue },
        { header: '状态', value: (n) => nameOf(NOTICE_STATE, n.state), width: 14 },
        { header: '签发时间', kind: 'datetime', value: (n) => n.issuedAt },
        { header: '签发人', value: (n) => n.issuedBy, width: 10 },
        { header: '办结时间', kind: 'datetime', value: (n) => n.closedAt },
      ],
      d.notices,
    ),
    sheet<LedgerData['replies'][number]>(
      '督办答复',
      [
        { header: '单位', value: (r) => r.notice.unitName },
        { header: '措施', value: (r) => noticeNos(r.notice), width: 14 },
        { header: '答复', kind: 'long', value: (r) => r.text },
        { header: '答复时间', kind: 'datetime', value: (r) => r.repliedAt },
        { header: '答复人', value: (r) => r.repliedBy, width: 10 },
        { header: '审核结果', value: (r) => nameOf(DECISION, r.decision), width: 8 },
        { header: '审核意见', kind: 'long', value: (r) => r.decisionComment, width: 30 },
        { header: '审核时间', kind: 'datetime', value: (r) => r.decidedAt },
        { header: '审核人', value: (r) => r.decidedBy, width: 10 },
      ],
      d.replies,
    ),
    sheet<Extension>(
      '延期申请',
      [
        { header: '序号', value: (x) => measureNo(x.task, x.seq), width: 8 },
        { header: '单位', value: (x) => x.unitName },
        { header: '延期事项', value: (x) => x.subject, width: 30 },
        { header: '原定日期', kind: 'date', value: (x) => x.originalDue },
        { header: '申请日期', kind: 'date', value: (x) => x.requestedDue },
        { header: '理由', kind: 'long', value: (x) => x.reason, width: 40 },
        { header: '状态', value: (x) => nameOf(EXTENSION_STATE, x.state) },
        { header: '申请时间', kind: 'datetime', value: (x) => x.requestedAt },
        { header: '审批人', value: (x) => x.decidedBy, width: 10 },
        { header: '审批意见', value: (x) => x.decisionComment, width: 24 },
      ],
      d.extensions,
    ),
    sheet<Closure>(
      '销号申请',
      [
        { header: '序号', value: (x) => measureNo(x.task, x.seq), width: 8 },
        { header: '单位', value: (x) => x.unitName },
        { header: '完成情况', kind: 'long', value: (x) => x.summary, width: 40 },
        { header: '状态', value: (x) => nameOf(CLOSURE_STATE, x.state) },
        { header: '申请时间', kind: 'datetime', value: (x) => x.requestedAt },
        { header: '决定人', value: (x) => x.decidedBy, width: 10 },
        { header: '决定意见', value: (x) => x.decisionComment, width: 24 },
        { header: '销号日期', kind: 'date', value: (x) => x.closedOn },
      ],
      d.closures,
    ),
  ];
}

/** The ledger's sheets and its filter, read before anything is sent (a refusal is an HTTP error). */
export async function ledgerWorkbook(
  ctx: AppContext,
  user: Principal,
  planId: string,
  unitId: string | undefined,
  notes: string[],
): Promise<{
  title: string;
  filters: [string, string][];
  sheets: AnySheetSpec[];
  counts: Record<string, number>;
}> {
  const data = await readLedger(ctx, user, planId, unitId);
  const plan = await ctx.db.kysely
    .selectFrom('plans')
    .select(['title', 'year'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  const filters: [string, string][] = [['计划', `${plan.title}（${plan.year}）`]];
  if (unitId) filters.push(['单位', await unitName(ctx.db.kysely, unitId)]);
  const title = unitId ? `${filters[1]?.[1]}台账` : '计划台账';
  const counts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
  return { title, filters, sheets: sheets(data, title, filters, notes), counts };
}
