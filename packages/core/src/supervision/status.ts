import type { Deadline, IsoDate } from '../plan/model.ts';
import {
  daysBetween,
  periodEnd,
  periodsToReport,
  type ReportingPeriod,
  type ReportingSettings,
} from './periods.ts';

/** 预警灯: green on track, yellow needs attention, red overdue, done closed (销号). */
export type Light = 'green' | 'yellow' | 'red' | 'done';
export const LIGHTS: readonly Light[] = ['done', 'green', 'yellow', 'red'];

export type ReasonCode =
  | 'MILESTONE_OVERDUE'
  | 'DEADLINE_OVERDUE'
  | 'MILESTONE_DUE_SOON'
  | 'DEADLINE_DUE_SOON'
  | 'REPORT_MISSING'
  | 'REPORT_OVERDUE'
  | 'REPORT_RETURNED'
  | 'UNFINISHED'
  /** A target bound to an indicator misses it in the measured data (issue 9, monitoring/binding.ts). */
  | 'MEASURED_TARGET_MISSED'
  /** Behind on the unit's share of a city-wide target, paced over the time gone (`subject` the share, `due`). */
  | 'TARGET_SHARE_BEHIND';

/**
 * Why something is yellow or red, as a fact (kinds, dates, counts) — never a sentence: the web and
 * the CLI word it (`reasonText`), and anything that counts days does so at read time from `due`. So a
 * stored status changes only when its light or facts do, not every day.
 *
 * - `MILESTONE_*` / `DEADLINE_*`: `due` and `subject` (the milestone's or deadline's own words);
 *   `extended` when an approved extension moved it.
 * - `REPORT_MISSING` / `REPORT_OVERDUE`: the missing reports folded into one: `from`…`to`, `count`
 *   periods, `period` the latest, `due` the due day of the earliest (red once that one is
 *   `reportRedAfterDays` late).
 * - `REPORT_RETURNED`: one returned report, `period` and its `due`.
 * - `UNFINISHED` (未按期完成): the plan period ended with the work neither done nor closed; `due`
 *   the date it was due (the period's end for ongoing work), `to` the period's end. Once, for good.
 */
export interface Reason {
  code: ReasonCode;
  light: 'yellow' | 'red';
  due?: IsoDate;
  period?: string;
  from?: string;
  to?: string;
  count?: number;
  subject?: string;
  extended?: boolean;
}

/**
 * Report workflow (填报流程): staff draft → `pending_signoff` (to the unit leader) → `submitted` (signed
 * off, sent to the lead unit) → `accepted`, or `returned` with a comment (editable again, then resubmitted).
 */
export type ReportState = 'draft' | 'pending_signoff' | 'submitted' | 'accepted' | 'returned';
/** What the unit says of its progress (进展状态): 未启动 / 推进中 / 滞后 / 已完成. */
export type ProgressStatus = 'not_started' | 'on_track' | 'behind' | 'done';

export interface ReportFact {
  period: string;
  state: ReportState;
  status: ProgressStatus;
}

export interface AssignmentFacts {
  deadline: Deadline;
  /** An approved extension (延期) moves the final due date; the original stays in `deadline`. */
  extendedDue?: IsoDate | null;
  milestones: { due: IsoDate; raw: string; reachedOn?: IsoDate | null; extendedDue?: IsoDate | null }[];
  reports: ReportFact[];
  closedOn?: IsoDate | null;
}

export interface StatusRules {
  /** A milestone or deadline this many days ahead and not done is yellow. */
  dueSoonDays: number;
  /** A report missing this many days after its due day turns red. */
  reportRedAfterDays: number;
}

export const DEFAULT_STATUS_RULES: StatusRules = { dueSoonDays: 7, reportRedAfterDays: 10 };

export interface AssignmentStatus {
  light: Light;
  reasons: Reason[];
  /** True when the unit reported the work done (已完成) in a report that was not returned. */
  completed: boolean;
}

/** A report counts as delivered once the unit leader has signed it off. */
const counted = (r: ReportFact) => r.state === 'submitted' || r.state === 'accepted';

/** The latest report of each period, by the order they are given (oldest first). */
function latestByPeriod(reports: ReportFact[]): Map<string, ReportFact> {
  const m = new Map<string, ReportFact>();
  for (const r of reports) m.set(r.period, r);
  return m;
}

/** Final due date of a deadline, if it has one. */
export function finalDue(deadline: Deadline, extendedDue?: IsoDate | null): IsoDate | undefined {
  if (extendedDue) return extendedDue;
  if (deadline.kind === 'ongoing') return undefined;
  return deadline.due ?? deadline.end;
}

/**
 * The light of one responsibility as of a date, with its reasons as facts. Everything it needs is
 * passed in, so a whole plan year can be replayed with a fake clock.
 */
export function assignmentStatus(
  facts: AssignmentFacts,
  planYear: number,
  reporting: ReportingSettings,
  asOf: IsoDate,
  rules: StatusRules = DEFAULT_STATUS_RULES,
): AssignmentStatus {
  if (facts.closedOn && facts.closedOn <= asOf) return { light: 'done', reasons: [], completed: true };
  const reasons: Reason[] = [];
  const byPeriod = latestByPeriod(facts.reports);
  const completed = [...byPeriod.values()].some((r) => counted(r) && r.status === 'done');
  const due = finalDue(facts.deadline, facts.extendedDue);
  const closeOut = closeOutDay(facts, planYear, reporting);
  if (!completed && closeOut < asOf) {
    reasons.push({
      code: 'UNFINISHED',
      light: 'red',
      due: due ?? closeOut,
      to: periodEnd(reporting, planYear),
    });
  } else if (!completed) {
    for (const m of facts.milestones) {
      if (m.reachedOn && m.reachedOn <= asOf) continue;
      const mDue = m.extendedDue ?? m.due;
      const extended = m.extendedDue ? { extended: true } : {};
      if (mDue < asOf)
        reasons.push({ code: 'MILESTONE_OVERDUE', light: 'red', due: mDue, subject: m.raw, ...extended });
      else if (daysBetween(asOf, mDue) <= rules.dueSoonDays)
        reasons.push({ code: 'MILESTONE_DUE_SOON', light: 'yellow', due: mDue, subject: m.raw, ...extended });
    }
    if (due !== undefined) {
      const what = { subject: facts.deadline.raw, ...(facts.extendedDue ? { extended: true } : {}) };
      if (due < asOf) reasons.push({ code: 'DEADLINE_OVERDUE', light: 'red', due, ...what });
      else if (daysBetween(asOf, due) <= rules.dueSoonDays && !reasons.some((r) => r.due === due))
        reasons.push({ code: 'DEADLINE_DUE_SOON', light: 'yellow', due, ...what });
    }
  }
  reasons.push(
    ...reportReasons(
      periodsToReport(facts.deadline, planYear, reporting, asOf, facts.closedOn ?? undefined),
      byPeriod,
      asOf,
      rules,
    ),
  );
  const light: Light = reasons.some((r) => r.light === 'red')
    ? 'red'
    : reasons.length > 0
      ? 'yellow'
      : 'green';
  return { light, reasons, completed };
}

/**
 * The last day work can still be finished on time: the plan period's end, or a later due date an
 * extension granted. After it, unfinished work is 未按期完成.
 */
export function closeOutDay(
  facts: Pick<AssignmentFacts, 'deadline' | 'extendedDue' | 'milestones'>,
  planYear: number,
  reporting: Pick<ReportingSettings, 'end'>,
): IsoDate {
  let day = periodEnd(reporting, planYear);
  const due = finalDue(facts.deadline, facts.extendedDue);
  if (due && due > day) day = due;
  for (const m of facts.milestones) if (m.extendedDue && m.extendedDue > day) day = m.extendedDue;
  return day;
}

/** Returned reports one by one; the missing ones folded into a single fact (`2022-01 至 2022-10 共 10 期`). */
function reportReasons(
  periods: ReportingPeriod[],
  byPeriod: Map<string, ReportFact>,
  asOf: IsoDate,
  rules: StatusRules,
): Reason[] {
  const out: Reason[] = [];
  const missing: ReportingPeriod[] = [];
  for (const p of periods) {
    const report = byPeriod.get(p.key);
    if (report?.state === 'returned')
      out.push({ code: 'REPORT_RETURNED', light: 'red', period: p.key, due: p.due });
    else if (!(report && counted(report)) && p.due < asOf) missing.push(p);
  }
  const first = missing[0];
  const last = missing[missing.length - 1];
  if (first && last) {
    const red = daysBetween(first.due, asOf) > rules.reportRedAfterDays;
    out.push({
      code: red ? 'REPORT_OVERDUE' : 'REPORT_MISSING',
      light: red ? 'red' : 'yellow',
      due: first.due,
      period: last.key,
      from: first.key,
      to: last.key,
      count: missing.length,
    });
  }
  return out;
}

/** The light of a measure, task, plan or unit: red over yellow over green; done only when all are done. */
export function combineLights(lights: Light[]): Light {
  const counts = { red: 0, yellow: 0, green: 0, done: 0 };
  for (const l of lights) counts[l]++;
  return lightOfCounts(counts);
}

/** The same light from how many members have each light (as a tally in SQL gives them). */
export function lightOfCounts(c: Readonly<Record<Light, number>>): Light {
  const total = c.red + c.yellow + c.green + c.done;
  if (total === 0) return 'green';
  if (c.red > 0) return 'red';
  if (c.yellow > 0) return 'yellow';
  return c.done === total ? 'done' : 'green';
}
