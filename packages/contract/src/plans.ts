import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime, ResponsibilityRole, UnitKind } from './common.ts';
import {
  Deadline,
  DeadlineInput,
  DeadlineKind,
  Milestone,
  MilestoneInput,
  ParseWarning,
  Target,
  TargetInput,
  UnitMention,
} from './plan-parts.ts';
import { Light, Page, Paged, PageSize } from './supervision-common.ts';
import { UnitName } from './units.ts';

export const PlanStatus = z.enum(['draft', 'published', 'archived']);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const PlanSummary = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  status: PlanStatus,
  version: z.number().int(),
  sourceFileName: z.string(),
  importedAt: IsoDateTime,
  importedBy: z.string().nullable(),
  publishedAt: IsoDateTime.nullable(),
  taskCount: z.number().int(),
  measureCount: z.number().int(),
  warningCount: z.number().int(),
  assignmentCount: z.number().int(),
  /** Archived (归档: frozen) or withdrawn (撤回: archived and out of the units' lists), with why. */
  archivedAt: IsoDateTime.nullable(),
  withdrawnAt: IsoDateTime.nullable(),
  archiveReason: z.string().nullable(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

/** One page of the plans the caller may see, newest import first; optionally of one status. */
export const PlansQuery = z.strictObject({ status: PlanStatus.optional(), page: Page, pageSize: PageSize });
export type PlansQuery = z.infer<typeof PlansQuery>;

export const PlansResponse = z.object({ ...Paged, plans: z.array(PlanSummary) });
export type PlansResponse = z.infer<typeof PlansResponse>;

export const Section = z.object({ id: z.string(), ordinal: z.string(), title: z.string() });
export const Task = z.object({
  id: z.string(),
  no: z.number().int(),
  name: z.string(),
  section: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const PlanDetailResponse = z.object({
  plan: PlanSummary,
  preamble: z.array(z.string()),
  /** Footnotes of the table (`注：…`). */
  notes: z.array(z.string()),
  sections: z.array(Section),
  tasks: z.array(Task),
  warnings: z.array(ParseWarning),
});
export type PlanDetailResponse = z.infer<typeof PlanDetailResponse>;

export const Measure = z.object({
  id: z.string(),
  taskId: z.string(),
  task: z.number().int(),
  taskName: z.string(),
  seq: z.number().int(),
  text: z.string(),
  lines: z.array(z.number().int()),
  deadline: Deadline,
  milestones: z.array(Milestone),
  targets: z.array(Target),
  units: z.object({
    lead: z.array(UnitMention),
    responsible: z.array(UnitMention),
    assisting: z.array(UnitMention),
  }),
  leadEtAl: z.boolean(),
  responsibleEtAl: z.boolean(),
  assistingEtAl: z.boolean(),
  version: z.number().int(),
});
export type Measure = z.infer<typeof Measure>;

/**
 * One page of a plan's measures in plan order, through the plan view's filters (`PlanFilters`, applied by
 * the server as the page applies them): words, section, task, a unit (and its role), deadline kind, due window.
 */
export const MeasuresQuery = z.strictObject({
  q: FieldText.trim().max(100).optional(),
  section: Id.optional(),
  task: z.coerce.number().int().min(1).max(10_000).optional(),
  unitId: Id.optional(),
  role: ResponsibilityRole.optional(),
  kind: DeadlineKind.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: Page,
  pageSize: PageSize,
});
export type MeasuresQuery = z.infer<typeof MeasuresQuery>;

export const MeasuresResponse = z.object({
  ...Paged,
  /** Measures of the plan before any filter. */
  planTotal: z.number().int(),
  measures: z.array(Measure),
});
export type MeasuresResponse = z.infer<typeof MeasuresResponse>;

/** One row of the expanded responsibilities: measure × unit × role. */
export const Assignment = z.object({
  id: z.string(),
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  unitKind: UnitKind,
  role: ResponsibilityRole,
  viaGroup: z.string().nullable(),
  actingAs: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const MeasureDetailResponse = z.object({
  measure: Measure,
  /** The assignments the caller may see: all for supervisors and the measure's leads, else their unit's. */
  assignments: z.array(Assignment),
});
export type MeasureDetailResponse = z.infer<typeof MeasureDetailResponse>;

/** One page of the plan's assignments the caller may see, in plan order, by unit, role, task, light and words. */
export const PlanAssignmentsQuery = z.strictObject({
  unitId: Id.optional(),
  role: ResponsibilityRole.optional(),
  task: z.coerce.number().int().min(1).max(10_000).optional(),
  light: Light.optional(),
  /** Words in the unit's name or the measure's text (all must match). */
  q: FieldText.trim().max(100).optional(),
  page: Page,
  pageSize: PageSize,
});
export type PlanAssignmentsQuery = z.infer<typeof PlanAssignmentsQuery>;
export const PlanAssignmentsResponse = z.object({ ...Paged, assignments: z.array(Assignment) });
export type PlanAssignmentsResponse = z.infer<typeof PlanAssignmentsResponse>;

/** What must be settled before a draft can be published. */
export const PlanReviewResponse = z.object({
  decisions: z.array(
    z.object({
      groupId: z.string(),
      groupName: z.string(),
      candidateKinds: z.array(UnitKind),
      candidates: z.array(z.object({ id: z.string(), name: z.string() })),
      mentions: z.number().int(),
      decided: z.boolean(),
      units: z.array(z.object({ id: z.string(), name: z.string() })),
      decidedBy: z.string().nullable(),
      decidedAt: IsoDateTime.nullable(),
    }),
  ),
  unknownUnits: z.array(
    z.object({
      name: z.string(),
      mentions: z.array(
        z.object({
          measureId: z.string(),
          task: z.number().int(),
          seq: z.number().int(),
          role: ResponsibilityRole,
        }),
      ),
      resolved: z.boolean(),
      unitId: z.string().nullable(),
      unitName: z.string().nullable(),
    }),
  ),
  readyToPublish: z.boolean(),
  /** In words, what still blocks publishing. */
  blocking: z.array(z.string()),
});
export type PlanReviewResponse = z.infer<typeof PlanReviewResponse>;

export const ImportPlanResponse = z.object({
  plan: PlanSummary,
  warnings: z.array(ParseWarning),
  review: PlanReviewResponse,
});
export type ImportPlanResponse = z.infer<typeof ImportPlanResponse>;

export const DecideGroupRequest = z.strictObject({ unitIds: z.array(Id).min(1).max(500) });
export type DecideGroupRequest = z.infer<typeof DecideGroupRequest>;

export const ResolveUnknownUnitRequest = z.discriminatedUnion('action', [
  z.strictObject({
    name: FieldText.min(1).max(200),
    action: z.literal('map'),
    unitId: Id,
  }),
  z.strictObject({
    name: FieldText.min(1).max(200),
    action: z.literal('create'),
    unit: z.strictObject({ name: UnitName, fullName: UnitName, kind: UnitKind }),
  }),
]);
export type ResolveUnknownUnitRequest = z.infer<typeof ResolveUnknownUnitRequest>;

export const CorrectMeasureRequest = z.strictObject({
  /** The version read; a stale one gets 409 and changes nothing. */
  version: z.number().int(),
  text: FieldText.min(1).max(20_000).optional(),
  deadline: DeadlineInput.optional(),
  milestones: z.array(MilestoneInput).max(100).optional(),
  targets: z.array(TargetInput).max(100).optional(),
  /** Unit names per role, resolved against the directory (groups allowed). */
  units: z
    .strictObject({
      lead: z.array(UnitName).max(100).optional(),
      responsible: z.array(UnitName).max(100).optional(),
      assisting: z.array(UnitName).max(100).optional(),
    })
    .optional(),
  reason: FieldText.max(1000).optional(),
});
export type CorrectMeasureRequest = z.infer<typeof CorrectMeasureRequest>;

export const CorrectTaskRequest = z.strictObject({
  name: FieldText.trim().min(1).max(500),
  reason: FieldText.max(1000).optional(),
});
export type CorrectTaskRequest = z.infer<typeof CorrectTaskRequest>;

export const CorrectPlanRequest = z.strictObject({
  version: z.number().int(),
  title: FieldText.trim().min(1).max(500).optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  reason: FieldText.max(1000).optional(),
});
export type CorrectPlanRequest = z.infer<typeof CorrectPlanRequest>;

export const Correction = z.object({
  id: z.string(),
  entity: z.enum(['plan', 'task', 'measure']),
  entityId: z.string(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  correctedBy: z.string(),
  correctedAt: IsoDateTime,
});
export const CorrectionsResponse = z.object({ corrections: z.array(Correction) });
export type CorrectionsResponse = z.infer<typeof CorrectionsResponse>;

export const MeasureResponse = z.object({ measure: Measure });
export const TaskResponse = z.object({ task: Task });
export const PlanResponse = z.object({ plan: PlanSummary });

/** Archive (归档) or withdraw (撤回) a published plan: the reason is audited and shown with the plan. */
export const ArchivePlanRequest = z.strictObject({ reason: FieldText.trim().min(2).max(500).optional() });
export type ArchivePlanRequest = z.infer<typeof ArchivePlanRequest>;
export const WithdrawPlanRequest = z.strictObject({ reason: FieldText.trim().min(2).max(500) });
export type WithdrawPlanRequest = z.infer<typeof WithdrawPlanRequest>;

export const PublishPlanResponse = z.object({
  plan: PlanSummary,
  assignmentsCreated: z.number().int(),
  alreadyPublished: z.boolean(),
});
export type PublishPlanResponse = z.infer<typeof PublishPlanResponse>;
