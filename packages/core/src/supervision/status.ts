import type { Deadline, IsoDate } from '../plan/model.ts';
import { daysBetween, periodsToReport, type ReportingPeriod, type ReportingSettings } from './periods.ts';

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
  /** A target bound to an indicator misses it in the measured data (issue 9, monitoring/binding.ts). */
  | 'MEASURED_TARGET_MISSED';

export interface Reason {
  code: ReasonCode;
  light: 'yellow' | 'red';
  /** The date the reason is about: a milestone's or deadline's due date, or a report's due day. */
  due?: IsoDate;
  /** The reporting period, for report reasons. */
  period?: string;
  message: string;
  messageEn: string;
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
 * The light of one responsibility as of a date, with its reasons in words. Everything it needs is
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
  if (!completed) {
    for (const m of facts.milestones) {
      if (m.reachedOn && m.reachedOn <= asOf) continue;
      const due = m.extendedDue ?? m.due;
      if (due < asOf) {
        reasons.push({
          code: 'MILESTONE_OVERDUE',
          light: 'red',
          due,
          message: `节点“${m.raw}”已于 ${due} 到期，尚未完成`,
          messageEn: `${m.raw} milestone passed on ${due} without completion`,
        });
      } else if (daysBetween(asOf, due) <= rules.dueSoonDays) {
        reasons.push({
          code: 'MILESTONE_DUE_SOON',
          light: 'yellow',
          due,
          message: `节点“${m.raw}”将于 ${due} 到期（还有 ${daysBetween(asOf, due)} 天），尚未完成`,
          messageEn: `${m.raw} milestone is due on ${due} (in ${daysBetween(asOf, due)} days) and not done`,
        });
      }
    }
    const due = finalDue(facts.deadline, facts.extendedDue);
    if (due !== undefined) {
      const what = facts.extendedDue
        ? `延期后的完成时限（原为“${facts.deadline.raw}”）`
        : `完成时限“${facts.deadline.raw}”`;
      const whatEn = facts.extendedDue
        ? `the extended deadline (was ${facts.deadline.raw})`
        : `the deadline ${facts.deadline.raw}`;
      if (due < asOf) {
        reasons.push({
          code: 'DEADLINE_OVERDUE',
          light: 'red',
          due,
          message: `${what}已于 ${due} 到期，尚未完成`,
          messageEn: `${whatEn} passed on ${due} without completion`,
        });
      } else if (daysBetween(asOf, due) <= rules.dueSoonDays && !reasons.some((r) => r.due === due)) {
        reasons.push({
          code: 'DEADLINE_DUE_SOON',
          light: 'yellow',
          due,
          message: `${what}将于 ${due} 到期（还有 ${daysBetween(asOf, due)} 天），尚未完成`,
          messageEn: `${whatEn} is due on ${due} (in ${daysBetween(asOf, due)} days) and not done`,
        });
      }
    }
  }
  for (const p of periodsToReport(facts.deadline, planYear, reporting, asOf, facts.closedOn ?? undefined)) {
    reasons.push(...reportReasons(p, byPeriod.get(p.key), asOf, rules));
  }
  const light: Light = reasons.some((r) => r.light === 'red')
    ? 'red'
    : reasons.length > 0
      ? 'yellow'
      : 'green';
  return { light, reasons, completed };
}

function reportReasons(
  p: ReportingPeriod,
  report: ReportFact | undefined,
  asOf: IsoDate,
  rules: StatusRules,
): Reason[] {
  if (report?.state === 'returned') {
    return [
      {
        code: 'REPORT_RETURNED',
        light: 'red',
        period: p.key,
        due: p.due,
        message: `${p.key} 期进展报告被退回，尚未重新提交`,
        messageEn: `the ${p.key} progress report was returned and not resubmitted`,
      },
    ];
  }
  if ((report && counted(report)) || p.due >= asOf) return [];
  const late = daysBetween(p.due, asOf);
  const red = late > rules.reportRedAfterDays;
  return [
    {
      code: red ? 'REPORT_OVERDUE' : 'REPORT_MISSING',
      light: red ? 'red' : 'yellow',
      period: p.key,
      due: p.due,
      message: `${p.key} 期进展报告应于 ${p.due} 前报送，已逾期 ${late} 天未报`,
      messageEn: `the ${p.key} progress report was due on ${p.due} and is ${late} days late`,
    },
  ];
}

/** The light of a measure, task, plan or unit: red over yellow over green; done only when all are done. */
export function combineLights(lights: Light[]): Light {
  if (lights.length === 0) return 'green';
  if (lights.includes('red')) return 'red';
  if (lights.includes('yellow')) return 'yellow';
  if (lights.every((l) => l === 'done')) return 'done';
  return 'green';
}
