import type { Comparison } from '../plan/model.ts';

export interface TargetProgressInput {
  comparison: Comparison;
  /** The target value (`180` for 180万辆次, `10` for a 10 % reduction). */
  target: number;
  /** The starting point; 0 when not given (a count that starts from nothing). */
  baseline?: number | null;
  /** The value reported to date; undefined when nothing was reported. */
  value?: number | null;
}

const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * How far a target is reached, 0…1: (value − baseline) / (target − baseline), in the direction its
 * comparison points. `reduce_by` and `increase_by` targets take the reported change itself as value.
 */
export function targetProgress({ comparison, target, baseline, value }: TargetProgressInput): number {
  if (value === undefined || value === null || !Number.isFinite(value)) return 0;
  const b = baseline ?? null;
  switch (comparison) {
    case 'at_least':
    case 'exactly':
    case 'reduce_by':
    case 'increase_by': {
      const base = b ?? 0;
      if (target === base) return value >= target ? 1 : 0;
      return clamp((value - base) / (target - base));
    }
    case 'at_most': {
      if (b === null || b <= target) return value <= target ? 1 : 0;
      return clamp((b - value) / (b - target));
    }
    case 'about': {
      if (b !== null && b !== target) return clamp((value - b) / (target - b));
      // Within 10 % of the target counts as reached.
      if (target === 0) return value === 0 ? 1 : 0;
      return Math.abs(value - target) / Math.abs(target) <= 0.1
        ? 1
        : clamp(1 - Math.abs(value - target) / Math.abs(target));
    }
  }
}

/**
 * Progress of a responsibility, 0…1: targets by their progress and milestones by completion, equally
 * weighted; with neither, done or not.
 */
export function assignmentProgress(input: {
  targets: number[];
  milestonesDone: boolean[];
  done: boolean;
}): number {
  if (input.done) return 1;
  const parts = [...input.targets.map(clamp), ...input.milestonesDone.map((m) => (m ? 1 : 0))];
  if (parts.length === 0) return 0;
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}
