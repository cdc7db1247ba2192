/** Reading plans, measures and assignments, filtered by what the caller may see. */
import type {
  Assignment as ApiAssignment,
  MeasuresQuery,
  MeasuresResponse,
  PlanAssignmentsQuery,
  PlanDetailResponse,
  PlansQuery,
} from '@lantian/contract';
import { matchesAll, searchTerms } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assignmentScope, authorize, BUSINESS_ROLES } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { pageOf } from '../supervision/common.ts';
import { withMeasureScopes } from '../targets/target-scope.ts';
import {
  filteredMeasuresQuery,
  type MeasureFilter,
  matchesNothing,
  measuresWithWords,
  type ResolvedMeasureFilter,
  sectionsNamed,
} from './measures-filter.ts';
import { presentMeasures, presentPlanSummary } from './plans.presenters.ts';
import * as repo from './plans.repository.ts';

const hidden = () => new AppError('NOT_FOUND', '计划不存在或无权查看');

/** A plan the caller may read (drafts only for supervisors); others look absent. */
async function visiblePlan(
  db: Executor,
  user: Principal,
  planId: string,
  action: 'plan.read' | 'plan.document' = 'plan.read',
) {
  const [plan] = await repo.planSummaries(db, { id: planId });
  if (!plan || !authorize(user, action, { type: 'plan', status: plan.status })) throw hidden();
  // A withdrawn plan (撤回) is the office's alone.
  if (plan.withdrawn_at && !user.roles.includes('supervisor')) throw hidden();
  return plan;
}

/** One page of the plans the caller may see: drafts and withdrawn plans are the office's alone. */
export async function listPlans(db: Executor, user: Principal, q: PlansQuery) {
  const paged = { page: q.page, pageSize: q.pageSize };
  if (!user.roles.some((r) => BUSINESS_ROLES.includes(r))) return { ...paged, total: 0, plans: [] };
  const office = user.roles.includes('supervisor');
  const visible = office ? undefined : ['published', 'archived'];
  const statuses = q.status ? (visible && !visible.includes(q.status) ? [] : [q.status]) : visible;
  if (statuses?.length === 0) return { ...paged, total: 0, plans: [] };
  const filter = { ...(statuses ? { statuses } : {}), hideWithdrawn: !office };
  const { limit, offset } = pageOf(q.page, q.pageSize);
  const [total, rows] = await Promise.all([
    repo.countPlans(db, filter),
    repo.planSummaries(db, { ...filter, limit, offset }),
  ]);
  return { ...paged, total, plans: rows.map(presentPlanSummary) };
}

export async function planDetail(db: Executor, user: Principal, planId: string): Promise<PlanDetailResponse> {
  const plan = await visiblePlan(db, user, planId);
  const [sections, tasks, notes] = await Promise.all([
    repo.planSections(db, planId),
    repo.planTasks(db, planId),
    repo.planNotes(db, planId),
  ]);
  return {
    plan: presentPlanSummary(plan),
    preamble: JSON.parse(plan.preamble) as string[],
    notes,
    sections: sections.map((s) => ({ id: s.id, ordinal: s.ordinal, title: s.title })),
    tasks: tasks.map((t) => ({ id: t.id, no: t.no, name: t.name, section: t.section })),
    warnings: JSON.parse(plan.warnings),
  };
}

export async function planMeasures(db: Executor, user: Principal, planId: string, measureId?: string) {
  await visiblePlan(db, user, planId);
  const measures = await repo.measuresOf(db, planId, measureId);
  const ids = measures.map((m) => m.id);
  const [milestones, targets, mentions] = await Promise.all([
    repo.milestonesOf(db, ids),
    repo.targetsOf(db, ids),
    measureId ? repo.mentionsOf(db, { planId, measureIds: ids }) : repo.mentionsOf(db, { planId }),
  ]);
  return withMeasureScopes(db, planId, presentMeasures(measures, milestones, targets, mentions));
}

/** The measures' parts (milestones, targets, units named, whose each target is), as the API gives them, in order. */
async function presentedMeasures(db: Executor, planId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const [measures, milestones, targets, mentions] = await Promise.all([
    repo.measuresOf(db, planId, ids),
    repo.milestonesOf(db, ids),
    repo.targetsOf(db, ids),
    repo.mentionsOf(db, { planId, measureIds: ids }),
  ]);
  const order = new Map(ids.map((id, i) => [id, i]));
  measures.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return withMeasureScopes(db, planId, presentMeasures(measures, milestones, targets, mentions));
}

/** The filter with what SQL cannot say resolved first: sections, the unit's source, words. */
async function resolveMeasureFilter(
  db: Executor,
  user: Principal,
  plan: { id: string; status: string },
  q: MeasureFilter,
  planTotal: number,
): Promise<ResolvedMeasureFilter> {
  const out: ResolvedMeasureFilter = { task: q.task, kind: q.kind, from: q.from, to: q.to };
  if (q.section) out.sectionIds = sectionsNamed(await repo.planSections(db, plan.id), q.section);
  if (q.unitId) {
    // A published plan answers from the expanded assignments the caller sees (a group such as 各区政府
    // counts for each member), unless the unit has none; a draft from the units its text names.
    const scope = assignmentScope(user);
    const filter = {
      unitId: q.unitId,
      role: q.role,
      visibleToUnit: scope.kind === 'unit' ? scope.unitId : undefined,
    };
    out.unit =
      plan.status !== 'draft' && (await repo.countPlanAssignments(db, plan.id, filter)) > 0
        ? { from: 'assignments', filter }
        : { from: 'mentions', unitId: q.unitId, role: q.role };
  }
  const terms = searchTerms(q.q ?? '');
  // A word every measure has filters nothing.
  if (terms.length > 0)
    out.words = (await measuresWithWords(db, plan.id, terms)).filter((ids) => ids.length < planTotal);
  return out;
}

/**
 * One page of the plan's measures through the plan view's filters (`applyFilters`, as the page applies
 * them), in plan order: filtered, counted and paged in SQL, then only the page's measures read whole.
 */
export async function planMeasuresPage(
  db: Executor,
  user: Principal,
  planId: string,
  q: MeasuresQuery,
): Promise<MeasuresResponse> {
  const { page, pageSize, ...filters } = q;
  const plan = await visiblePlan(db, user, planId);
  const planTotal = Number(plan.measure_count ?? 0);
  const resolved = await resolveMeasureFilter(db, user, plan, filters, planTotal);
  if (matchesNothing(resolved)) return { total: 0, page, pageSize, planTotal, measures: [] };
  const { limit, offset } = pageOf(page, pageSize);
  const [counted, rows] = await Promise.all([
    filteredMeasuresQuery(db, plan.id, resolved)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst(),
    filteredMeasuresQuery(db, plan.id, resolved)
      .select('m.id')
      .orderBy('m.task_no')
      .orderBy('m.seq')
      .orderBy('m.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return {
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
    planTotal,
    measures: await presentedMeasures(
      db,
      plan.id,
      rows.map((r) => r.id),
    ),
  };
}

/** Each word resolved to the units whose name and the plan's measures whose text contain it (folded as the lists fold). */
async function resolveWords(db: Executor, planId: string, terms: readonly string[]) {
  if (terms.length === 0) return undefined;
  const [units, measures] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).execute(),
    db.selectFrom('measures').select(['id', 'text']).where('plan_id', '=', planId).execute(),
  ]);
  return terms.map((t) => ({
    unitIds: units.filter((u) => matchesAll([t], [u.name])).map((u) => u.id),
    measureIds: measures.filter((m) => matchesAll([t], [m.text])).map((m) => m.id),
  }));
}

/**
 * One page of the assignments the caller may see, by unit, role, task, light and words (unit or measure):
 * filtered, counted and paged in SQL.
 */
export async function planAssignmentsPage(
  db: Executor,
  user: Principal,
  planId: string,
  q: PlanAssignmentsQuery,
  /** Brings the plan's stored lights up to today (a light filter reads them). */
  refreshLights: () => Promise<unknown>,
) {
  const { page, pageSize, q: words, ...filter } = q;
  await visiblePlan(db, user, planId);
  if (filter.light) await refreshLights();
  const { limit, offset } = pageOf(page, pageSize);
  const scope = assignmentScope(user);
  const sql = {
    ...filter,
    visibleToUnit: scope.kind === 'unit' ? scope.unitId : undefined,
    words: await resolveWords(db, planId, searchTerms(words ?? '')),
  };
  const [total, rows] = await Promise.all([
    repo.countPlanAssignments(db, planId, sql),
    readableAssignments(db, user, await repo.planAssignments(db, planId, sql, { limit, offset })),
  ]);
  return { total, page, pageSize, assignments: rows };
}

/** Assignments of a plan: all for supervisors; a unit's own, plus all on the measures it leads, for others. */
export async function planAssignments(
  db: Executor,
  user: Principal,
  planId: string,
  filter: { unitId?: string; role?: string; measureId?: string; task?: number; light?: string } = {},
  /** Words that the unit's name or the measure's text must all contain. */
  terms: readonly string[] = [],
): Promise<ApiAssignment[]> {
  await visiblePlan(db, user, planId);
  const scope = assignmentScope(user);
  const rows = await repo.planAssignments(db, planId, {
    ...filter,
    visibleToUnit: scope.kind === 'unit' ? scope.unitId : undefined,
    words: await resolveWords(db, planId, terms),
  });
  return readableAssignments(db, user, rows);
}

/** The rows the policy lets the caller read (the SQL scope already says the same), as the API gives them. */
async function readableAssignments(
  db: Executor,
  user: Principal,
  rows: Awaited<ReturnType<typeof repo.planAssignments>>,
): Promise<ApiAssignment[]> {
  const leads = await repo.leadUnitIdsOf(db, [...new Set(rows.map((r) => r.measure_id))]);
  return rows
    .filter((r) =>
      authorize(user, 'assignment.read', {
        type: 'assignment',
        unitId: r.unit_id,
        leadUnitIds: leads.get(r.measure_id) ?? [],
      }),
    )
    .map((r) => ({
      id: r.id,
      measureId: r.measure_id,
      task: r.task_no,
      seq: r.seq,
      unitId: r.unit_id,
      unitName: r.unit_name,
      unitKind: r.unit_kind as ApiAssignment['unitKind'],
      role: r.role,
      viaGroup: r.via_group,
      actingAs: r.acting_as,
    }));
}

export async function measureDetail(db: Executor, user: Principal, planId: string, measureId: string) {
  const [measure] = await planMeasures(db, user, planId, measureId);
  if (!measure) throw new AppError('NOT_FOUND', '措施不存在');
  return { measure, assignments: await planAssignments(db, user, planId, { measureId }) };
}

export async function planDocument(db: Executor, user: Principal, planId: string) {
  await visiblePlan(db, user, planId, 'plan.document');
  const doc = await repo.planDocument(db, planId);
  if (!doc) throw hidden();
  return doc;
}

export async function planCorrections(db: Executor, planId: string) {
  const rows = await repo.corrections(db, planId);
  return rows.map((c) => ({
    id: c.id,
    entity: c.entity,
    entityId: c.entity_id,
    field: c.field,
    before: JSON.parse(c.before) as unknown,
    after: JSON.parse(c.after) as unknown,
    reason: c.reason,
    correctedBy: c.corrected_by,
    correctedAt: c.corrected_at,
  }));
}

export async function planSummary(db: Executor, planId: string) {
  const [plan] = await repo.planSummaries(db, { id: planId });
  if (!plan) throw hidden();
  return presentPlanSummary(plan);
}
