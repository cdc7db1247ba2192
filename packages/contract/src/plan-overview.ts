/**
 * Figures of a published plan computed by the server, so that the dashboard and the responsibility
 * matrix need no plan-wide list: lights per section and the units most in need of attention, the
 * measures by month of their final date and the deadlines ahead (`/plans/:id/overview`), each unit's
 * load (`/plans/:id/overview/units`, paged) and the units × tasks matrix (`/plans/:id/matrix`, paged by
 * unit). Everything counts only what the caller may see.
 */
import { z } from 'zod';
import { IsoDate, ResponsibilityRole, UnitKind } from './common.ts';
import { Light, LightCounts, Page, Paged, PageSize } from './supervision-common.ts';

export const RoleCounts = z.object({
  lead: z.number().int(),
  responsible: z.number().int(),
  assisting: z.number().int(),
});
export type RoleCounts = z.infer<typeof RoleCounts>;

export const OverviewQuery = z.strictObject({
  /** Days ahead of today that the deadline list covers. */
  days: z.coerce.number().int().min(1).max(366).default(60),
});

export const UpcomingItem = z.object({
  key: z.string(),
  date: IsoDate,
  kind: z.enum(['milestone', 'deadline']),
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  taskName: z.string(),
  text: z.string(),
  raw: z.string(),
});
export type UpcomingItem = z.infer<typeof UpcomingItem>;

/** At most this many deadlines ahead are listed; `upcomingTotal` says how many there are. */
export const UPCOMING_LIMIT = 200;
/** Units listed under "most in need of attention". */
export const ATTENTION_UNITS = 15;

export const AttentionUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  light: Light,
  counts: LightCounts,
});

export const PlanOverviewResponse = z.object({
  planId: z.string(),
  asOf: IsoDate,
  /** The plan's light and its measures' lights (as the plan status counts them). */
  light: Light,
  counts: LightCounts,
  /** Measures by light per section, in the plan's order; `sectionId` null: tasks without a section. */
  sections: z.array(z.object({ sectionId: z.string().nullable(), counts: LightCounts })),
  /** The units with the most red, then yellow, assignments (at most `ATTENTION_UNITS`). */
  attention: z.array(AttentionUnit),
  measureCount: z.number().int(),
  unitCount: z.number().int(),
  assignmentCount: z.number().int(),
  /** Measures per month of their final date in the plan's year; ongoing ones and other years apart. */
  byMonth: z.object({
    months: z.array(z.number().int()),
    ongoing: z.number().int(),
    otherYears: z.number().int(),
  }),
  /** Milestones and final dates from today through `days` ahead, in date order. */
  days: z.number().int(),
  upcomingTotal: z.number().int(),
  upcoming: z.array(UpcomingItem),
});
export type PlanOverviewResponse = z.infer<typeof PlanOverviewResponse>;

export const UNIT_LOAD_SORTS = ['measures', 'red', 'yellow', 'green', 'done'] as const;

/** One page of the units by their load, most first (or by one light's count). */
export const UnitLoadQuery = z.strictObject({
  sort: z.enum(UNIT_LOAD_SORTS).default('measures'),
  page: Page,
  pageSize: PageSize,
});
export type UnitLoadQuery = z.infer<typeof UnitLoadQuery>;

export const UnitLoadRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: UnitKind,
  /** Distinct measures of the unit; a measure counts once per role the unit holds in `roles`. */
  measures: z.number().int(),
  roles: RoleCounts,
  /** Distinct measures past their final date. */
  overdue: z.number().int(),
  /** The unit's assignments by light. */
  lights: LightCounts,
});
export type UnitLoadRow = z.infer<typeof UnitLoadRow>;

export const UnitLoadResponse = z.object({ ...Paged, units: z.array(UnitLoadRow) });
export type UnitLoadResponse = z.infer<typeof UnitLoadResponse>;

/** One page of the matrix's units (by kind, then load), with their cells; optionally of one role. */
export const MatrixQuery = z.strictObject({
  role: ResponsibilityRole.optional(),
  page: Page,
  pageSize: PageSize,
});
export type MatrixQuery = z.infer<typeof MatrixQuery>;

/** A unit's distinct measures in one task, and how many in each role. */
export const MatrixCell = z.object({
  task: z.number().int(),
  measures: z.number().int(),
  roles: RoleCounts,
});
export type MatrixCell = z.infer<typeof MatrixCell>;

export const MatrixUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: UnitKind,
  measures: z.number().int(),
  roles: RoleCounts,
  /** The unit's cells, by task (tasks it has no measure in are absent). */
  cells: z.array(MatrixCell),
});
export type MatrixUnit = z.infer<typeof MatrixUnit>;

export const MatrixResponse = z.object({ ...Paged, units: z.array(MatrixUnit) });
export type MatrixResponse = z.infer<typeof MatrixResponse>;
