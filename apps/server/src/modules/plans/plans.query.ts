/** Reading plans, measures and assignments, filtered by what the caller may see. */
import type { Assignment as ApiAssignment, PlanDetailResponse, PlansQuery } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { assignmentScope, authorize, BUSINESS_ROLES } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { pageOf } from '../supervision/common.ts';
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
  return presentMeasures(measures, milestones, targets, mentions);
}

/** Assignments of a plan: all for supervisors; a unit's own, plus all on the measures it leads, for others. */
export async function planAssignments(
  db: Executor,
  user: Principal,
  planId: string,
  filter: { unitId?: string; role?: string; measureId?: string } = {},
): Promise<ApiAssignment[]> {
  await visiblePlan(db, user, planId);
  const scope = assignmentScope(user);
  const rows = await repo.planAssignments(db, planId, {
    ...filter,
    visibleToUnit: scope.kind === 'unit' ? scope.unitId : undefined,
  });
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
