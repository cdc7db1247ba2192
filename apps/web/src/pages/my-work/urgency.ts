import type { Deadline, Milestone } from '@lantian/contract';
import { addDays, daysBetween } from '../../lib/time.ts';

/** The four groups of 我的任务, most urgent first. */
export type Urgency = 'overdue' | 'dueSoon' | 'ongoing' | 'later';
export const URGENCIES: readonly Urgency[] = ['overdue', 'dueSoon', 'ongoing', 'later'];

/** "Due soon" means within this many days (inclusive). */
export const DUE_SOON_DAYS = 30;

export interface UrgencyInput {
  deadline: Deadline;
  milestones: readonly Milestone[];
}

export interface UrgencyResult {
  urgency: Urgency;
  /** The next date the unit has to meet: the next milestone, or the final deadline. */
  nextDate: string | null;
  /** The milestone that date belongs to, when it is one. */
  nextMilestone: Milestone | null;
  /** Days from today to `nextDate` (negative when overdue). */
  daysLeft: number | null;
}

/** The next milestone on or after today, if any. */
export function nextMilestone(milestones: readonly Milestone[], today: string): Milestone | null {
  let best: Milestone | null = null;
  for (const m of milestones) if (m.due >= today && (!best || m.due < best.due)) best = m;
  return best;
}

/**
 * Where a responsibility stands today (a Beijing calendar day):
 * - overdue: its final date has passed (for a window, the window has closed);
 * - dueSoon: a milestone or the final date falls within the next 30 days;
 * - ongoing: no final date (长期实施), or a window that is open now;
 * - later: everything else.
 * Until progress reports exist nothing is "done", so a passed final date is overdue.
 */
export function classify(input: UrgencyInput, today: string): UrgencyResult {
  const { deadline } = input;
  const milestone = nextMilestone(input.milestones, today);
  const final =
    deadline.kind === 'ongoing' ? null : ((deadline.kind === 'period' ? deadline.end : null) ?? deadline.due);
  const soonLimit = addDays(today, DUE_SOON_DAYS);
  if (final && final < today) {
    return { urgency: 'overdue', nextDate: final, nextMilestone: null, daysLeft: daysBetween(today, final) };
  }
  const candidates = [milestone?.due, final].filter((d): d is string => !!d).sort();
  const nextDate = candidates[0] ?? null;
  const isMilestone = !!milestone && nextDate === milestone.due;
  const result = (urgency: Urgency): UrgencyResult => ({
    urgency,
    nextDate,
    nextMilestone: isMilestone ? milestone : null,
    daysLeft: nextDate ? daysBetween(today, nextDate) : null,
  });
  if (nextDate && nextDate <= soonLimit) return result('dueSoon');
  if (deadline.kind === 'ongoing') return result('ongoing');
  if (deadline.kind === 'period' && deadline.start && deadline.start <= today) return result('ongoing');
  return result('later');
}

/** Group items by urgency, each group ordered by its next date (undated last), then by task and measure. */
export function groupByUrgency<T extends UrgencyInput & { task: number; seq: number }>(
  items: readonly T[],
  today: string,
): Record<Urgency, (T & UrgencyResult)[]> {
  const groups: Record<Urgency, (T & UrgencyResult)[]> = { overdue: [], dueSoon: [], ongoing: [], later: [] };
  for (const item of items) {
    const r = classify(item, today);
    groups[r.urgency].push({ ...item, ...r });
  }
  for (const list of Object.values(groups)) {
    list.sort(
      (a, b) =>
        (a.nextDate ?? '9999').localeCompare(b.nextDate ?? '9999') || a.task - b.task || a.seq - b.seq,
    );
  }
  return groups;
}
