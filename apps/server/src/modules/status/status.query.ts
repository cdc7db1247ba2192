/**
 * Lights and progress per assignment, measure, task, plan and unit, read from the summaries. A unit's
 * users see their own assignments and everything on the measures they lead; supervisors see all.
 */
import {
  type AssignmentStatusView,
  type LightCounts,
  MEASURE_REASON_UNITS,
  type MeasureStatus,
  type MeasureStatusResponse,
  type PlanAssignmentStatusQuery,
  type PlanAssignmentStatusResponse,
  type PlanAssignmentStatusRow,
  type PlanMeasureStatusQuery,
  type PlanMeasureStatusResponse,
  type PlanStatusResponse,
} from '@lantian/contract';
import { combineLights, type Light, matchesAll, type Reason, searchTerms } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { visibleAssignment } from '../supervision/assignment.ts';
import { ensurePlanFresh } from './summary.ts';
import { assignmentTargetStandings, measureTargetViews } from './target-views.ts';

/** The plan named, or else the most recent published one. */
export async function resolvePlan(db: Executor, user: Principal, planId?: string) {
  let q = db.selectFrom('plans').select(['id', 'year', 'status', 'title', 'withdrawn_at']);
  q = planId
    ? q.where('id', '=', planId)
    : q.where('status', '=', 'published').orderBy('year', 'desc').orderBy('published_at', 'desc').limit(1);
  const plan = await q.executeTakeFirst();
  if (!plan) {
    if (planId) throw notFound('计划');
    throw new AppError('NOT_FOUND', '还没有已发布的计划');
  }
  // Drafts and withdrawn plans (撤回) are the office's alone.
  if ((plan.status === 'draft' || plan.withdrawn_at) && !user.roles.includes('supervisor'))
    throw notFound('计划');
  return plan;
}

interface SummaryRow {
  assignment_id: string;
  measure_id: string;
  unit_id: string;
  unit_name: string;
  role: 'lead' | 'responsible' | 'assisting';
  task_no: number;
  seq: number;
  light: Light;
  reasons: string;
  progress: number;
  completed: number;
  closed_on: string | null;
  next_due: string | null;
  last_period: string | null;
  last_state: string | null;
  computed_on: string;
}

export interface SummaryFilter {
  measureId?: string;
  measureIds?: readonly string[];
  unitId?: string;
  assignmentId?: string;
  task?: number;
  light?: Light;
  /** Words in the unit's name (all must match, folded as the lists fold them). */
  q?: string;
}

/**
 * The units whose name has every word of `q`, folded as the lists fold text (full-width forms, case,
 * spaces): read from the directory (a few thousand names at most), so that the summaries' query filters by id.
 */
export async function unitsNamed(db: Executor, q: string): Promise<string[] | undefined> {
  const terms = searchTerms(q);
  if (terms.length === 0) return undefined;
  const units = await db.selectFrom('units').select(['id', 'name']).execute();
  return units.filter((u) => matchesAll(terms, [u.name])).map((u) => u.id);
}

/** The plan's summaries the user may see, filtered in SQL (no columns selected). */
function scopedQuery(
  db: Executor,
  user: Principal,
  planId: string,
  filter: Omit<SummaryFilter, 'q'> & { unitIds?: readonly string[] },
) {
  let q = db.selectFrom('assignment_status as s').where('s.plan_id', '=', planId);
  if (filter.measureId) q = q.where('s.measure_id', '=', filter.measureId);
  if (filter.measureIds) q = q.where('s.measure_id', 'in', filter.measureIds);
  if (filter.unitId) q = q.where('s.unit_id', '=', filter.unitId);
  if (filter.unitIds) q = q.where('s.unit_id', 'in', filter.unitIds);
  if (filter.assignmentId) q = q.where('s.assignment_id', '=', filter.assignmentId);
  if (filter.task) q = q.where('s.task_no', '=', filter.task);
  if (filter.light) q = q.where('s.light', '=', filter.light);
  if (!user.roles.includes('supervisor')) {
    q = q.where((eb) =>
      eb.or([
        eb('s.unit_id', '=', user.unitId),
        eb(
          's.measure_id',
          'in',
          eb
            .selectFrom('assignments as l')
            .select('l.measure_id')
            .where('l.plan_id', '=', planId)
            .where('l.unit_id', '=', user.unitId)
            .where('l.role', '=', 'lead')
            .where('l.via_group_id', 'is', null),
        ),
      ]),
    );
  }
  return q;
}

/** The summaries of a plan the user may see (optionally of one measure or one unit). */
async function scopedSummaries(
  db: Executor,
  user: Principal,
  planId: string,
  filter: SummaryFilter = {},
  page?: { limit: number; offset: number },
): Promise<SummaryRow[]> {
  const { q: words, ...sql } = filter;
  const unitIds = words ? await unitsNamed(db, words) : undefined;
  if (unitIds?.length === 0 || sql.measureIds?.length === 0) return [];
  let q = scopedQuery(db, user, planId, { ...sql, unitIds })
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      's.assignment_id',
      's.measure_id',
      's.unit_id',
      'u.name as unit_name',
      's.role',
      's.task_no',
      's.seq',
      's.light',
      's.reasons',
      's.progress',
      's.completed',
      's.closed_on',
      's.next_due',
      's.last_period',
      's.last_state',
      's.computed_on',
    ]);
  q = q.orderBy('s.task_no').orderBy('s.seq').orderBy('u.name').orderBy('s.assignment_id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, progress: Number(r.progress), light: r.light as Light }));
}

export function countLights(lights: Light[]): LightCounts {
  const c = { green: 0, yellow: 0, red: 0, done: 0 };
  for (const l of lights) c[l]++;
  return c;
}

const average = (xs: number[]) =>
  xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10_000) / 10_000;

/**
 * Reasons of a measure: the same reason for several units listed once, with the units (rows come by
 * unit name) — all of them, or the first `cap`; `unitCount` counts them all.
 */
function mergeReasons(rows: SummaryRow[], cap = Number.POSITIVE_INFINITY) {
  const merged = new Map<string, Reason & { units: string[]; unitCount: number }>();
  for (const r of rows) {
    for (const reason of JSON.parse(r.reasons) as Reason[]) {
      const key = `${reason.code}|${reason.due ?? ''}|${reason.period ?? ''}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { ...reason, units: [r.unit_name], unitCount: 1 });
      else {
        seen.unitCount++;
        if (seen.units.length < cap) seen.units.push(r.unit_name);
      }
    }
  }
  return [...merged.values()].map((r) => ({ ...r, due: r.due ?? null, period: r.period ?? null }));
}

function measureStatusOf(rows: SummaryRow[], cap?: number): MeasureStatus {
  const first = rows[0] as SummaryRow;
  const lights = rows.map((r) => r.light);
  return {
    measureId: first.measure_id,
    task: first.task_no,
    seq: first.seq,
    light: combineLights(lights),
    progress: average(rows.map((r) => r.progress)),
    counts: countLights(lights),
    reasons: mergeReasons(rows, cap),
  };
}

function byKey<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

/** One measure's light and progress (from its assignments' summaries). */
export interface MeasureLight {
  measureId: string;
  task: number;
  light: Light;
  progress: number;
}

/**
 * Each visible measure's light and progress and every visible assignment's light, from the summaries'
 * light and progress columns only (no reasons): what the plan status and the dashboard count.
 */
export async function planLights(ctx: AppContext, user: Principal, planId?: string) {
  const plan = await resolvePlan(ctx.db.kysely, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows = await scopedQuery(ctx.db.kysely, user, plan.id, {})
    .select(['s.measure_id', 's.task_no', 's.seq', 's.light', 's.progress'])
    .orderBy('s.task_no')
    .orderBy('s.seq')
    .execute();
  const measures: MeasureLight[] = [...byKey(rows, (r) => r.measure_id).values()].map((list) => {
    const first = list[0] as (typeof list)[number];
    return {
      measureId: first.measure_id,
      task: first.task_no,
      light: combineLights(list.map((r) => r.light as Light)),
      progress: average(list.map((r) => Number(r.progress))),
    };
  });
  return { plan, asOf, measures, lights: rows.map((r) => r.light as Light) };
}

export async function planStatus(
  ctx: AppContext,
  user: Principal,
  planId?: string,
): Promise<PlanStatusResponse> {
  const { plan, asOf, measures, lights } = await planLights(ctx, user, planId);
  const tasks = await ctx.db.kysely
    .selectFrom('plan_tasks')
    .select(['no', 'name'])
    .where('plan_id', '=', plan.id)
    .orderBy('no')
    .execute();
  const perTask = byKey(measures, (m) => String(m.task));
  return {
    planId: plan.id,
    asOf,
    light: combineLights(measures.map((m) => m.light)),
    progress: average(measures.map((m) => m.progress)),
    counts: countLights(lights),
    measureCount: measures.length,
    tasks: tasks
      .filter((t) => perTask.has(String(t.no)))
      .map((t) => {
        const ms = perTask.get(String(t.no)) ?? [];
        return {
          task: t.no,
          name: t.name,
          light: combineLights(ms.map((m) => m.light)),
          progress: average(ms.map((m) => m.progress)),
          counts: countLights(ms.map((m) => m.light)),
        };
      }),
  };
}

/**
 * One page of the visible measures' statuses in plan order (of the measures named, or of one task):
 * the page's measures are chosen in SQL, then only their summaries read. Each reason names at most
 * `MEASURE_REASON_UNITS` units.
 */
export async function measureStatusPage(
  ctx: AppContext,
  user: Principal,
  planId: string,
  query: PlanMeasureStatusQuery,
): Promise<PlanMeasureStatusResponse> {
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const filter = { measureIds: query.measureId, task: query.task };
  const [counted, page] = await Promise.all([
    scopedQuery(db, user, plan.id, filter)
      .select((eb) => eb.fn.count<number | string>(eb.fn('distinct', [eb.ref('s.measure_id')])).as('n'))
      .executeTakeFirst(),
    scopedQuery(db, user, plan.id, filter)
      .select(['s.measure_id', 's.task_no', 's.seq'])
      .groupBy(['s.measure_id', 's.task_no', 's.seq'])
      .orderBy('s.task_no')
      .orderBy('s.seq')
      .orderBy('s.measure_id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  const ids = page.map((m) => m.measure_id);
  const rows = ids.length ? await scopedSummaries(db, user, plan.id, { measureIds: ids }) : [];
  const perMeasure = byKey(rows, (r) => r.measure_id);
  return {
    planId: plan.id,
    asOf,
    total: Number(counted?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    measures: ids.flatMap((id) => {
      const list = perMeasure.get(id);
      return list ? [measureStatusOf(list, MEASURE_REASON_UNITS)] : [];
    }),
  };
}

function statusView(r: SummaryRow, asOf: string): AssignmentStatusView {
  return {
    assignmentId: r.assignment_id,
    light: r.light,
    reasons: (JSON.parse(r.reasons) as Reason[]).map((x) => ({
      ...x,
      due: x.due ?? null,
      period: x.period ?? null,
    })),
    progress: r.progress,
    completed: r.completed === 1,
    closedOn: r.closed_on,
    nextDue: r.next_due,
    lastPeriod: r.last_period,
    lastState: r.last_state,
    // Rows not due for a recheck were computed earlier and still hold today.
    asOf,
  };
}

export async function measureStatus(
  ctx: AppContext,
  user: Principal,
  planId: string,
  measureId: string,
): Promise<MeasureStatusResponse> {
  const plan = await resolvePlan(ctx.db.kysely, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows = await scopedSummaries(ctx.db.kysely, user, plan.id, { measureId });
  if (rows.length === 0) throw notFound('措施的分工');
  const targets = await measureTargetViews(
    ctx.db.kysely,
    user,
    plan.id,
    measureId,
    rows.map((r) => r.assignment_id),
    asOf,
  );
  return {
    asOf,
    ...targets,
    measure: measureStatusOf(rows),
    assignments: rows.map((r) => ({
      ...statusView(r, asOf),
      unitId: r.unit_id,
      unitName: r.unit_name,
      role: r.role,
    })),
  };
}

type StatusFilter = Omit<PlanAssignmentStatusQuery, 'page' | 'pageSize'>;

function statusRow(r: SummaryRow, asOf: string): PlanAssignmentStatusRow {
  return {
    ...statusView(r, asOf),
    unitId: r.unit_id,
    unitName: r.unit_name,
    role: r.role,
    measureId: r.measure_id,
    task: r.task_no,
    seq: r.seq,
  };
}

/**
 * The assignments of a plan the user may see (supervisors all; units their own and those on the
 * measures they lead), each with its light, by unit, task, light and words in the unit's name.
 * A unit id outside that scope narrows to nothing more than the scope allows. Exports read all;
 * the HTTP list one page (`assignmentStatusPage`).
 */
export async function assignmentStatuses(
  ctx: AppContext,
  user: Principal,
  planId: string,
  filter: StatusFilter = {},
) {
  const plan = await resolvePlan(ctx.db.kysely, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows = await scopedSummaries(ctx.db.kysely, user, plan.id, filter);
  return { planId: plan.id, asOf, assignments: rows.map((r) => statusRow(r, asOf)) };
}

/** One page of `assignmentStatuses`, in plan order: filtered, counted and paged in SQL. */
export async function assignmentStatusPage(
  ctx: AppContext,
  user: Principal,
  planId: string,
  query: PlanAssignmentStatusQuery,
): Promise<PlanAssignmentStatusResponse> {
  const { page, pageSize, ...filter } = query;
  const db = ctx.db.kysely;
  const plan = await resolvePlan(db, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const { q: words, ...sql } = filter;
  const unitIds = words ? await unitsNamed(db, words) : undefined;
  const empty = unitIds?.length === 0;
  const [counted, rows] = empty
    ? [{ n: 0 }, []]
    : await Promise.all([
        scopedQuery(db, user, plan.id, { ...sql, unitIds })
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirst(),
        scopedSummaries(db, user, plan.id, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
      ]);
  return {
    planId: plan.id,
    asOf,
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
    assignments: rows.map((r) => statusRow(r, asOf)),
  };
}

export async function assignmentStatusOf(ctx: AppContext, user: Principal, assignmentId: string) {
  const a = await visibleAssignment(ctx.db.kysely, user, assignmentId);
  const asOf = await ensurePlanFresh(ctx, a.planId);
  const [row] = await scopedSummaries(ctx.db.kysely, user, a.planId, { assignmentId: a.id });
  if (!row) throw notFound('任务分工');
  return {
    status: statusView(row, asOf),
    targets: await assignmentTargetStandings(ctx.db.kysely, a.planId, a.id, asOf),
  };
}
