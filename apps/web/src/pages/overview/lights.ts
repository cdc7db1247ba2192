/**
 * The dashboard's red/yellow/green picture, from the server's status answers: measures by section,
 * units most in need of attention, and the month-by-month trend.
 */
import type { LightCounts, LightTrendResponse, MeasureStatus, UnitStatusResponse } from '@lantian/contract';
import { sectionOf } from '../plans/planFilters.ts';

type SectionLike = { id: string; ordinal: string; title: string };
type TaskLike = { no: number; id: string; name: string; section: string | null };

export const LIGHT_ORDER = ['red', 'yellow', 'green', 'done'] as const;

const zero = (): LightCounts => ({ red: 0, yellow: 0, green: 0, done: 0 });

export interface SectionLights {
  /** null: measures whose task has no section (plans without chapters). */
  sectionId: string | null;
  label: string;
  counts: LightCounts;
}

/** Measures by their light, per section of the plan, in the plan's order; tasks without a section at the end. */
export function lightsBySection(
  measures: readonly Pick<MeasureStatus, 'task' | 'light'>[],
  tasks: readonly TaskLike[],
  sections: readonly SectionLike[],
  noSectionLabel: string,
): SectionLights[] {
  const taskByNo = new Map(tasks.map((t) => [t.no, t]));
  const counts = new Map<string | null, LightCounts>();
  for (const m of measures) {
    const task = taskByNo.get(m.task);
    const id = sectionOf(task as Parameters<typeof sectionOf>[0], sections) ?? null;
    const c = counts.get(id) ?? zero();
    c[m.light]++;
    counts.set(id, c);
  }
  const out: SectionLights[] = sections
    .filter((s) => counts.has(s.id))
    .map((s) => ({ sectionId: s.id, label: `${s.ordinal}、${s.title}`, counts: counts.get(s.id) ?? zero() }));
  const loose = counts.get(null);
  if (loose) out.push({ sectionId: null, label: noSectionLabel, counts: loose });
  return out;
}

export type UnitLights = UnitStatusResponse['units'][number];

/** Units with red or yellow assignments first (most red, then most yellow), then the rest by name. */
export function unitsByAttention(units: readonly UnitLights[], limit: number): UnitLights[] {
  return [...units]
    .sort(
      (a, b) =>
        b.counts.red - a.counts.red ||
        b.counts.yellow - a.counts.yellow ||
        a.unitName.localeCompare(b.unitName, 'zh-CN'),
    )
    .slice(0, limit);
}

/** The change in red items from the previous month to the latest: what the trend says in one number. */
export function redChange(months: LightTrendResponse['months']): number | null {
  const last = months.at(-1);
  const before = months.at(-2);
  if (!last || !before) return null;
  return last.counts.red - before.counts.red;
}
