/**
 * What a plan's monthly bulletin (通报) says, gathered from the modules that own the facts: the lights
 * as they stood at the month's end (recomputed from the facts recorded by then, as the dashboard's
 * trend does), the notices, extensions and closures of the month, the rankings published for it, and
 * the month's problem cases (every unit's, as the rankings are).
 */
import type {
  BulletinItem,
  BulletinResponse,
  BulletinTexts,
  BulletinUnitRow,
  LightCounts,
} from '@lantian/contract';
import { type IsoDate, type Reason, reasonText } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { casesOfMonth } from '../cases/cases.bulletin.ts';
import { closuresClosedBetween } from '../closures/closures.query.ts';
import { unitsByIds } from '../directory/directory.repository.ts';
import { extensionsApprovedBetween } from '../extensions/extensions.query.ts';
import { noticesOfPeriod } from '../notices/notices.query.ts';
import { measureNo } from '../notifications/measure-no.ts';
import { measuresOf, planById, planSections, planTasks } from '../plans/plans.repository.ts';
import { rankingsPublishedFor } from '../rankings/rankings.service.ts';
import { countLights } from '../status/status.query.ts';
import { type ComputedAssignment, computePlanStatuses } from '../status/summary.ts';
import { monthEnd } from '../status/trend.query.ts';
import { beijingDay, endOfDayIso, todayOf } from '../supervision/day.ts';
import { bulletinTexts } from './bulletin.texts.ts';

/** The first instant of a Beijing month, as UTC ISO. */
const monthStartIso = (month: string) => endOfDayIso(addDay(`${month}-01`, -1));

function addDay(day: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const REPORT_CODES = new Set(['REPORT_MISSING', 'REPORT_OVERDUE']);

/** Reports owed and not delivered, from an assignment's folded report reasons. */
const reportsMissing = (reasons: Reason[]) =>
  reasons.filter((r) => REPORT_CODES.has(r.code)).reduce((n, r) => n + (r.count ?? 1), 0);

/** The per-unit table, ranked: share on time (green or closed) first, then fewer overdue, fewer missing. */
export function unitRows(statuses: ComputedAssignment[], names: Map<string, string>): BulletinUnitRow[] {
  const byUnit = new Map<string, ComputedAssignment[]>();
  for (const s of statuses) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s]);
  const rows = [...byUnit].map(([unitId, list]) => {
    const c = countLights(list.map((s) => s.light));
    return {
      rank: 0,
      unitId,
      unitName: names.get(unitId) ?? unitId,
      assignments: list.length,
      onTime: c.green,
      behind: c.yellow,
      overdue: c.red,
      closed: c.done,
      reportsMissing: list.reduce((n, s) => n + reportsMissing(s.reasons), 0),
    };
  });
  const share = (r: BulletinUnitRow) => (r.onTime + r.closed) / r.assignments;
  const compare = (a: BulletinUnitRow, b: BulletinUnitRow) =>
    share(b) - share(a) || a.overdue - b.overdue || a.reportsMissing - b.reportsMissing;
  rows.sort((a, b) => compare(a, b) || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && compare(prev, r) === 0 ? prev.rank : i + 1;
  });
  return rows;
}

/**
 * Red, then yellow items: one line per measure and unit (a unit holding two roles on a measure is
 * one line), with its reasons worded as of the day.
 */
function itemsOf(
  statuses: ComputedAssignment[],
  names: Map<string, string>,
  texts: Map<string, string>,
  asOf: IsoDate,
): BulletinItem[] {
  const byKey = new Map<string, BulletinItem & { task: number; seq: number; all: Reason[] }>();
  for (const s of statuses) {
    if (s.light !== 'red' && s.light !== 'yellow') continue;
    const key = `${s.measureId}|${s.unitId}`;
    const seen = byKey.get(key);
    if (seen) {
      if (s.light === 'red') seen.light = 'red';
      seen.all.push(...s.reasons);
      continue;
    }
    byKey.set(key, {
      task: s.taskNo,
      seq: s.seq,
      measure: measureNo(s.taskNo, s.seq),
      measureText: texts.get(s.measureId) ?? '',
      unitName: names.get(s.unitId) ?? s.unitId,
      light: s.light,
      reasons: [],
      all: [...s.reasons],
    });
  }
  const out = [...byKey.values()];
  for (const item of out) {
    const own = item.all.filter((r) => r.light === item.light);
    item.reasons = [...new Set((own.length > 0 ? own : item.all).map((r) => reasonText(r, 'zh', asOf)))];
  }
  out.sort(
    (a, b) =>
      (a.light === b.light ? 0 : a.light === 'red' ? -1 : 1) ||
      a.task - b.task ||
      a.seq - b.seq ||
      a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'),
  );
  return out.map(({ task: _t, seq: _s, all: _a, ...item }) => item);
}

function sectionCounts(
  statuses: ComputedAssignment[],
  sections: { id: string; ordinal: string; title: string }[],
  tasks: { no: number; section: string | null }[],
) {
  const sectionOfTask = new Map(tasks.map((t) => [t.no, t.section]));
  return sections
    .map((sec) => ({
      ordinal: sec.ordinal,
      title: sec.title,
      counts: countLights(
        statuses.filter((s) => sectionOfTask.get(s.taskNo) === sec.ordinal).map((s) => s.light),
      ),
    }))
    .filter((s) => total(s.counts) > 0);
}

export const total = (c: LightCounts) => c.green + c.yellow + c.red + c.done;

/** The bulletin of a plan for a month: the office's document, of every unit (routes allow supervisors only). */
export async function bulletinFacts(
  ctx: AppContext,
  planId: string,
  period: string,
): Promise<BulletinResponse> {
  const db = ctx.db.kysely;
  const plan = await planById(db, planId);
  if (!plan) throw notFound('计划');
  if (plan.status === 'draft') throw new AppError('INVALID_STATE', '计划还是草稿，没有可通报的分工');
  const today = todayOf(ctx.clock);
  if (period > today.slice(0, 7))
    throw new AppError('BAD_REQUEST', `period：${period} 尚未开始（今天是 ${today}）`);
  const end = monthEnd(period);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as text; Math.min would give NaN
  const asOf = end < today ? end : today;
  const from = monthStartIso(period);
  const before = endOfDayIso(asOf);
  const [statuses, sections, tasks, measures, texts, notices, extensions, closures, rankings, cases] =
    await Promise.all([
      computePlanStatuses(ctx, db, plan.id, asOf, { recordedBefore: before }),
      planSections(db, plan.id),
      planTasks(db, plan.id),
      measuresOf(db, plan.id),
      bulletinTexts(db, plan.id, period),
      noticesOfPeriod(ctx, plan.id, from, before),
      extensionsApprovedBetween(ctx, plan.id, from, before),
      closuresClosedBetween(ctx, plan.id, from, before),
      rankingsPublishedFor(db, period, before),
      casesOfMonth(db, `${period}-01`, asOf, before),
    ]);
  const names = new Map(
    (await unitsByIds(db, [...new Set(statuses.map((s) => s.unitId))])).map((u) => [u.id, u.name]),
  );
  const measureText = new Map(measures.map((m) => [m.id, m.text]));
  return {
    planId: plan.id,
    planTitle: plan.title,
    period,
    asOf,
    texts: texts satisfies BulletinTexts,
    progress: {
      counts: countLights(statuses.map((s) => s.light)),
      sections: sectionCounts(statuses, sections, tasks),
    },
    units: unitRows(statuses, names),
    items: itemsOf(statuses, names, measureText, asOf),
    notices: notices.map((n) => ({
      id: n.id,
      number: n.number,
      unitName: n.unitName,
      level: n.level,
      measures: n.measures.map((m) => measureNo(m.task, m.seq)),
      issuedOn: beijingDay(n.issuedAt),
      replyDue: n.replyDue,
      state: n.state,
      answeredOn: n.answeredAt ? beijingDay(n.answeredAt) : null,
      issuedInPeriod: n.issuedAt >= from && n.issuedAt < before,
    })),
    extensions: extensions.map((x) => ({
      measure: measureNo(x.task, x.seq),
      unitName: x.unitName,
      subject: x.subject,
      originalDue: x.originalDue,
      newDue: x.requestedDue,
      decidedOn: beijingDay(x.decidedAt),
    })),
    closures: closures.map((c) => ({
      measure: measureNo(c.task, c.seq),
      unitName: c.unitName,
      closedOn: c.closedOn ?? beijingDay(c.decidedAt),
    })),
    rankings,
    cases,
  };
}
