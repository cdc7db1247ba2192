import { z } from 'zod';
import { Id, ResponsibilityRole } from './common.ts';
import { Deadline, Milestone, Target } from './plan-parts.ts';
import { Page, Paged, PageSize } from './supervision-common.ts';

/** One page of the unit's responsibilities, in all published plans or in one (`planId`). */
export const MyAssignmentsQuery = z.strictObject({ planId: Id.optional(), page: Page, pageSize: PageSize });
export type MyAssignmentsQuery = z.infer<typeof MyAssignmentsQuery>;

/** One responsibility of the caller's unit on one measure of a published plan. */
export const MyAssignment = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  planYear: z.number().int(),
  measureId: z.string(),
  /** Task number (序号). */
  task: z.number().int(),
  taskName: z.string(),
  /** Position of the measure within its task. */
  seq: z.number().int(),
  text: z.string(),
  role: ResponsibilityRole,
  /** The group the responsibility came through (`各区政府`), or null when the unit is named itself. */
  viaGroup: z.string().nullable(),
  actingAs: z.string().nullable(),
  deadline: Deadline,
  milestones: z.array(Milestone),
  targets: z.array(Target),
  /** Names of the measure's lead units. */
  leadUnits: z.array(z.string()),
});
export type MyAssignment = z.infer<typeof MyAssignment>;

/** A published plan the unit has a part in (for the plan picker), newest first. */
export const MyPlan = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  /** The unit's responsibilities in it. */
  assignments: z.number().int(),
});
export type MyPlan = z.infer<typeof MyPlan>;

export const MyAssignmentsResponse = z.object({
  ...Paged,
  /** Every published plan the unit has a part in, whatever `planId` and the page are. */
  plans: z.array(MyPlan),
  assignments: z.array(MyAssignment),
});
export type MyAssignmentsResponse = z.infer<typeof MyAssignmentsResponse>;
