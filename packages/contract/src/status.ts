/** Status and lights per assignment, measure, task, plan and unit, and the supervisor's board. */
import { z } from 'zod';
import { FieldText, Id, IsoDate, ResponsibilityRole } from './common.ts';
import {
  AssignmentStatusView,
  Light,
  LightCounts,
  Page,
  Paged,
  PageSize,
  Reason,
  ReasonCode,
} from './supervision-common.ts';
import { TargetStanding, TargetTotal } from './targets.ts';

/** At most this many unit names a measure's reason lists in the plan's measure statuses (`unitCount` has them all). */
export const MEASURE_REASON_UNITS = 10;

/**
 * A reason on a measure, with the units it applies to: every unit in one measure's status, the first
 * `MEASURE_REASON_UNITS` (by name) in a page of measure statuses; `unitCount` counts them all.
 */
export const MeasureReason = Reason.extend({ units: z.array(z.string()), unitCount: z.number().int() });

export const MeasureStatus = z.object({
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  light: Light,
  progress: z.number(),
  counts: LightCounts,
  reasons: z.array(MeasureReason),
});
export type MeasureStatus = z.infer<typeof MeasureStatus>;

export const TaskStatus = z.object({
  task: z.number().int(),
  name: z.string(),
  light: Light,
  progress: z.number(),
  counts: LightCounts,
});

/**
 * A plan as the caller may see it (supervisors the whole plan, units their own and what they lead): its
 * light, progress and counts, and each task's. The measures' statuses are paged apart
 * (`PlanMeasureStatusQuery`), so this stays small however many units and months the plan has.
 */
export const PlanStatusResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  light: Light,
  progress: z.number(),
  counts: LightCounts,
  /** Measures the caller sees (the lengths of the pages of `PlanMeasureStatusResponse`). */
  measureCount: z.number().int(),
  tasks: z.array(TaskStatus),
});
export type PlanStatusResponse = z.infer<typeof PlanStatusResponse>;

/** One id or several (`?measureId=a&measureId=b`), as a list. */
const IdList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(Id).min(1).max(200));

/** A page of the measures' statuses in plan order: of the given measures (the plan view's page), or of one task. */
export const PlanMeasureStatusQuery = z.strictObject({
  measureId: IdList.optional(),
  task: z.coerce.number().int().min(1).max(10_000).optional(),
  page: Page,
  pageSize: PageSize,
});
export type PlanMeasureStatusQuery = z.infer<typeof PlanMeasureStatusQuery>;
export const PlanMeasureStatusResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  ...Paged,
  measures: z.array(MeasureStatus),
});
export type PlanMeasureStatusResponse = z.infer<typeof PlanMeasureStatusResponse>;

export const AssignmentStatusRow = AssignmentStatusView.extend({
  unitId: z.string(),
  unitName: z.string(),
  role: ResponsibilityRole,
});

export const MeasureStatusResponse = z.object({
  asOf: IsoDate,
  measure: MeasureStatus,
  assignments: z.array(AssignmentStatusRow),
  /** City-wide targets summed over the units, for those who see every unit of the measure (the office, its leads). */
  targetTotals: z.array(TargetTotal).optional(),
  /** Each target as judged for each assignment shown (a city-wide one against the unit's share, if any). */
  targetStandings: z.array(TargetStanding.extend({ assignmentId: z.string() })).optional(),
});
export type MeasureStatusResponse = z.infer<typeof MeasureStatusResponse>;

export const UNIT_STATUS_SORTS = [
  'light',
  'unit',
  'red',
  'yellow',
  'green',
  'done',
  'assignments',
  'overdueCases',
  'progress',
] as const;

/**
 * One page of the units' lights (单位进展): by words in the unit's name and by light, sorted by a column
 * (`light`: the light, then less progress first when descending; `unit`: the name in the Chinese order),
 * ties in the default order (most red, then yellow, less progress, then the name).
 */
export const UnitStatusQuery = z.strictObject({
  q: FieldText.trim().max(100).optional(),
  light: Light.optional(),
  sort: z.enum(UNIT_STATUS_SORTS).default('light'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: Page,
  pageSize: PageSize,
});
export type UnitStatusQuery = z.infer<typeof UnitStatusQuery>;

export const UnitStatusRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  light: Light,
  progress: z.number(),
  counts: LightCounts,
  assignments: z.number().int(),
  /** Problem cases of the unit past their time limit: any makes the unit's light red. */
  overdueCases: z.number().int(),
});
export type UnitStatusRow = z.infer<typeof UnitStatusRow>;

export const UnitStatusResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  ...Paged,
  /** Units the caller sees in the plan before the words and the light filter. */
  unitTotal: z.number().int(),
  units: z.array(UnitStatusRow),
});
export type UnitStatusResponse = z.infer<typeof UnitStatusResponse>;

/**
 * How a plan's lights stood at the end of each month (today for the current one), recomputed from the
 * facts as recorded by then: the dashboard's trend. Counts are of assignments the caller may see.
 */
export const LightTrendResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  months: z.array(z.object({ month: z.string(), asOf: IsoDate, counts: LightCounts })),
});
export type LightTrendResponse = z.infer<typeof LightTrendResponse>;

export const AssignmentStatusResponse = z.object({
  status: AssignmentStatusView,
  /** Each target as judged for this unit (issue 12 item 14). */
  targets: z.array(TargetStanding).optional(),
});

/** One page of the assignments of a plan the caller may see, each with its light (我的任务, per-unit tables). */
export const PlanAssignmentStatusQuery = z.strictObject({
  unitId: Id.optional(),
  task: z.coerce.number().int().min(1).max(10_000).optional(),
  light: Light.optional(),
  /** Words in the unit's name (all must match). */
  q: FieldText.trim().max(100).optional(),
  page: Page,
  pageSize: PageSize,
});
export type PlanAssignmentStatusQuery = z.infer<typeof PlanAssignmentStatusQuery>;
export const PlanAssignmentStatusRow = AssignmentStatusRow.extend({
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
});
export type PlanAssignmentStatusRow = z.infer<typeof PlanAssignmentStatusRow>;
export const PlanAssignmentStatusResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  ...Paged,
  assignments: z.array(PlanAssignmentStatusRow),
});
export type PlanAssignmentStatusResponse = z.infer<typeof PlanAssignmentStatusResponse>;

export const BOARD_SORTS = ['severity', 'nextDue', 'task', 'unit', 'progress', 'updatedAt'] as const;
export const BoardSort = z.enum(BOARD_SORTS);

/** The supervisor's board of yellow and red items (预警看板). Sort fields come from an allowlist. */
export const BoardQuery = z.strictObject({
  planId: Id.optional(),
  /** `attention` (default): yellow and red; or one light; or `all`. */
  light: z.enum(['attention', 'yellow', 'red', 'green', 'done', 'all']).default('attention'),
  unitId: Id.optional(),
  role: ResponsibilityRole.optional(),
  /** A section of the plan (its id): the tasks under it. */
  section: Id.optional(),
  task: z.coerce.number().int().min(1).max(10_000).optional(),
  reason: ReasonCode.optional(),
  sort: BoardSort.default('severity'),
  order: z.enum(['asc', 'desc']).optional(),
  page: Page,
  pageSize: PageSize,
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const BoardRow = z.object({
  assignmentId: z.string(),
  planId: z.string(),
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  measureText: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  role: ResponsibilityRole,
  light: Light,
  reasons: z.array(Reason),
  progress: z.number(),
  nextDue: IsoDate.nullable(),
  lastPeriod: z.string().nullable(),
  lastState: z.string().nullable(),
  /** An unanswered or unaccepted notice already issued to this unit about this measure. */
  openNotice: z.object({ id: z.string(), level: z.enum(['yellow', 'red']), replyDue: IsoDate }).nullable(),
});
export type BoardRow = z.infer<typeof BoardRow>;

/** A problem case past its time limit, listed on the board with its reason in words. */
export const OverdueCase = z.object({
  caseId: z.string(),
  number: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  categoryName: z.string(),
  address: z.string(),
  dueOn: IsoDate,
  daysOverdue: z.number().int(),
  reason: z.string(),
});
export type OverdueCase = z.infer<typeof OverdueCase>;

export const BoardResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  ...Paged,
  counts: LightCounts,
  rows: z.array(BoardRow),
  /** The overdue problem cases of the units the board shows (of the unit filtered, if any). */
  overdueCases: z.array(OverdueCase),
});
export type BoardResponse = z.infer<typeof BoardResponse>;

export const BoardExportQuery = BoardQuery.omit({ page: true, pageSize: true });
export const StatusQuery = z.strictObject({ planId: Id.optional() });
