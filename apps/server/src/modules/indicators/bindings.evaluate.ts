/**
 * The one function the status computation calls for targets bound to an indicator: their measured
 * standing (progress and light) as of a day. Pure: the series comes with the facts.
 */
import {
  type AssignmentStatus,
  type Comparison,
  evaluateMeasuredTarget,
  type MeasuredPoint,
  type MeasuredTarget,
} from '@lantian/core';

export interface MeasuredSeries {
  targetId: string;
  comparison: Comparison;
  target: number;
  unit: string;
  aggregate: 'mean' | 'sum';
  better: 'lower' | 'higher';
  points: MeasuredPoint[];
}

export function evaluateMeasured(
  series: readonly MeasuredSeries[],
  planYear: number,
  asOf: string,
): Map<string, MeasuredTarget> {
  return new Map(
    series.map((s) => [s.targetId, evaluateMeasuredTarget({ ...s, year: planYear, asOf })] as const),
  );
}

const RANK = { green: 0, yellow: 1, red: 2 } as const;

/** A missed bound target makes the assignment at least yellow (red after three periods), with the reason. */
export function mergeMeasuredLight(s: AssignmentStatus, measured: Map<string, MeasuredTarget>): void {
  for (const m of measured.values()) {
    if (m.light === 'green') continue;
    s.reasons.push({
      code: 'MEASURED_TARGET_MISSED',
      light: m.light,
      // Facts only (the period and the measured value); the web and CLI word them (reasonText).
      ...(m.latest ? { period: m.latest.period } : {}),
      ...(m.latest?.value != null ? { subject: String(m.latest.value) } : {}),
    });
    const current = s.light === 'done' ? 0 : RANK[s.light];
    if (RANK[m.light] > current) s.light = m.light;
  }
}
