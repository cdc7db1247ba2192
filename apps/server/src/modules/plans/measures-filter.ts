/**
 * The plan view's filters over a plan's measures (`PlanFilters`, as `applyFilters` in the contract reads
 * them in the browser) as SQL: section, task, a unit in a role, deadline kind, due window and words, so
 * that the page's measures are chosen, counted and paged by the database. Words are resolved first to the
 * measures whose texts contain them, folded as the lists fold (core `text/search.ts`: full-width forms,
 * case, spaces), which SQL cannot do the same way on SQLite and PostgreSQL.
 */
import type { MeasuresQuery } from '@lantian/contract';
import { fold } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import { type AssignmentFilter, assignmentsQuery } from './plans.repository.ts';

export type MeasureFilter = Omit<MeasuresQuery, 'page' | 'pageSize'>;

const ROLES = ['lead', 'responsible', 'assisting'] as const;

/** What the filter needs resolved before its SQL: `null` when nothing can match. */
export interface ResolvedMeasureFilter {
  task?: number;
  kind?: MeasureFilter['kind'];
  from?: string;
  to?: string;
  /** The sections whose tasks are kept. */
  sectionIds?: readonly string[];
  /** The unit's measures, from its assignments (published plans) or from the units the text names. */
  unit?:
    | { from: 'assignments'; filter: AssignmentFilter }
    | { from: 'mentions'; unitId: string; role?: MeasureFilter['role'] };
  /** Per word, the measures whose texts contain it: a measure must be in each. */
  words?: readonly (readonly string[])[];
}

/**
 * The sections a section filter keeps. The page reads a task's section by the ordinal the task carries
 * (`sectionOf`: the first section whose id or ordinal it is), so a section is kept when its ordinal
 * leads there, the wanted one included.
 */
export function sectionsNamed(sections: readonly { id: string; ordinal: string }[], wanted: string) {
  const first = (key: string) => sections.find((s) => s.id === key || s.ordinal === key)?.id;
  return sections.filter((s) => s.ordinal !== '' && first(s.ordinal) === wanted).map((s) => s.id);
}

/**
 * For each word, the plan's measures one of whose texts contains it (the measure's text, its task's name,
 * its deadline as written, and each unit named: name, as written, acting as): what `measureTexts` gives.
 */
export async function measuresWithWords(
  db: Executor,
  planId: string,
  terms: readonly string[],
): Promise<string[][]> {
  const [measures, mentions] = await Promise.all([
    db
      .selectFrom('measures as m')
      .innerJoin('plan_tasks as t', 't.id', 'm.task_id')
      .select(['m.id', 'm.text', 'm.deadline_raw', 't.name as task_name'])
      .where('m.plan_id', '=', planId)
      .execute(),
    db
      .selectFrom('measure_units')
      .select(['measure_id', 'name', 'written', 'acting_as'])
      .where('plan_id', '=', planId)
      .where('role', 'in', [...ROLES])
      .execute(),
  ]);
  const texts = new Map<string, string[]>(
    measures.map((m) => [m.id, [fold(m.text), fold(m.task_name), fold(m.deadline_raw)]]),
  );
  for (const u of mentions)
    texts.get(u.measure_id)?.push(fold(u.name), fold(u.written), fold(u.acting_as ?? ''));
  return terms.map((t) => [...texts].filter(([, list]) => list.some((x) => x.includes(t))).map(([id]) => id));
}

/** Nothing can match: a word no measure has, no section, no measure. */
export function matchesNothing(f: ResolvedMeasureFilter): boolean {
  return f.sectionIds?.length === 0 || (f.words ?? []).some((ids) => ids.length === 0);
}

/** The plan's measures through the filter, in SQL (nothing selected). */
export function filteredMeasuresQuery(db: Executor, planId: string, f: ResolvedMeasureFilter) {
  let q = db.selectFrom('measures as m').where('m.plan_id', '=', planId);
  const sections = f.sectionIds;
  if (sections)
    q = q.where('m.task_id', 'in', (eb) =>
      eb
        .selectFrom('plan_tasks as t')
        .select('t.id')
        .where('t.plan_id', '=', planId)
        .where('t.section_id', 'in', [...sections]),
    );
  if (f.task) q = q.where('m.task_no', '=', f.task);
  const unit = f.unit;
  if (unit?.from === 'assignments')
    q = q.where('m.id', 'in', assignmentsQuery(db, planId, unit.filter).select('a.measure_id'));
  if (unit?.from === 'mentions')
    q = q.where('m.id', 'in', (eb) =>
      eb
        .selectFrom('measure_units as mu')
        .select('mu.measure_id')
        .where('mu.plan_id', '=', planId)
        .where('mu.unit_id', '=', unit.unitId)
        .where('mu.role', 'in', unit.role ? [unit.role] : [...ROLES]),
    );
  if (f.kind) q = q.where('m.deadline_kind', '=', f.kind);
  if (f.from || f.to) {
    // The date a measure is judged by (`dueOf`): its window's end, else its final date; none for ongoing work.
    q = q.where('m.deadline_kind', '<>', 'ongoing').where((eb) => {
      const due = eb.fn.coalesce('m.deadline_end', 'm.deadline_due');
      return eb.and([
        eb(due, 'is not', null),
        eb(due, '<>', ''),
        ...(f.from ? [eb(due, '>=', f.from)] : []),
        ...(f.to ? [eb(due, '<=', f.to)] : []),
      ]);
    });
  }
  for (const ids of f.words ?? []) q = q.where('m.id', 'in', [...ids]);
  return q;
}
