/** `GET /me/assignments`: the caller's unit's responsibilities in published plans. */
import type { MyAssignment, MyPlan } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';
import type { MilestonesTable, TargetsTable } from '../../db/schema.ts';
import { groupBy, presentDeadline, presentMilestone, presentTarget } from '../plans/plans.presenters.ts';

const ROLE_ORDER = { lead: 0, responsible: 1, assisting: 2 } as const;

function unitAssignmentsQuery(db: Executor, unitId: string) {
  return db
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
}

/** Measures the unit has a part in, in published plans (optionally one plan). */
function unitMeasureIds(db: Executor, unitId: string, planId?: string) {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .select('a.measure_id')
    .where('a.unit_id', '=', unitId)
    .where('p.status', '=', 'published');
  if (planId !== undefined) q = q.where('a.plan_id', '=', planId);
  return q;
}

const milestonesQuery = (db: Executor, unitId: string, planId?: string) =>
  db
    .selectFrom('milestones')
    .selectAll()
    .where('measure_id', 'in', unitMeasureIds(db, unitId, planId))
    .orderBy('measure_id')
    .orderBy('position');

const targetsQuery = (db: Executor, unitId: string, planId?: string) =>
  db
    .selectFrom('targets')
    .selectAll()
    .where('measure_id', 'in', unitMeasureIds(db, unitId, planId))
    .orderBy('measure_id')
    .orderBy('position');

const leadsQuery = (db: Executor, unitId: string, planId?: string) =>
  db
    .selectFrom('measure_units')
    .select(['measure_id', 'name'])
    .where('role', '=', 'lead')
    .where('measure_id', 'in', unitMeasureIds(db, unitId, planId))
    .orderBy('measure_id')
    .orderBy('position');

// Every request to 我的任务 runs these: prepared once per database.
const queries = {
  all: {
    assignments: prepared<[string], AssignmentRow>(1, (db, u) => unitAssignmentsQuery(db, u as string)),
    milestones: prepared<[string], MilestonesTable>(1, (db, u) => milestonesQuery(db, u as string)),
    targets: prepared<[string], TargetsTable>(1, (db, u) => targetsQuery(db, u as string)),
    leads: prepared<[string], LeadRow>(1, (db, u) => leadsQuery(db, u as string)),
  },
  plan: {
    assignments: prepared<[string, string], AssignmentRow>(2, (db, u, p) =>
      unitAssignmentsQuery(db, u as string).where('a.plan_id', '=', p as string),
    ),
    milestones: prepared<[string, string], MilestonesTable>(2, (db, u, p) =>
      milestonesQuery(db, u as string, p),
    ),
    targets: prepared<[string, string], TargetsTable>(2, (db, u, p) => targetsQuery(db, u as string, p)),
    leads: prepared<[string, string], LeadRow>(2, (db, u, p) => leadsQuery(db, u as string, p)),
  },
};

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof unitAssignmentsQuery>['execute']>>[number];
type LeadRow = { measure_id: string; name: string };

const plansQuery = prepared<[string], { id: string; title: string; year: number; n: number }>(1, (db, u) =>
  db
    .selectFrom('assignments as a')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .select((eb) => ['p.id', 'p.title', 'p.year', eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
    .where('a.unit_id', '=', u as string)
    .where('p.status', '=', 'published')
    .groupBy(['p.id', 'p.title', 'p.year']),
);

/** The published plans the unit has a part in, newest first, with its number of responsibilities. */
export async function myPlans(db: Executor, unitId: string): Promise<MyPlan[]> {
  const rows = await plansQuery(db, unitId);
  rows.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  return rows.map((r) => ({ id: r.id, title: r.title, year: r.year, assignments: Number(r.n) }));
}

/** Every responsibility of the unit in published plans (or one plan), in the page's order. */
export async function myAssignments(db: Executor, unitId: string, planId?: string): Promise<MyAssignment[]> {
  const [rows, milestones, targets, leads] = planId
    ? await Promise.all([
        queries.plan.assignments(db, unitId, planId),
        queries.plan.milestones(db, unitId, planId),
        queries.plan.targets(db, unitId, planId),
        queries.plan.leads(db, unitId, planId),
      ])
    : await Promise.all([
        queries.all.assignments(db, unitId),
        queries.all.milestones(db, unitId),
        queries.all.targets(db, unitId),
        queries.all.leads(db, unitId),
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
