/** From one assignment's recorded facts to its light, reasons and progress, through the core rules. */
import {
  type AssignmentFacts,
  addDays,
  assignmentProgress,
  assignmentStatus,
  type Comparison,
  closeOutDay,
  type Deadline,
  daysBetween,
  finalDue,
  type IsoDate,
  type Light,
  periodsToReport,
  type Reason,
  type ReportingSettings,
  type StatusRules,
  type TargetLight,
  targetLight,
  targetProgress,
} from '@lantian/core';
import type { ProgressStatusValue, ReportStateValue } from '../../db/schema.ts';
import {
  evaluateMeasured,
  type MeasuredSeries,
  mergeMeasuredLight,
} from '../indicators/bindings.evaluate.ts';
import type { ApprovedExtension } from '../supervision/assignment.ts';

export interface ReportSnapshot {
  period: string;
  state: ReportStateValue;
  status: ProgressStatusValue;
  milestonesReached: { milestoneId: string; reachedOn: IsoDate }[];
  targetValues: { targetId: string; value: number }[];
}

export interface AssignmentFactsRow {
  id: string;
  planId: string;
  measureId: string;
  unitId: string;
  role: 'lead' | 'responsible' | 'assisting';
  taskNo: number;
  seq: number;
  deadline: Deadline;
  milestones: { id: string; due: IsoDate; raw: string }[];
  /**
   * `cityWide`: the lead holds it for the whole city; this unit's value is its contribution, judged
   * against its `share` when the office set one, else not judged (targets/target-scope.ts).
   */
  targets: { id: string; value: number; comparison: Comparison; cityWide?: boolean; share?: number | null }[];
  /** Oldest period first; one per period. */
  reports: ReportSnapshot[];
  extensions: ApprovedExtension[];
  closedOn: IsoDate | null;
  /** Targets bound to an indicator, with the unit's measured series (indicators/bindings.service.ts). */
  measured?: MeasuredSeries[];
}

export interface ComputedStatus {
  light: Light;
  reasons: Reason[];
  completed: boolean;
  progress: number;
  nextDue: IsoDate | null;
  lastPeriod: string | null;
  lastState: string | null;
  closedOn: IsoDate | null;
}

const delivered = (r: ReportSnapshot) => r.state === 'submitted' || r.state === 'accepted';

/** The day each milestone was reported reached, in a signed-off report (the earliest such day). */
export function milestonesReached(reports: ReportSnapshot[]): Map<string, IsoDate> {
  const out = new Map<string, IsoDate>();
  for (const r of reports) {
    if (!delivered(r)) continue;
    for (const m of r.milestonesReached) {
      const seen = out.get(m.milestoneId);
      if (!seen || m.reachedOn < seen) out.set(m.milestoneId, m.reachedOn);
    }
  }
  return out;
}

/** The latest signed-off value of each target. */
export function latestTargetValues(reports: ReportSnapshot[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of reports) if (delivered(r)) for (const v of r.targetValues) out.set(v.targetId, v.value);
  return out;
}

/** The core rules' view of an assignment's recorded facts. */
function factsOf(f: AssignmentFactsRow): AssignmentFacts {
  const reached = milestonesReached(f.reports);
  return {
    deadline: f.deadline,
    extendedDue: f.extensions.find((e) => e.milestoneId === null)?.due ?? null,
    milestones: f.milestones.map((m) => ({
      due: m.due,
      raw: m.raw,
      reachedOn: reached.get(m.id) ?? null,
      extendedDue: f.extensions.find((e) => e.milestoneId === m.id)?.due ?? null,
    })),
    reports: f.reports.map((r) => ({ period: r.period, state: r.state, status: r.status })),
    closedOn: f.closedOn,
  };
}

/**
 * What a unit's value of a target is judged against: the target itself (each unit's own), the unit's share
 * of a city-wide target, or nothing (a city-wide target without a share: the total is the lead's).
 */
export function judgedAgainst(t: AssignmentFactsRow['targets'][number]): number | null {
  if (!t.cityWide) return t.value;
  return t.share ?? null;
}

type FactsTarget = AssignmentFactsRow['targets'][number];

/** The final day the assignment's targets are due by (an approved extension of the deadline moves it). */
export function targetsDue(f: AssignmentFactsRow): IsoDate | null {
  return finalDue(f.deadline, f.extensions.find((e) => e.milestoneId === null)?.due) ?? null;
}

/**
 * One target as judged for the unit against `goal` (its own value, or its share of a city-wide one):
 * progress, and the light paced over the time gone from `start` (core `targetLight`). The target
 * standings and the assignment's light (a share behind) both read it.
 */
export function judgeTarget(
  t: FactsTarget,
  goal: number,
  value: number | null,
  clock: { start: IsoDate; asOf: IsoDate; due: IsoDate | null },
): { progress: number; light: TargetLight } {
  const progress = targetProgress({ comparison: t.comparison, target: goal, value });
  return {
    progress,
    light: targetLight({ comparison: t.comparison, progress, reported: value !== null, ...clock }),
  };
}

/** The city-wide targets the unit has a share of (and that no indicator measures): judged in its light. */
function sharedTargets(f: AssignmentFactsRow): (FactsTarget & { share: number })[] {
  const measured = new Set((f.measured ?? []).map((m) => m.targetId));
  return f.targets.filter(
    (t): t is FactsTarget & { share: number } => !!t.cityWide && t.share != null && !measured.has(t.id),
  );
}

const TARGET_RANK = { green: 0, yellow: 1, red: 2 } as const;

/**
 * A unit behind on its share of a city-wide target is at least yellow (red when far behind or past due),
 * as its target standing shows, with the share and the due day as the reason's facts.
 */
function mergeShareLights(
  s: { light: Light; reasons: Reason[] },
  f: AssignmentFactsRow,
  values: Map<string, number>,
  start: IsoDate,
  asOf: IsoDate,
): void {
  const due = targetsDue(f);
  for (const t of sharedTargets(f)) {
    const { light } = judgeTarget(t, t.share, values.get(t.id) ?? null, { start, asOf, due });
    if (light === 'green') continue;
    s.reasons.push({
      code: 'TARGET_SHARE_BEHIND',
      light,
      subject: String(t.share),
      ...(due ? { due } : {}),
    });
    const current = s.light === 'done' ? 0 : TARGET_RANK[s.light];
    if (TARGET_RANK[light] > current) s.light = light;
  }
}

/** The light and reasons as of a day, and what the rest of the status is computed from. */
function judge(
  f: AssignmentFactsRow,
  planYear: number,
  settings: ReportingSettings,
  asOf: IsoDate,
  rules: StatusRules,
  targetStart: IsoDate,
) {
  const facts = factsOf(f);
  const s = assignmentStatus(facts, planYear, settings, asOf, rules);
  const closed = !!f.closedOn && f.closedOn <= asOf;
  const values = latestTargetValues(f.reports);
  const measured = evaluateMeasured(f.measured ?? [], planYear, asOf);
  if (!closed && !s.completed) {
    mergeMeasuredLight(s, measured);
    mergeShareLights(s, f, values, targetStart, asOf);
  }
  return { facts, s, closed, values, measured };
}

/** The light alone (what the trend counts): `computeStatus(…).light`, without progress and dates. */
export function computeLight(
  f: AssignmentFactsRow,
  planYear: number,
  settings: ReportingSettings,
  asOf: IsoDate,
  rules: StatusRules,
  targetStart: IsoDate = settings.start,
): Light {
  return judge(f, planYear, settings, asOf, rules, targetStart).s.light;
}

export function computeStatus(
  f: AssignmentFactsRow,
  planYear: number,
  settings: ReportingSettings,
  asOf: IsoDate,
  rules: StatusRules,
  /** Where the pacing of a target starts: the plan period's first day (the reporting start by default). */
  targetStart: IsoDate = settings.start,
): ComputedStatus {
  const { facts, s, closed, values, measured } = judge(f, planYear, settings, asOf, rules, targetStart);
  const progress = assignmentProgress({
    targets: f.targets.flatMap((t) => {
      const fromData = measured.get(t.id)?.progress;
      if (fromData !== undefined) return [fromData];
      const goal = judgedAgainst(t);
      return goal === null
        ? []
        : [targetProgress({ comparison: t.comparison, target: goal, value: values.get(t.id) })];
    }),
    milestonesDone: facts.milestones.map((m) => !!m.reachedOn && m.reachedOn <= asOf),
    done: closed || s.completed,
  });
  const last = f.reports[f.reports.length - 1];
  return {
    light: s.light,
    reasons: s.reasons,
    completed: s.completed,
    progress: Math.round(progress * 10_000) / 10_000,
    nextDue: nextDueOf(s.reasons, facts, asOf, s.completed || closed),
    lastPeriod: last?.period ?? null,
    lastState: last?.state ?? null,
    closedOn: f.closedOn,
  };
}

/** What is most urgent: the earliest date among the reasons, else the next open milestone or deadline. */
function nextDueOf(reasons: Reason[], facts: AssignmentFacts, asOf: IsoDate, done: boolean): IsoDate | null {
  // 未按期完成 is settled: it is no longer a date to chase.
  const dated = reasons
    .filter((r) => r.code !== 'UNFINISHED')
    .map((r) => r.due)
    .filter((d): d is IsoDate => !!d);
  if (dated.length > 0) return dated.sort()[0] as IsoDate;
  if (done) return null;
  const upcoming = [
    ...facts.milestones.filter((m) => !m.reachedOn).map((m) => m.extendedDue ?? m.due),
    finalDue(facts.deadline, facts.extendedDue),
  ].filter((d): d is IsoDate => !!d && d >= asOf);
  return upcoming.sort()[0] ?? null;
}

/**
 * The first day after `asOf` on which the status or the reminders owed could differ with no new facts:
 * a milestone or deadline entering its due-soon window, passing, or reaching a reminder day; a report
 * day passing, or its red threshold; the plan period closing on unfinished work. Reasons are facts
 * (no day counts), so nothing changes between those days. Null when nothing will change any more
 * (closed, or marked 未按期完成 with every report day behind).
 */
export function recheckOn(
  f: AssignmentFactsRow,
  s: ComputedStatus,
  planYear: number,
  settings: ReportingSettings,
  asOf: IsoDate,
  rules: StatusRules,
  reminderDays: readonly number[],
  targetStart: IsoDate = settings.start,
): IsoDate | null {
  if (f.closedOn && f.closedOn <= asOf) return null;
  let next: IsoDate | null = null;
  const add = (d: IsoDate) => {
    if (d > asOf && (next === null || d < next)) next = d;
  };
  if (!s.completed) {
    // A share's pace: the days its progress falls behind the time gone, then below 70 % of it.
    const due = targetsDue(f);
    const values = latestTargetValues(f.reports);
    const span = due ? daysBetween(targetStart, due) : 0;
    for (const t of span > 0 ? sharedTargets(f) : []) {
      const p = targetProgress({ comparison: t.comparison, target: t.share, value: values.get(t.id) });
      for (const x of [p * span, (p / 0.7) * span])
        if (Number.isFinite(x) && x < span) {
          add(addDays(targetStart, Math.floor(x)));
          add(addDays(targetStart, Math.floor(x) + 1));
        }
    }
    const reached = milestonesReached(f.reports);
    const dates = f.milestones
      .filter((m) => !reached.has(m.id))
      .map((m) => f.extensions.find((e) => e.milestoneId === m.id)?.due ?? m.due);
    const final = finalDue(f.deadline, f.extensions.find((e) => e.milestoneId === null)?.due);
    if (final) dates.push(final);
    for (const d of dates) {
      add(addDays(d, -rules.dueSoonDays));
      add(addDays(d, 1));
      for (const n of reminderDays) add(addDays(d, -n));
    }
    add(addDays(closeOutDay(factsOf(f), planYear, settings), 1));
  }
  const byPeriod = new Map(f.reports.map((r) => [r.period, r]));
  for (const p of periodsToReport(
    f.deadline,
    planYear,
    settings,
    addDays(asOf, 120),
    f.closedOn ?? undefined,
  )) {
    const r = byPeriod.get(p.key);
    if (r && delivered(r)) continue;
    add(addDays(p.due, 1));
    add(addDays(p.due, rules.reportRedAfterDays + 1));
  }
  return next;
}
