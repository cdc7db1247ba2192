import { z } from 'zod';
import { FieldText, IsoDate, ResponsibilityRole } from './common.ts';

export const DeadlineKind = z.enum(['date', 'period', 'ongoing', 'milestones']);
export const Recurrence = z.enum(['monthly', 'quarterly', 'yearly']);
export const Comparison = z.enum(['at_least', 'at_most', 'about', 'exactly', 'reduce_by', 'increase_by']);

/** 完成时限 as stored: the phrase and what it means (absent fields are null). */
export const Deadline = z.object({
  raw: z.string(),
  kind: DeadlineKind,
  due: IsoDate.nullable(),
  start: IsoDate.nullable(),
  end: IsoDate.nullable(),
  recurrence: Recurrence.nullable(),
  assumed: z.boolean(),
});
export type Deadline = z.infer<typeof Deadline>;

export const Milestone = z.object({ id: z.string(), due: IsoDate, raw: z.string(), text: z.string() });
export type Milestone = z.infer<typeof Milestone>;

export const Target = z.object({
  id: z.string(),
  value: z.number(),
  unit: z.string(),
  comparison: Comparison,
  yearOnYear: z.boolean(),
  text: z.string(),
  /** Whether the lead holds it for the whole city (units contribute) or each unit holds it: targets.ts. */
  cityWide: z.boolean().optional(),
  /** In a plan's measures: the decision with the rule's reading, and the office's per-unit shares. */
  scope: z
    .object({
      cityWide: z.boolean(),
      decidedBy: z.enum(['rule', 'office']),
      ruleCityWide: z.boolean(),
      ruleReason: z.string(),
      ruleCue: z.string().nullable(),
    })
    .optional(),
  shares: z.array(z.object({ unitId: z.string(), unitName: z.string(), value: z.number() })).optional(),
  /** In one unit's assignment: its share of a city-wide target (null: none set). */
  share: z.number().nullable().optional(),
});
export type Target = z.infer<typeof Target>;

/** A unit named in a role cell, as read and as resolved. */
export const UnitMention = z.object({
  written: z.string(),
  name: z.string(),
  kind: z.enum(['unit', 'group', 'unknown']),
  unitId: z.string().nullable(),
  groupId: z.string().nullable(),
  actingAs: z.string().nullable(),
});
export type UnitMention = z.infer<typeof UnitMention>;

export const ParseWarning = z.object({
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
  subject: z.string().optional(),
  task: z.number().int().optional(),
  seq: z.number().int().optional(),
  role: ResponsibilityRole.optional(),
});
export type ParseWarning = z.infer<typeof ParseWarning>;

/** Corrections: the editable shape of a deadline, milestone and target. */
export const DeadlineInput = z.strictObject({
  raw: FieldText.min(1).max(200),
  kind: DeadlineKind,
  due: IsoDate.nullable().optional(),
  start: IsoDate.nullable().optional(),
  end: IsoDate.nullable().optional(),
  recurrence: Recurrence.nullable().optional(),
});
export const MilestoneInput = z.strictObject({
  due: IsoDate,
  raw: FieldText.min(1).max(200),
  text: FieldText.min(1).max(4000),
});
export const TargetInput = z.strictObject({
  value: z.number().finite(),
  unit: FieldText.max(50),
  comparison: Comparison,
  yearOnYear: z.boolean(),
  text: FieldText.min(1).max(4000),
});
