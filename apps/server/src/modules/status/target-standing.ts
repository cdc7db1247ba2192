/**
 * Targets one by one (issue 12 item 14): each unit's standing on each target of its assignment, and for a
 * city-wide target the sum of every unit's contribution against the whole target, with its progress and
 * light (core `targetLight`: reached, or paced against the time gone).
 */
import type { TargetStanding, TargetTotal } from '@lantian/contract';
import { finalDue, type IsoDate, targetLight, targetProgress } from '@lantian/core';
import {
  type AssignmentFactsRow,
  judgedAgainst,
  judgeTarget,
  latestTargetValues,
  targetsDue,
} from './compute.ts';

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export interface StandingClock {
  /** The plan period's first day: the pacing starts there. */
  start: IsoDate;
  asOf: IsoDate;
}

/** Each target of one assignment, as judged for its unit. */
export function targetStandings(f: AssignmentFactsRow, clock: StandingClock): TargetStanding[] {
  const values = latestTargetValues(f.reports);
  const due = targetsDue(f);
  return f.targets.map((t) => {
    const value = values.get(t.id) ?? null;
    const goal = judgedAgainst(t);
    if (goal === null)
      return { targetId: t.id, cityWide: !!t.cityWide, goal: null, value, progress: null, light: null };
    // The same judgement the assignment's light takes for a share (compute.ts).
    const { progress, light } = judgeTarget(t, goal, value, { ...clock, due });
    return {
      targetId: t.id,
      cityWide: !!t.cityWide,
      goal,
      value,
      progress: round(progress),
      light: f.closedOn ? 'done' : light,
    };
  });
}

/**
 * The city-wide targets of one measure, from all its assignments: each unit's latest signed-off value
 * (the latest period among its assignments, when it has several roles) summed against the whole target.
 */
export function targetTotals(
  rows: readonly AssignmentFactsRow[],
  unitNames: ReadonlyMap<string, string>,
  clock: StandingClock,
): TargetTotal[] {
  const first = rows[0];
  if (!first) return [];
  const due = finalDue(first.deadline) ?? null;
  const units = [...new Set(rows.map((r) => r.unitId))];
  // The latest value per unit and target: rows are oldest period first within an assignment.
  const latest = new Map<string, { period: string; value: number }>();
  for (const r of rows)
    for (const rep of r.reports) {
      if (rep.state !== 'submitted' && rep.state !== 'accepted') continue;
      for (const v of rep.targetValues) {
        const key = `${r.unitId}|${v.targetId}`;
        const seen = latest.get(key);
        if (!seen || seen.period <= rep.period) latest.set(key, { period: rep.period, value: v.value });
      }
    }
  return first.targets
    .filter((t) => t.cityWide)
    .map((t) => {
      const contributions = units.map((unitId) => {
        const value = latest.get(`${unitId}|${t.id}`)?.value ?? null;
        const share =
          rows.find((r) => r.unitId === unitId)?.targets.find((x) => x.id === t.id)?.share ?? null;
        const light =
          share === null
            ? null
            : targetLight({
                comparison: t.comparison,
                progress: targetProgress({ comparison: t.comparison, target: share, value }),
                reported: value !== null,
                ...clock,
                due,
              });
        return { unitId, unitName: unitNames.get(unitId) ?? '', value, share, light };
      });
      const reported = contributions.filter((c) => c.value !== null);
      const sum = round(reported.reduce((a, c) => a + (c.value as number), 0));
      const progress = targetProgress({ comparison: t.comparison, target: t.value, value: sum });
      return {
        targetId: t.id,
        target: t.value,
        sum,
        reported: reported.length,
        units: units.length,
        progress: round(progress),
        light: targetLight({
          comparison: t.comparison,
          progress,
          reported: reported.length > 0,
          ...clock,
          due,
        }),
        due,
        contributions,
      };
    });
}
