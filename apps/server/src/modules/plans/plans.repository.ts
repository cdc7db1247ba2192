/** SQL for plans and everything imported with them. */
import { type Insertable, PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';

/** Insert many rows in chunks that stay under both dialects' bound-parameter limits. */
export async function insertMany<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(20_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as Parameters<ReturnType<typeof db.insertInto<T>>['values']>[0];
    await db.insertInto(table).values(chunk).execute();
  }
}

/** Plans with the counts their summaries show. */
interface PlanFilter {
  id?: string;
  statuses?: string[];
  /** Leave out withdrawn plans (撤回: the office's alone). */
  hideWithdrawn?: boolean;
}

export async function countPlans(db: Executor, filter: PlanFilter): Promise<number> {
  let q = db.selectFrom('plans as p').where('p.importing_since', 'is', null);
  if (filter.statuses) q = q.where('p.status', 'in', filter.statuses as never[]);
  if (filter.hideWithdrawn) q = q.where('p.withdrawn_at', 'is', null);
  const row = await q
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function planSummaries(db: Executor, filter: PlanFilter & { limit?: number; offset?: number }) {
  let q = db
    .selectFrom('plans as p')
    .innerJoin('plan_documents as d', 'd.id', 'p.document_id')
    .leftJoin('users as u', 'u.id', 'p.imported_by')
    .select([
      'p.id',
      'p.title',
      'p.year',
      'p.status',
      'p.version',
      'p.warnings',
      'p.preamble',
      'p.imported_at',
      'p.published_at',
      'p.archived_at',
      'p.withdrawn_at',
      'p.archive_reason',
      'd.file_name',
      'u.username as imported_by_name',
    ])
    .select((eb) => {
      const n = eb.cast<number>(eb.fn.countAll(), 'integer').as('n');
      return [
        eb.selectFrom('plan_tasks as t').select(n).whereRef('t.plan_id', '=', 'p.id').as('task_count'),
        eb.selectFrom('measures as m').select(n).whereRef('m.plan_id', '=', 'p.id').as('measure_count'),
        eb.selectFrom('assignments as a').select(n).whereRef('a.plan_id', '=', 'p.id').as('assignment_count'),
      ];
    });
  // A draft still being written is nobody's to see (plan-draft-writer.ts).
  q = q.where('p.importing_since', 'is', null);
  if (filter.id) q = q.where('p.id', '=', filter.id);
  if (filter.statuses) q = q.where('p.status', 'in', filter.statuses as never[]);
  if (filter.hideWithdrawn) q = q.where('p.withdrawn_at', 'is', null);
  q = q.orderBy('p.imported_at', 'desc').orderBy('p.id');
  if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
  return q.execute();
}
export type PlanSummaryRow = Awaited<ReturnType<typeof planSummaries>>[number];

export async function planById(db: Executor, id: string) {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('id', '=', id)
    .where('importing_since', 'is', null)
    .executeTakeFirst();
}

/** The parse result as stored at import (before any correction). */
/**
 * The plan's footnotes from its stored parse, read out by the database: parsing the whole stored plan
 * (4 MB for 6,000 measures) in JavaScript held the event loop for most of a tenth of a second.
 */
export async function planNotes(db: Executor, planId: string): Promise<string[]> {
  const notes =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql<string | null>`(parse_result::json)->>'notes'`
      : sql<string | null>`json_extract(parse_result, '$.notes')`;
  const row = await db
    .selectFrom('plans')
    .select(notes.as('notes'))
    .where('id', '=', planId)
    .executeTakeFirst();
  return row?.notes ? (JSON.parse(row.notes) as string[]) : [];
}

export async function planDocument(db: Executor, planId: string) {
  return db
    .selectFrom('plans as p')
    .innerJoin('plan_documents as d', 'd.id', 'p.document_id')
    .select(['d.file_name', 'd.media_type', 'd.content', 'd.sha256', 'p.status'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export async function planSections(db: Executor, planId: string) {
  return db
    .selectFrom('plan_sections')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
}

export async function planTasks(db: Executor, planId: string) {
  return db
    .selectFrom('plan_tasks as t')
    .leftJoin('plan_sections as s', 's.id', 't.section_id')
    .select(['t.id', 't.no', 't.name', 's.ordinal as section'])
    .where('t.plan_id', '=', planId)
    .orderBy('t.no')
    .execute();
}

export async function taskById(db: Executor, planId: string, taskId: string) {
  return db
    .selectFrom('plan_tasks')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/** The plan's measures with their task's name in plan order: all, one, or some (by id). */
export async function measuresOf(db: Executor, planId: string, measureId?: string | readonly string[]) {
  let q = db
    .selectFrom('measures as m')
    .innerJoin('plan_tasks as t', 't.id', 'm.task_id')
    .selectAll('m')
    .select('t.name as task_name')
    .where('m.plan_id', '=', planId);
  if (typeof measureId === 'string') q = q.where('m.id', '=', measureId);
  else if (measureId) q = q.where('m.id', 'in', [...measureId]);
  return q.orderBy('m.task_no').orderBy('m.seq').execute();
}
/** The full texts of some measures, by id. */
export async function measureTexts(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('measures').select(['id', 'text']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.text]));
}

export type MeasureWithTask = Awaited<ReturnType<typeof measuresOf>>[number];

export async function milestonesOf(db: Executor, measureIds: readonly string[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('milestones')
    .selectAll()
    .where('measure_id', 'in', measureIds)
    .orderBy('measure_id')
    .orderBy('position')
    .execute();
}

export async function targetsOf(db: Executor, measureIds: readonly string[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('targets')
    .selectAll()
    .where('measure_id', 'in', measureIds)
    .orderBy('measure_id')
    .orderBy('position')
    .execute();
}

export async function mentionsOf(db: Executor, filter: { planId: string; measureIds?: readonly string[] }) {
  let q = db.selectFrom('measure_units').selectAll().where('plan_id', '=', filter.planId);
  if (filter.measureIds) {
    if (filter.measureIds.length === 0) return [];
    q = q.where('measure_id', 'in', filter.measureIds);
  }
  return q.orderBy('measure_id').orderBy('role').orderBy('position').execute();
}
export type MentionRow = Awaited<ReturnType<typeof mentionsOf>>[number];

export async function groupDecisions(db: Executor, planId: string) {
  const decisions = await db
    .selectFrom('plan_group_decisions')
    .selectAll()
    .where('plan_id', '=', planId)
    .execute();
  const units = await db
    .selectFrom('plan_group_decision_units as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.group_id', 'u.id', 'u.name'])
    .where('d.plan_id', '=', planId)
    .orderBy('u.name')
    .execute();
  return { decisions, units };
}

/** Assignments of a plan with their unit and measure; `visibleTo` limits them to a unit's scope. */
export interface AssignmentFilter {
  visibleToUnit?: string;
  unitId?: string;
  role?: string;
  measureId?: string;
  task?: number;
  /** Only assignments whose stored summary has this light. */
  light?: string;
  /**
   * Words, each resolved beforehand to the units whose name and the measures whose text contain it: an
   * assignment matches a word when its unit or its measure does, and must match every word.
   */
  words?: readonly { unitIds: readonly string[]; measureIds: readonly string[] }[];
}

/** The plan's assignments through the filter, in SQL (nothing selected). */
export function assignmentsQuery(db: Executor, planId: string, filter: AssignmentFilter) {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .where('a.plan_id', '=', planId);
  if (filter.unitId) q = q.where('a.unit_id', '=', filter.unitId);
  if (filter.task) q = q.where('m.task_no', '=', filter.task);
  const light = filter.light;
  if (light) {
    q = q.where('a.id', 'in', (eb) =>
      eb
        .selectFrom('assignment_status as s')
        .select('s.assignment_id')
        .where('s.plan_id', '=', planId)
        .where('s.light', '=', light as never),
    );
  }
  if (filter.role) q = q.where('a.role', '=', filter.role as never);
  if (filter.measureId) q = q.where('a.measure_id', '=', filter.measureId);
  for (const w of filter.words ?? []) {
    q = q.where((eb) =>
      eb.or([
        ...(w.unitIds.length ? [eb('a.unit_id', 'in', w.unitIds)] : []),
        ...(w.measureIds.length ? [eb('a.measure_id', 'in', w.measureIds)] : []),
      ]),
    );
  }
  const unit = filter.visibleToUnit;
  if (unit) {
    q = q.where((eb) =>
      eb.or([
        eb('a.unit_id', '=', unit),
        eb(
          'a.measure_id',
          'in',
          eb
            .selectFrom('assignments as l')
            .select('l.measure_id')
            .where('l.plan_id', '=', planId)
            .where('l.unit_id', '=', unit)
            .where('l.role', '=', 'lead')
            .where('l.via_group_id', 'is', null),
        ),
      ]),
    );
  }
  return q;
}

/** The filter matches nothing: a word that no unit name and no measure text contains. */
const matchesNothing = (filter: AssignmentFilter) =>
  (filter.words ?? []).some((w) => w.unitIds.length === 0 && w.measureIds.length === 0);

export async function planAssignments(
  db: Executor,
  planId: string,
  filter: AssignmentFilter,
  page?: { limit: number; offset: number },
) {
  if (matchesNothing(filter)) return [];
  let q = assignmentsQuery(db, planId, filter)
    .leftJoin('unit_groups as g', 'g.id', 'a.via_group_id')
    .select([
      'a.id',
      'a.measure_id',
      'a.unit_id',
      'a.role',
      'a.acting_as',
      'm.task_no',
      'm.seq',
      'u.name as unit_name',
      'u.kind as unit_kind',
      'g.name as via_group',
      'm.text as measure_text',
    ])
    .orderBy('m.task_no')
    .orderBy('m.seq')
    .orderBy('a.role')
    .orderBy('u.name')
    .orderBy('a.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

/** How many assignments the filter matches. */
export async function countPlanAssignments(db: Executor, planId: string, filter: AssignmentFilter) {
  if (matchesNothing(filter)) return 0;
  const row = await assignmentsQuery(db, planId, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Units that lead each of the given measures (expanded assignments). */
export async function leadUnitIdsOf(db: Executor, measureIds: readonly string[]) {
  if (measureIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('assignments')
    .select(['measure_id', 'unit_id'])
    .where('measure_id', 'in', measureIds)
    .where('role', '=', 'lead')
    .where('via_group_id', 'is', null)
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.measure_id, [...(out.get(r.measure_id) ?? []), r.unit_id]);
  return out;
}

export async function corrections(db: Executor, planId: string) {
  return db
    .selectFrom('corrections')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('corrected_at')
    .execute();
}

export async function recentImportsBy(db: Executor, userId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('imported_by', '=', userId)
    .where('imported_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
