/**
 * The plan view's filters over a plan's measures, as read in memory. The server applies the same filters
 * in SQL (`plans/measures-filter.ts`: `GET /plans/:id/measures` and its export page through them);
 * `test/measures-paging.test.ts` holds the two to the same measures.
 */
import { matchesAll } from '@lantian/core';
import type { ResponsibilityRole } from './common.ts';
import type { Assignment, Measure, Task } from './plans.ts';

/** The plan view's filters; kept in the URL so a link (from the matrix, a colleague) opens the same view. */
export interface PlanFilters {
  q: string;
  section?: string;
  task?: number;
  unitId?: string;
  role?: ResponsibilityRole;
  kind?: Measure['deadline']['kind'];
  /** Due window, inclusive calendar days. */
  from?: string;
  to?: string;
}

/** The key of the section a task belongs to (the server may give the section's id or its ordinal). */
export function sectionOf(task: Task | undefined, sections: readonly { id: string; ordinal: string }[]) {
  if (!task?.section) return undefined;
  return sections.find((s) => s.id === task.section || s.ordinal === task.section)?.id;
}

/**
 * Measures that concern a unit in a role. Published plans answer from the expanded assignments (a group
 * such as 各区政府 counts for each member); drafts from the units named in the text.
 */
export function measuresOfUnit(
  measures: readonly Measure[],
  assignments: readonly Assignment[] | undefined,
  unitId: string,
  role?: ResponsibilityRole,
): Set<string> {
  if (assignments && assignments.length > 0) {
    return new Set(
      assignments.filter((a) => a.unitId === unitId && (!role || a.role === role)).map((a) => a.measureId),
    );
  }
  const ids = new Set<string>();
  for (const m of measures) {
    const roles = role ? [role] : (['lead', 'responsible', 'assisting'] as const);
    if (roles.some((r) => m.units[r].some((u) => u.unitId === unitId))) ids.add(m.id);
  }
  return ids;
}

/** The date a measure is judged by for the due window: its final date, or the end of its window. */
export function dueOf(m: Measure): string | null {
  if (m.deadline.kind === 'ongoing') return null;
  return m.deadline.end ?? m.deadline.due;
}

export function measureTexts(m: Measure): string[] {
  const names = (['lead', 'responsible', 'assisting'] as const).flatMap((r) =>
    m.units[r].flatMap((u) => [u.name, u.written, u.actingAs ?? '']),
  );
  return [m.text, m.taskName, m.deadline.raw, ...names];
}

export function applyFilters(
  measures: readonly Measure[],
  f: PlanFilters,
  ctx: {
    terms: readonly string[];
    sectionOfTask: (taskId: string) => string | undefined;
    unitMeasures?: Set<string>;
  },
): Measure[] {
  return measures.filter((m) => {
    if (f.section && ctx.sectionOfTask(m.taskId) !== f.section) return false;
    if (f.task && m.task !== f.task) return false;
    if (ctx.unitMeasures && !ctx.unitMeasures.has(m.id)) return false;
    if (f.kind && m.deadline.kind !== f.kind) return false;
    if (f.from || f.to) {
      const due = dueOf(m);
      if (!due) return false;
      if (f.from && due < f.from) return false;
      if (f.to && due > f.to) return false;
    }
    return matchesAll(ctx.terms, measureTexts(m));
  });
}
