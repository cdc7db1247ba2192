import type { IsoDate } from '../plan/model.ts';
import { addDays, type ReportingPeriod } from './periods.ts';

export interface ReminderRules {
  /** Days before a milestone or deadline that a reminder (催办) goes out. */
  daysBefore: number[];
}

export const DEFAULT_REMINDER_RULES: ReminderRules = { daysBefore: [7, 3, 1] };

export type ReminderKind = 'milestone' | 'deadline' | 'report_missing';

/** A reminder that should exist as of a date; `key` makes it unique, so it is sent once. */
export interface ReminderDue {
  key: string;
  kind: ReminderKind;
  /** The date the reminder is about. */
  due: IsoDate;
  /** The day it is scheduled for. */
  sendOn: IsoDate;
  daysBefore?: number;
  period?: string;
  subject: string;
}

/**
 * Reminders owed for one responsibility as of `asOf`: one per milestone/deadline and offset whose day
 * has come and whose date has not passed, and one per report that is late. Reminders whose day was
 * missed (the job did not run) are still owed, so none is lost across a restart.
 */
export function remindersDue(
  input: {
    assignmentKey: string;
    dates: { kind: 'milestone' | 'deadline'; due: IsoDate; label: string }[];
    lateReports: ReportingPeriod[];
  },
  asOf: IsoDate,
  rules: ReminderRules = DEFAULT_REMINDER_RULES,
): ReminderDue[] {
  const out: ReminderDue[] = [];
  for (const d of input.dates) {
    if (d.due < asOf) continue;
    // Only the nearest offset that has come: a job that missed the 7-day day sends the 3-day one, not both.
    const offsets = [...rules.daysBefore].sort((a, b) => a - b);
    const due = offsets.find((n) => addDays(d.due, -n) <= asOf);
    if (due === undefined) continue;
    out.push({
      key: `${input.assignmentKey}:${d.kind}:${d.due}:${due}`,
      kind: d.kind,
      due: d.due,
      sendOn: addDays(d.due, -due),
      daysBefore: due,
      subject: d.label,
    });
  }
  for (const p of input.lateReports) {
    out.push({
      key: `${input.assignmentKey}:report:${p.key}`,
      kind: 'report_missing',
      due: p.due,
      sendOn: addDays(p.due, 1),
      period: p.key,
      subject: p.key,
    });
  }
  return out;
}
