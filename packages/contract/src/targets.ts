/**
 * City-wide targets (issue 12 item 14): whose a target is — the whole city's, held by the lead and summed
 * from the units' contributions, or each unit's — and the office's per-unit shares (分解目标).
 */
import { z } from 'zod';
import { FieldText, Id, IsoDate } from './common.ts';
import { Light } from './supervision-common.ts';

export const TargetScopeReason = z.enum([
  'EACH_WORDING',
  'NOT_ADDITIVE',
  'SINGLE_CARRIER',
  'TOTAL_WORDING',
  'NO_TOTAL_WORDING',
]);

/** The decision in force and what the rule says (the office may overrule the rule). */
export const TargetScopeView = z.object({
  cityWide: z.boolean(),
  decidedBy: z.enum(['rule', 'office']),
  /** What the rule says, and why (`TOTAL_WORDING` with the cue `共完成`). */
  ruleCityWide: z.boolean(),
  ruleReason: TargetScopeReason,
  ruleCue: z.string().nullable(),
});
export type TargetScopeView = z.infer<typeof TargetScopeView>;

export const TargetShareView = z.object({ unitId: z.string(), unitName: z.string(), value: z.number() });
export type TargetShareView = z.infer<typeof TargetShareView>;

export const PlanTargetParams = z.strictObject({ planId: Id, targetId: Id });

/**
 * The office's decision on one target: `cityWide` true (the lead holds it for the whole city), false (each
 * unit holds it) or null (the rule decides); `shares` replaces the per-unit shares (only for a city-wide
 * target; an empty list removes them). Omitted `shares` keeps them.
 */
export const SetTargetScopeRequest = z.strictObject({
  cityWide: z.boolean().nullable(),
  shares: z
    .array(z.strictObject({ unitId: Id, value: z.number().finite().nonnegative().max(1e12) }))
    .max(500)
    .optional(),
  reason: FieldText.max(500).optional(),
});
export type SetTargetScopeRequest = z.infer<typeof SetTargetScopeRequest>;

/** The units that may hold a share: those that carry the measure (its expanded assignments). */
export const TargetScopeResponse = z.object({
  targetId: z.string(),
  scope: TargetScopeView,
  shares: z.array(TargetShareView),
  /** Sum of the shares, and whether it differs from the target (allowed; the review says so). */
  sharesTotal: z.number(),
  sharesDiffer: z.boolean(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), role: z.string() })),
});
export type TargetScopeResponse = z.infer<typeof TargetScopeResponse>;

/** One unit's standing on one target: its contribution (city-wide) or its own value (a unit target). */
export const TargetStanding = z.object({
  targetId: z.string(),
  cityWide: z.boolean(),
  /** What the value is judged against: the unit's share, the whole target, or null (not judged). */
  goal: z.number().nullable(),
  /** The latest signed-off value; null when none was reported. */
  value: z.number().nullable(),
  progress: z.number().nullable(),
  light: Light.nullable(),
});
export type TargetStanding = z.infer<typeof TargetStanding>;

/** A city-wide target as the lead and the office see it: the sum of every unit's contribution. */
export const TargetTotal = z.object({
  targetId: z.string(),
  target: z.number(),
  sum: z.number(),
  /** Units that reported a value (signed off), of those that carry the measure. */
  reported: z.number().int(),
  units: z.number().int(),
  progress: z.number(),
  light: Light,
  due: IsoDate.nullable(),
  contributions: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      value: z.number().nullable(),
      share: z.number().nullable(),
      light: Light.nullable(),
    }),
  ),
});
export type TargetTotal = z.infer<typeof TargetTotal>;
