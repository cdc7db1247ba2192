/**
 * Lights and progress per assignment, measure, task, plan and unit, read from the summaries. A unit's
 * users see their own assignments and everything on the measures they lead; supervisors see all.
 */
import type {
  AssignmentStatusView,
  LightCounts,
  MeasureStatus,
  MeasureStatusResponse,
  PlanAssignmentStatusQuery,
  PlanAssignmentStatusResponse,
  PlanStatusResponse,
  UnitStatusResponse,
} from '@lantian/contract';
import { combineLights, type Light, matchesAll, type Reason, searchTerms } from '@lantian/core';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { overdueCaseCounts } from '../cases/cases.overdue.ts';
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

/** The summaries of a plan the user may see (optionally of one measure or one unit). */
async function scopedSummaries(
  db: Executor,
  user: Principal,
  planId: string,
  filter: { measureId?: string; unitId?: string; assignmentId?: string; task?: number; light?: Light } = {},
): Promise<SummaryRow[]> {
  let q = db
    .selectFrom('assignment_status as s')
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
    ])
    .where('s.plan_id', '=', planId);
  if (filter.measureId) q = q.where('s.measure_id', '=', filter.measureId);
  if (filter.unitId) q = q.where('s.unit_id', '=', filter.unitId);
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
  const rows = await q.orderBy('s.task_no').orderBy('s.seq').orderBy('u.name').execute();
  return rows.map((r) => ({ ...r, progress: Number(r.progress), light: r.light as Light }));
}

export function countLights(lights: Light[]): LightCounts {
  const c = { green: 0, yellow: 0, red: 0, done: 0 };
  for (const l of lights) c[l]++;
  return c;
}

const average = (xs: number[]) =>
  xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10_000) / 10_000;

/** Reasons of a measure: the same reason for several units listed once, with the units. */
function mergeReasons(rows: SummaryRow[]) {
  const merged = new Map<string, Reason & { units: string[] }>();
  for (const r of rows) {
    for (const reason of JSON.parse(r.reasons) as Reason[]) {
      const key = `${reason.code}|${reason.due ?? ''}|${reason.period ?? ''}`;
      const seen = merged.get(key);
      if (seen) seen.units.push(r.unit_name);
      else merged.set(key, { ...reason, units: [r.unit_name] });
    }
  }
  return [...merged.values()].map((r) => ({ ...r, due: r.due ?? null, period: r.period ?? null }));
}

function measureStatusOf(rows: SummaryRow[]): MeasureStatus {
  const first = rows[0] as SummaryRow;
  const lights = rows.map((r) => r.light);
  return {
    measureId: first.measure_id,
    task: first.task_no,
    seq: first.seq,
    light: combineLights(lights),
    progress: average(rows.map((r) => r.progress)),
    counts: countLights(lights),
    reasons: mergeReasons(rows),
  };
}

function byKey<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

export async function planStatus(
  ctx: AppContext,
  user: Principal,
  planId?: string,
): Promise<PlanStatusResponse> {
  const plan = await resolvePlan(ctx.db.kysely, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows = await scopedSummaries(ctx.db.kysely, user, plan.id);
  const measures = [...byKey(rows, (r) => r.measure_id).values()].map(measureStatusOf);
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
    counts: countLights(rows.map((r) => r.light)),
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
    measures,
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
  filter: Omit<PlanAssignmentStatusQuery, 'page' | 'pageSize'> = {},
) {
  const { q, ...sql } = filter;
  const plan = await resolvePlan(ctx.db.kysely, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const terms = searchTerms(q ?? '');
  const rows = (await scopedSummaries(ctx.db.kysely, user, plan.id, sql)).filter(
    (r) => terms.length === 0 || matchesAll(terms, [r.unit_name]),
  );
  return {
    planId: plan.id,
    asOf,
    assignments: rows.map((r) => ({
      ...statusView(r, asOf),
      unitId: r.unit_id,
      unitName: r.unit_name,
      role: r.role,
      measureId: r.measure_id,
      task: r.task_no,
      seq: r.seq,
    })),
  };
}

/** One page of `assignmentStatuses`, in plan order. */
export async function assignmentStatusPage(
  ctx: AppContext,
  user: Principal,
  planId: string,
  query: PlanAssignmentStatusQuery,
): Promise<PlanAssignmentStatusResponse> {
  const { page, pageSize, ...filter } = query;
  const all = await assignmentStatuses(ctx, user, planId, filter);
  const offset = (page - 1) * pageSize;
  return {
    ...all,
    total: all.assignments.length,
    page,
    pageSize,
    assignments: all.assignments.slice(offset, offset + pageSize),
  };
}

export async function unitStatus(
  ctx: AppContext,
  user: Principal,
  planId?: string,
): Promise<UnitStatusResponse> {
  const plan = await resolvePlan(ctx.db.kysely, user, planId);
  const asOf = await ensurePlanFresh(ctx, plan.id);
  const rows = await scopedSummaries(ctx.db.kysely, user, plan.id, {
    unitId: user.roles.includes('supervisor') ? undefined : user.unitId,
  });
  const overdue = await overdueCaseCounts(ctx.db.kysely, asOf);
  const units = [...byKey(rows, (r) => r.unit_id).values()].map((list) => {
    const first = list[0] as SummaryRow;
    const lights = list.map((r) => r.light);
    const overdueCases = overdue.get(first.unit_id) ?? 0;
    return {
      unitId: first.unit_id,
      unitName: first.unit_name,
      // An overdue problem case is overdue work: the unit is red whatever its assignments show.
      light: overdueCases > 0 ? ('red' as const) : combineLights(lights),
      progress: average(list.map((r) => r.progress)),
      counts: countLights(lights),
      assignments: list.length,
      overdueCases,
    };
  });
  units.sort(
    (a, b) => b.counts.red - a.counts.red || b.counts.yellow - a.counts.yellow || a.progress - b.progress,
  );
  return { planId: plan.id, asOf, units };
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
