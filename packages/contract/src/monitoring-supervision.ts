/** Measured data tied to supervision (issue 9): API keys, target bindings, rules and their proposals. */
import { z } from 'zod';
import { CaseCategoryCode, CaseSeverity } from './cases.ts';
import { FieldText, Id, IsoDate } from './common.ts';
import { AreaLevel, PeriodText } from './monitoring.ts';
import { Light } from './supervision-common.ts';

export const API_KEY_SCOPES = ['values:write', 'alarms:write'] as const;
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ApiKeyScope),
  indicators: z.array(z.string()).nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
export const ApiKeysResponse = z.object({ apiKeys: z.array(ApiKeyView) });
export type ApiKeysResponse = z.infer<typeof ApiKeysResponse>;
export const IssueApiKeyRequest = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[\p{L}\p{N}_.-]+$/u, 'name：只能用文字、数字、_ . -'),
  scopes: z.array(ApiKeyScope).min(1).max(5),
  /** Indicator codes the key may write; omitted: every indicator. */
  indicators: z.array(FieldText.min(1).max(40)).min(1).max(100).optional(),
});
export type IssueApiKeyRequest = z.infer<typeof IssueApiKeyRequest>;
/** The key is in this answer only: it is not stored and cannot be shown again. */
export const IssueApiKeyResponse = z.object({ key: z.string(), apiKey: ApiKeyView });
export const ApiKeyParams = z.strictObject({ apiKeyId: Id });

export const TargetParams = z.strictObject({ targetId: Id });
export const BindTargetRequest = z.strictObject({ indicator: FieldText.min(1).max(40) });

/** A bound target's standing for one unit (a district): from measured values, not typed figures. */
export const MeasuredTargetRow = z.object({
  unitId: z.string(),
  unit: z.string(),
  area: z.string().nullable(),
  /** The year-to-date mean (or sum) of the measured values; null: 数据不足. */
  value: z.number().nullable(),
  latest: z.object({ period: z.string(), value: z.number().nullable() }).nullable(),
  progress: z.number(),
  light: Light,
  message: z.string(),
});
export const MeasureMeasuredResponse = z.object({
  measureId: z.string(),
  asOf: IsoDate,
  targets: z.array(
    z.object({
      targetId: z.string(),
      text: z.string(),
      value: z.number(),
      comparison: z.string(),
      indicator: z.string().nullable(),
      rows: z.array(MeasuredTargetRow),
    }),
  ),
});
export type MeasureMeasuredResponse = z.infer<typeof MeasureMeasuredResponse>;

export const RuleKind = z.enum(['bottom_n', 'above_goal']);
export const RuleAction = z.enum(['notice', 'summons']);
export const RuleInput = z
  .strictObject({
    name: FieldText.trim().min(1).max(100),
    indicator: FieldText.min(1).max(40),
    kind: RuleKind,
    level: AreaLevel,
    /** bottom_n: how many of the bottom. */
    n: z.number().int().min(1).max(500).optional(),
    /** How many periods in a row. */
    periods: z.number().int().min(1).max(24),
    action: RuleAction,
    planId: Id,
    measureId: Id,
  })
  .refine((r) => r.kind !== 'bottom_n' || r.n !== undefined, { message: 'bottom_n 须给出 n', path: ['n'] });
export type RuleInput = z.infer<typeof RuleInput>;
export const Rule = z.object({
  id: z.string(),
  name: z.string(),
  indicator: z.string(),
  kind: RuleKind,
  level: AreaLevel,
  n: z.number().int().nullable(),
  periods: z.number().int(),
  action: RuleAction,
  planId: z.string(),
  measureId: z.string(),
  active: z.boolean(),
});
export type Rule = z.infer<typeof Rule>;
export const RulesResponse = z.object({ rules: z.array(Rule) });
/**
 * Editing a rule (PATCH): any of its settings but the indicator (a rule on another indicator is another
 * rule); `active: false` disables it (the daily job skips it; its proposals stay), `true` enables it again.
 * A plan and its measure change together.
 */
export const RuleUpdate = z
  .strictObject({
    name: FieldText.trim().min(1).max(100).optional(),
    kind: RuleKind.optional(),
    level: AreaLevel.optional(),
    n: z.number().int().min(1).max(500).nullable().optional(),
    periods: z.number().int().min(1).max(24).optional(),
    action: RuleAction.optional(),
    planId: Id.optional(),
    measureId: Id.optional(),
    active: z.boolean().optional(),
  })
  .refine((r) => Object.keys(r).length > 0, { message: '至少修改一项' })
  .refine((r) => (r.planId === undefined) === (r.measureId === undefined), {
    message: 'planId 与 measureId 须一起修改',
    path: ['measureId'],
  });
export type RuleUpdate = z.infer<typeof RuleUpdate>;
export const RuleParams = z.strictObject({ ruleId: Id });
export const EvaluateRuleRequest = z.strictObject({ period: PeriodText });

export const ProposalState = z.enum(['proposed', 'confirmed', 'dismissed']);
export const Proposal = z.object({
  id: z.string(),
  ruleId: z.string(),
  rule: z.string(),
  action: RuleAction,
  areaId: z.string(),
  area: z.string(),
  district: z.string().nullable(),
  unitId: z.string(),
  unit: z.string(),
  period: z.string(),
  evidence: z.array(
    z.object({ period: z.string(), rank: z.number().nullable(), value: z.number().nullable() }),
  ),
  state: ProposalState,
  noticeId: z.string().nullable(),
  /** The problem case it was confirmed as (确认为案件), instead of a notice. */
  caseId: z.string().nullable(),
  /** Why it was dismissed (state `dismissed`). */
  dismissReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Proposal = z.infer<typeof Proposal>;
export const ProposalsResponse = z.object({ proposals: z.array(Proposal) });
export type ProposalsResponse = z.infer<typeof ProposalsResponse>;
export const ProposalsQuery = z.strictObject({ state: ProposalState.optional() });
export const ProposalParams = z.strictObject({ proposalId: Id });
/** The supervisor's one click: the notice is issued with these (defaults from the rule). */
export const ConfirmProposalRequest = z.strictObject({
  level: z.enum(['yellow', 'red']).default('yellow'),
  replyDue: IsoDate,
  reason: FieldText.trim().min(1).max(4000).optional(),
});
export type ConfirmProposalRequest = z.input<typeof ConfirmProposalRequest>;
/**
 * Confirming a proposal as a problem case (确认为案件): the case is entered `reported` at the proposal's
 * area, for the office to verify and dispatch to the area's answering unit; the ranking facts are its
 * description unless one is given. Sent twice, it answers the same case.
 */
export const ConfirmProposalAsCaseRequest = z.strictObject({
  category: CaseCategoryCode.default('other'),
  severity: CaseSeverity.default('medium'),
  description: FieldText.trim().min(1).max(4000).optional(),
});
export type ConfirmProposalAsCaseRequest = z.input<typeof ConfirmProposalAsCaseRequest>;
/** Not taking a proposal up needs a reason. */
export const DismissProposalRequest = z.strictObject({ reason: FieldText.trim().min(1).max(2000) });
export type DismissProposalRequest = z.infer<typeof DismissProposalRequest>;
