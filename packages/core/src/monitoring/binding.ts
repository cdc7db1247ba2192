/**
 * A measure's target bound to an indicator (task 13: 各区降尘量控制在5吨/平方公里·月左右): its progress and
 * light come from the area's measured values, not from typed figures.
 * - value: the aggregate (mean, or sum for counts) of the measured periods of the plan year up to the day;
 * - progress: the target's progress for that value;
 * - light: green when the latest period meets the target, yellow when it misses, red when the last
 *   `redAfter` periods all miss; no measured value yet: 数据不足, no light of its own (green).
 */
import type { Comparison } from '../plan/model.ts';
import { targetProgress } from '../supervision/progress.ts';

export interface MeasuredPoint {
  period: string;
  /** Last day of the period: a value counts once its period has ended. */
  end: string;
  value: number | null;
}

export interface MeasuredTarget {
  value: number | null;
  latest: { period: string; value: number | null } | null;
  progress: number;
  light: 'green' | 'yellow' | 'red';
  message: string;
}

/** Does a measured value meet a target? `about` allows 10 % off, and any amount on the better side. */
export function meetsTarget(
  comparison: Comparison,
  target: number,
  value: number,
  better: 'lower' | 'higher' = 'lower',
): boolean {
  switch (comparison) {
    case 'at_most':
      return value <= target;
    case 'at_least':
      return value >= target;
    case 'about':
      return (
        Math.abs(value - target) <= Math.abs(target) * 0.1 ||
        (better === 'lower' ? value <= target : value >= target)
      );
    default:
      return value === target;
  }
}

export function evaluateMeasuredTarget(input: {
  comparison: Comparison;
  target: number;
  unit: string;
  aggregate: 'mean' | 'sum';
  better: 'lower' | 'higher';
  points: readonly MeasuredPoint[];
  year: number;
  asOf: string;
  redAfter?: number;
}): MeasuredTarget {
  const redAfter = input.redAfter ?? 3;
  const due = input.points
    .filter((p) => p.end <= input.asOf && p.period.startsWith(String(input.year)))
    .sort((a, b) => (a.end < b.end ? -1 : 1));
  const valued = due.filter((p): p is MeasuredPoint & { value: number } => p.value !== null);
  const last = due[due.length - 1];
  if (valued.length === 0)
    return {
      value: null,
      latest: last ? { period: last.period, value: null } : null,
      progress: 0,
      light: 'green',
      message: '监测数据不足',
    };
  const sum = valued.reduce((a, p) => a + p.value, 0);
  const value = input.aggregate === 'sum' ? sum : sum / valued.length;
  // Meeting the target (on the better side of "about 5") is full progress.
  const progress = meetsTarget(input.comparison, input.target, value, input.better)
    ? 1
    : targetProgress({ comparison: input.comparison, target: input.target, value });
  const tail = valued.slice(-redAfter);
  const misses = tail.filter((p) => !meetsTarget(input.comparison, input.target, p.value, input.better));
  const latest = valued[valued.length - 1] as MeasuredPoint & { value: number };
  const latestMiss = !meetsTarget(input.comparison, input.target, latest.value, input.better);
  const light = !latestMiss
    ? 'green'
    : tail.length >= redAfter && misses.length === tail.length
      ? 'red'
      : 'yellow';
  const message = latestMiss
    ? `${latest.period} 实测 ${latest.value}${input.unit}，未达目标 ${input.target}${input.unit}${light === 'red' ? `（连续 ${redAfter} 期）` : ''}`
    : `${latest.period} 实测 ${latest.value}${input.unit}，达到目标`;
  return { value, latest: { period: latest.period, value: latest.value }, progress, light, message };
}
