/** `GET /me/assignments`: the caller's unit's responsibilities in published plans. */
import type { MyAssignment } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import type { Principal } from '../auth/principal.ts';
import { groupBy, presentDeadline, presentMilestone, presentTarget } from '../plans/plans.presenters.ts';
import { milestonesOf, targetsOf } from '../plans/plans.repository.ts';

const ROLE_ORDER = { lead: 0, responsible: 1, assisting: 2 } as const;

async function unitAssignments(db: Executor, unitId: string, planId?: string) {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('plan_tasks as t', 't.id', 'm.task_id')
    .leftJoin('unit_groups as g', 'g.id', 'a.via_group_id')
    .select([
      'a.id',
      'a.role',
      'a.acting_as',
      'g.name as via_group',
      'p.id as plan_id',
      'p.title as plan_title',
      'p.year as plan_year',
      'm.id as measure_id',
      'm.task_no',
      'm.seq',
      'm.text',
      'm.deadline_raw',
      'm.deadline_kind',
      'm.deadline_due',
      'm.deadline_start',
      'm.deadline_end',
      'm.deadline_recurrence',
      'm.deadline_assumed',
      't.name as task_name',
    ])
    .where('a.unit_id', '=', unitId)
    .where('p.status', '=', 'published');
  if (planId) q = q.where('a.plan_id', '=', planId);
  return q.orderBy('p.year', 'desc').orderBy('p.id').orderBy('m.task_no').orderBy('m.seq').execute();
}

async function leadNames(db: Executor, measureIds: string[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('measure_units')
    .select(['measure_id', 'name'])
    .where('measure_id', 'in', measureIds)
    .where('role', '=', 'lead')
    .orderBy('measure_id')
    .orderBy('position')
    .execute();
}

export async function myAssignments(db: Executor, user: Principal, planId?: string): Promise<MyAssignment[]> {
  const rows = await unitAssignments(db, user.unitId, planId);
  const ids = [...new Set(rows.map((r) => r.measure_id))];
  const [milestones, targets, leads] = await Promise.all([
    milestonesOf(db, ids),
    targetsOf(db, ids),
    leadNames(db, ids),
  ]);
  const ms = groupBy(milestones, (r) => r.measure_id);
  const ts = groupBy(targets, (r) => r.measure_id);
  const ls = groupBy(leads, (r) => r.measure_id);
  rows.sort(
    (a, b) =>
      b.plan_year - a.plan_year ||
      a.plan_id.localeCompare(b.plan_id) ||
      a.task_no - b.task_no ||
      a.seq - b.seq ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role],
  );
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    planYear: r.plan_year,
    measureId: r.measure_id,
    task: r.task_no,
    taskName: r.task_name,
    seq: r.seq,
    text: r.text,
    role: r.role,
    viaGroup: r.via_group,
    actingAs: r.acting_as,
    deadline: presentDeadline(r),
    milestones: (ms.get(r.measure_id) ?? []).map(presentMilestone),
    targets: (ts.get(r.measure_id) ?? []).map(presentTarget),
    leadUnits: (ls.get(r.measure_id) ?? []).map((l) => l.name),
  }));
}
