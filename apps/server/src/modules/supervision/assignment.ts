/** One assignment with everything the reporting and supervision rules need, and who may see it. */
import type { AssignmentBrief } from '@lantian/contract';
import type { Deadline } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';
import type { Flag, MeasuresTable, MilestonesTable, TargetsTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Action, authorize, type Resource } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { presentDeadline, presentMilestone, presentTarget } from '../plans/plans.presenters.ts';

type DeadlineColumns = Pick<
  MeasuresTable,
  | 'deadline_raw'
  | 'deadline_kind'
  | 'deadline_due'
  | 'deadline_start'
  | 'deadline_end'
  | 'deadline_recurrence'
>;

/** The stored deadline columns as the core rules take them. */
export function deadlineOf(m: DeadlineColumns): Deadline {
  return {
    raw: m.deadline_raw,
    kind: m.deadline_kind as Deadline['kind'],
    ...(m.deadline_due ? { due: m.deadline_due } : {}),
    ...(m.deadline_start ? { start: m.deadline_start } : {}),
    ...(m.deadline_end ? { end: m.deadline_end } : {}),
    ...(m.deadline_recurrence ? { recurrence: m.deadline_recurrence as Deadline['recurrence'] } : {}),
  };
}

export interface ApprovedExtension {
  milestoneId: string | null;
  originalDue: string;
  due: string;
}

export interface AssignmentContext {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  planStatus: 'draft' | 'published' | 'archived';
  /** The plan period as stored (null: the plan year). */
  planPeriod: { start: string | null; end: string | null };
  measureId: string;
  taskNo: number;
  taskName: string;
  seq: number;
  text: string;
  unitId: string;
  unitName: string;
  role: 'lead' | 'responsible' | 'assisting';
  measure: DeadlineColumns & { deadline_assumed: Flag };
  deadline: Deadline;
  milestones: MilestonesTable[];
  targets: TargetsTable[];
  /**
   * Every lead unit of the measure (shown to users). `viaGroup`: it leads through a group (各区政府),
   * so it leads its own share only, never the other members' assignments.
   */
  leadUnits: LeadUnit[];
  closedOn: string | null;
  /** Approved extensions, the latest per milestone / deadline. */
  extensions: ApprovedExtension[];
  /** The plan's reporting settings as stored (null: the defaults), read with the assignment. */
  reportingRow: {
    cycle: string;
    due_day: number;
    start_date: string;
    reminder_days: string;
    version: number;
  } | null;
}

/** Approved extensions, latest decision last: the last one per subject is in force. */
export function latestExtensions(
  rows: { milestone_id: string | null; original_due: string; requested_due: string }[],
): ApprovedExtension[] {
  const bySubject = new Map<string, ApprovedExtension>();
  for (const r of rows) {
    bySubject.set(r.milestone_id ?? '', {
      milestoneId: r.milestone_id,
      originalDue: r.original_due,
      due: r.requested_due,
    });
  }
  return [...bySubject.values()];
}

export interface LeadUnit {
  id: string;
  name: string;
  viaGroup: boolean;
}

interface MeasureParts {
  milestones: MilestonesTable[];
  targets: TargetsTable[];
  leadUnits: LeadUnit[];
}

/**
 * A published plan's measures no longer change (corrections are for drafts; publishing twice adds
 * nothing), so their milestones, targets and lead units are kept in memory: every save of a report
 * needs them. Bounded; safe with several instances because the data is immutable.
 */
const measureParts = new Map<string, MeasureParts>();
const MEASURES_KEPT = 20_000;

async function partsOf(db: Executor, measureId: string, cacheable: boolean): Promise<MeasureParts> {
  const known = cacheable ? measureParts.get(measureId) : undefined;
  if (known) return known;
  const [milestones, targets, leadRows] = await Promise.all([
    db.selectFrom('milestones').selectAll().where('measure_id', '=', measureId).orderBy('position').execute(),
    db.selectFrom('targets').selectAll().where('measure_id', '=', measureId).orderBy('position').execute(),
    db
      .selectFrom('assignments as l')
      .innerJoin('units as u', 'u.id', 'l.unit_id')
      .select(['u.id', 'u.name', 'l.via_group_id'])
      .where('l.measure_id', '=', measureId)
      .where('l.role', '=', 'lead')
      .orderBy('u.name')
      .execute(),
  ]);
  const leadUnits = leadRows.map((l) => ({ id: l.id, name: l.name, viaGroup: l.via_group_id !== null }));
  const parts = { milestones, targets, leadUnits };
  if (cacheable) {
    if (measureParts.size >= MEASURES_KEPT) measureParts.clear();
    measureParts.set(measureId, parts);
  }
  return parts;
}

export async function loadAssignment(
  db: Executor,
  id: string,
  /** `extensions: false` when the caller does not need them (a report save). */
  opts: { extensions?: boolean } = {},
): Promise<AssignmentContext | undefined> {
  const row = await db
    .selectFrom('assignments as a')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('plan_tasks as t', 't.id', 'm.task_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('reporting_settings as rs', 'rs.plan_id', 'a.plan_id')
    .select([
      'rs.cycle as rs_cycle',
      'rs.due_day as rs_due_day',
      'rs.start_date as rs_start_date',
      'rs.reminder_days as rs_reminder_days',
      'rs.version as rs_version',
      'a.id',
      'a.plan_id',
      'a.measure_id',
      'a.unit_id',
      'a.role',
      'p.title as plan_title',
      'p.year as plan_year',
      'p.status as plan_status',
      'p.period_start as plan_period_start',
      'p.period_end as plan_period_end',
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
      'u.name as unit_name',
      (eb) =>
        eb
          .selectFrom('closure_requests as c')
          .select('c.closed_on')
          .whereRef('c.assignment_id', '=', 'a.id')
          .where('c.state', '=', 'closed')
          .limit(1)
          .as('closed_on'),
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [parts, extensions] = await Promise.all([
    partsOf(db, row.measure_id, row.plan_status !== 'draft'),
    opts.extensions === false
      ? Promise.resolve([])
      : db
          .selectFrom('extension_requests')
          .select(['milestone_id', 'original_due', 'requested_due'])
          .where('assignment_id', '=', id)
          .where('state', '=', 'approved')
          .orderBy('decided_at')
          .execute(),
  ]);
  return {
    id: row.id,
    planId: row.plan_id,
    planTitle: row.plan_title,
    planYear: row.plan_year,
    planStatus: row.plan_status,
    planPeriod: { start: row.plan_period_start, end: row.plan_period_end },
    measureId: row.measure_id,
    taskNo: row.task_no,
    taskName: row.task_name,
    seq: row.seq,
    text: row.text,
    unitId: row.unit_id,
    unitName: row.unit_name,
    role: row.role,
    measure: row,
    deadline: deadlineOf(row),
    milestones: parts.milestones,
    targets: parts.targets,
    leadUnits: parts.leadUnits,
    closedOn: row.closed_on ?? null,
    extensions: latestExtensions(extensions),
    reportingRow:
      row.rs_cycle === null
        ? null
        : {
            cycle: row.rs_cycle,
            due_day: row.rs_due_day as number,
            start_date: row.rs_start_date as string,
            reminder_days: row.rs_reminder_days as string,
            version: row.rs_version as number,
          },
  };
}

/**
 * The units that lead the whole measure — read, review and decide on the other units' assignments.
 * A unit that leads through a group (各区政府 → each district) leads its own share only: it is left out,
 * so one district never reads another's reports or evidence.
 */
export function directingLeadIds(a: { leadUnits: readonly { id: string; viaGroup?: boolean }[] }): string[] {
  return a.leadUnits.filter((l) => l.viaGroup !== true).map((l) => l.id);
}

export function assignmentResource(a: {
  unitId: string;
  leadUnits: readonly { id: string; viaGroup?: boolean }[];
}): Resource {
  return { type: 'assignment', unitId: a.unitId, leadUnitIds: directingLeadIds(a) };
}

/**
 * A lead unit's own report goes to the office; the others' to the directing lead unit(s), or to the
 * office when the measure's only leads are a group's members (they lead their own shares).
 */
export function reviewRouteOf(a: Pick<AssignmentContext, 'unitId' | 'leadUnits'>): 'lead' | 'supervisor' {
  return directingLeadIds(a).length > 0 && !a.leadUnits.some((l) => l.id === a.unitId)
    ? 'lead'
    : 'supervisor';
}

/** The assignment, if the caller may see it through `action`; otherwise it does not exist for them. */
export async function visibleAssignment(
  db: Executor,
  user: Principal,
  id: string,
  action: Action = 'report.read',
): Promise<AssignmentContext> {
  const a = await loadAssignment(db, id);
  if (!a || a.planStatus === 'draft' || !authorize(user, action, assignmentResource(a))) {
    throw notFound('任务分工');
  }
  return a;
}

/** Writes need a published plan and an open assignment. */
export function ensureWritable(a: AssignmentContext): void {
  if (a.planStatus !== 'published') throw new AppError('PLAN_ARCHIVED', '计划已归档，不能再填报或申请');
  if (a.closedOn) {
    throw new AppError('ASSIGNMENT_CLOSED', `该项任务已于 ${a.closedOn} 销号，不能再修改`);
  }
}

export function presentAssignmentBrief(a: AssignmentContext): AssignmentBrief {
  return {
    id: a.id,
    planId: a.planId,
    planTitle: a.planTitle,
    planYear: a.planYear,
    measureId: a.measureId,
    task: a.taskNo,
    taskName: a.taskName,
    seq: a.seq,
    text: a.text,
    unitId: a.unitId,
    unitName: a.unitName,
    role: a.role,
    deadline: presentDeadline(a.measure),
    milestones: a.milestones.map(presentMilestone),
    targets: a.targets.map(presentTarget),
    leadUnits: a.leadUnits.map((l) => ({ id: l.id, name: l.name })),
    closedOn: a.closedOn,
    extensions: a.extensions,
  };
}
