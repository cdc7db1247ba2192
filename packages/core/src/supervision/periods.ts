import { daysInMonth, endOfMonth, isoDate } from '../deadline/dates.ts';
import type { Deadline, IsoDate } from '../plan/model.ts';

/** How often units report (填报周期). */
export type ReportingCycle = 'monthly' | 'biweekly' | 'quarterly';
export const REPORTING_CYCLES: readonly ReportingCycle[] = ['monthly', 'biweekly', 'quarterly'];

export interface ReportingSettings {
  cycle: ReportingCycle;
  /** Day of the month a monthly (or quarterly, in its last month) report is due; clamped to the month's end. */
  dueDay: number;
  /** First day reporting is required (default: 1 January of the plan year). */
  start: IsoDate;
  /**
   * Last day of the plan's period (default: 31 December of the plan year; a multi-year plan sets its
   * own). No report is owed for a period that begins after it.
   */
  end?: IsoDate;
}

/** The last day of a plan's period: its own, or the end of the plan year. */
export function periodEnd(settings: Pick<ReportingSettings, 'end'>, planYear: number): IsoDate {
  return settings.end ?? isoDate(planYear, 12, 31);
}

/** One reporting period: `2022-06` (monthly), `2022-06-H1` (biweekly) or `2022-Q2` (quarterly). */
export interface ReportingPeriod {
  key: string;
  start: IsoDate;
  end: IsoDate;
  /** The day the report for this period is due. */
  due: IsoDate;
}

const parts = (d: IsoDate) => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))] as const;
const pad = (n: number) => String(n).padStart(2, '0');

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

function dueIn(year: number, month: number, dueDay: number): IsoDate {
  return isoDate(year, month, Math.min(dueDay, daysInMonth(year, month)));
}

/** The period containing `date`. */
export function periodOf(
  date: IsoDate,
  settings: Pick<ReportingSettings, 'cycle' | 'dueDay'>,
): ReportingPeriod {
  const [y, m, d] = parts(date);
  switch (settings.cycle) {
    case 'monthly':
      return {
        key: `${y}-${pad(m)}`,
        start: isoDate(y, m, 1),
        end: endOfMonth(y, m),
        due: dueIn(y, m, settings.dueDay),
      };
    case 'biweekly': {
      const first = d <= 15;
      const end = first ? isoDate(y, m, 15) : endOfMonth(y, m);
      return {
        key: `${y}-${pad(m)}-${first ? 'H1' : 'H2'}`,
        start: first ? isoDate(y, m, 1) : isoDate(y, m, 16),
        end,
        due: end,
      };
    }
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      const last = q * 3;
      return {
        key: `${y}-Q${q}`,
        start: isoDate(y, last - 2, 1),
        end: endOfMonth(y, last),
        due: dueIn(y, last, settings.dueDay),
      };
    }
  }
}

/**
 * The same spans come up for every assignment of a plan (a year's status for hundreds of them, every
 * day): remember them. Periods are plain values; callers get their own array.
 */
const spans = new Map<string, readonly ReportingPeriod[]>();
const SPANS_KEPT = 5000;

/** Periods overlapping [from, to], in order. */
export function periodsBetween(
  from: IsoDate,
  to: IsoDate,
  settings: Pick<ReportingSettings, 'cycle' | 'dueDay'>,
): ReportingPeriod[] {
  if (from > to) return [];
  const key = `${from}|${to}|${settings.cycle}|${settings.dueDay}`;
  const known = spans.get(key);
  if (known) return known.slice();
  const out: ReportingPeriod[] = [];
  let p = periodOf(from, settings);
  while (p.start <= to) {
    out.push(Object.freeze(p));
    p = periodOf(addDays(p.end, 1), settings);
  }
  if (spans.size >= SPANS_KEPT) spans.clear();
  spans.set(key, out);
  return out.slice();
}

/**
 * The periods an assignment must report for, up to `asOf`: ongoing measures every period of the plan
 * period, windowed ones (`6—9月`) only in their window, dated ones from the start until they are
 * closed — never past the plan period's end (after it, unfinished work is marked once, not owed
 * a report per month forever).
 */
export function periodsToReport(
  deadline: Deadline,
  planYear: number,
  settings: ReportingSettings,
  asOf: IsoDate,
  closedOn?: IsoDate,
): ReportingPeriod[] {
  let from = settings.start;
  let to: IsoDate;
  const end = periodEnd(settings, planYear);
  if (deadline.kind === 'ongoing') to = end;
  else if (deadline.kind === 'period' && deadline.start && deadline.end) {
    if (deadline.start > from) from = deadline.start;
    to = deadline.end;
  } else to = asOf;
  if (end < to) to = end;
  if (closedOn && closedOn < to) to = closedOn;
  if (asOf < to) to = asOf;
  // A period is owed once it has begun; the report is late only after its due day.
  return periodsBetween(from, to, settings);
}
