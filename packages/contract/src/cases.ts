/**
 * 问题案件 (problem cases): monitor → notify → trace → rectify. A case found by an alarm, an inspection,
 * a complaint or by hand is verified by the office, dispatched to the unit answering for its place with
 * a time limit, signed (or returned as not theirs), rectified, fed back with evidence, checked (closed
 * 销号, or rework), and optionally revisited (回头看) later, which may reopen it.
 */
import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import { CASE_SEVERITIES } from './names.ts';
import { Attachment, BoolParam, Page, Paged, PageSize, Version } from './supervision-common.ts';

export const CASE_STATES = [
  'reported',
  'verified',
  'voided',
  'dispatched',
  'signed',
  'returned',
  'rectifying',
  'feedback',
  'closed',
  'rework',
  'reopened',
] as const;
export const CaseState = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof CaseState>;

/** States in which the time limit runs (the unit holds the case). */
export const CASE_CLOCK_STATES: readonly CaseState[] = ['dispatched', 'signed', 'rectifying', 'rework'];

export const CaseSeverity = z.enum(CASE_SEVERITIES);
export type CaseSeverity = z.infer<typeof CaseSeverity>;

/** How the case was found: a monitoring value over threshold, another system's alarm, 巡查, 投诉, by hand. */
export const CASE_ORIGINS = ['monitoring', 'alarm', 'inspection', 'complaint', 'manual'] as const;
export const CaseOrigin = z.enum(CASE_ORIGINS);
export type CaseOrigin = z.infer<typeof CaseOrigin>;

/** A category code (configurable: vocs, construction_dust, road_dust, vehicles, burning, other, …). */
export const CaseCategoryCode = FieldText.trim()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, '类别代码只能用小写字母、数字和 _');

export const CaseParams = z.strictObject({ caseId: Id });

/** A case as listed. `overdue`: in a clock state past its due day (Beijing), or closed after it. */
export const CaseSummary = z.object({
  id: z.string(),
  /** Human reference, `AJ-2022-000123` (year of receipt and a running number). */
  number: z.string(),
  origin: CaseOrigin,
  /** The reporting system (`dust-video`) or `manual`/`inspection`/`complaint`. */
  source: z.string(),
  externalId: z.string().nullable(),
  category: z.string(),
  categoryName: z.string(),
  severity: CaseSeverity,
  state: CaseState,
  district: z.string().nullable(),
  street: z.string().nullable(),
  address: z.string(),
  /** The matched area (modules/areas), the street's when known, else the district's. */
  areaCode: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  description: z.string(),
  measureId: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  occurredAt: IsoDateTime,
  reportedAt: IsoDateTime,
  dispatchedAt: IsoDateTime.nullable(),
  /** The time limit in force (after an approved extension). */
  dueOn: IsoDate.nullable(),
  closedAt: IsoDateTime.nullable(),
  /** Day from which the revisit (回头看) may be done, once closed. */
  revisitOn: IsoDate.nullable(),
  overdue: z.boolean(),
  escalatedAt: IsoDateTime.nullable(),
  /** An earlier case at the same place and category, still open when this one came in. */
  duplicateOf: z.string().nullable(),
  /** An earlier, closed case at the same place and category within the repeat window. */
  repeatOf: z.string().nullable(),
  reworkCount: z.number().int(),
  returnCount: z.number().int(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseSort = z.enum(['reportedAt', '-reportedAt', 'dueOn', '-dueOn', 'occurredAt', '-occurredAt']);

export const CasesQuery = z.strictObject({
  /** One state or several, comma-separated (`dispatched,signed`). */
  state: FieldText.max(200)
    .regex(/^[a-z]+(,[a-z]+)*$/, 'state：用逗号分隔的状态')
    .optional(),
  category: CaseCategoryCode.optional(),
  severity: CaseSeverity.optional(),
  origin: CaseOrigin.optional(),
  source: FieldText.max(60).optional(),
  unitId: Id.optional(),
  district: FieldText.max(60).optional(),
  street: FieldText.max(60).optional(),
  /** Text in the number, address, description or external id. */
  q: FieldText.trim().max(100).optional(),
  overdue: BoolParam.optional(),
  /** `true`: what waits for the caller (the office's verify/dispatch/check/revisit queue, a unit's inbox). */
  awaitingMe: BoolParam.optional(),
  /** Received from / to (Beijing days, inclusive). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: CaseSort.default('-reportedAt'),
  page: Page,
  pageSize: PageSize,
});
export type CasesQuery = z.infer<typeof CasesQuery>;

export const CasesResponse = z.object({ ...Paged, cases: z.array(CaseSummary) });
export type CasesResponse = z.infer<typeof CasesResponse>;

/** One step in a case's timeline (every step is also in the audit log). */
export const CaseEvent = z.object({
  id: z.string(),
  at: IsoDateTime,
  /** The step: report, verify, void, dispatch, sign, return, rectify, feedback, close, rework, revisit,
   * reopen, extension_request, extension_approve, extension_refuse, remind, escalate, link. */
  action: z.string(),
  fromState: CaseState.nullable(),
  toState: CaseState.nullable(),
  /** Display name of who took it; null for the system (ingest, jobs). */
  by: z.string().nullable(),
  byUnitName: z.string().nullable(),
  comment: z.string().nullable(),
  /** Step-specific facts: `{ unitId, dueOn }` for dispatch, `{ requestedDue }` for an extension, … */
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const CaseExtension = z.object({
  state: z.enum(['pending', 'approved', 'refused']),
  requestedDue: IsoDate,
  reason: z.string(),
  requestedAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
  decisionComment: z.string().nullable(),
});

export const CaseDetail = CaseSummary.extend({
  timeline: z.array(CaseEvent),
  evidence: z.array(Attachment),
  /** The latest feedback text (整改情况). */
  feedbackText: z.string().nullable(),
  /** The latest extension request, if any. */
  extension: CaseExtension.nullable(),
  /** The unit the dispatch form proposes: the area's answering unit, else one named like the district. */
  suggestedUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  linked: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      state: CaseState,
      relation: z.enum(['duplicateOf', 'repeatOf', 'duplicate', 'repeat']),
    }),
  ),
  /** What the caller may do now. */
  actions: z.object({
    verify: z.boolean(),
    dispatch: z.boolean(),
    sign: z.boolean(),
    rectify: z.boolean(),
    feedback: z.boolean(),
    check: z.boolean(),
    revisit: z.boolean(),
    requestExtension: z.boolean(),
    decideExtension: z.boolean(),
    uploadEvidence: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof CaseDetail>;
export const CaseResponse = z.object({ case: CaseDetail });
export type CaseResponse = z.infer<typeof CaseResponse>;

const Reason = FieldText.trim().max(2000);

/** Entered by the office (inspection, complaint, by hand). */
export const CreateCaseRequest = z.strictObject({
  origin: z.enum(['inspection', 'complaint', 'manual', 'monitoring']),
  category: CaseCategoryCode,
  severity: CaseSeverity,
  occurredAt: z.iso.datetime({ offset: true }),
  district: FieldText.trim().min(1).max(60).optional(),
  street: FieldText.trim().min(1).max(60).optional(),
  address: FieldText.trim().min(1).max(300),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  description: FieldText.trim().min(1).max(4000),
  measureId: Id.optional(),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

/** reported → verified | voided (reason required to void). */
export const VerifyCaseRequest = z
  .strictObject({ version: Version, decision: z.enum(['verify', 'void']), comment: Reason.optional() })
  .refine((r) => r.decision !== 'void' || (r.comment ?? '').length > 0, {
    message: '作废时须说明理由',
    path: ['comment'],
  });
export type VerifyCaseRequest = z.infer<typeof VerifyCaseRequest>;

/** verified | returned | reopened → dispatched: the clock starts, due from category × severity. */
export const DispatchCaseRequest = z.strictObject({
  version: Version,
  unitId: Id,
  comment: Reason.optional(),
});
export type DispatchCaseRequest = z.infer<typeof DispatchCaseRequest>;

/** dispatched → signed | returned (not ours: reason required). */
export const SignCaseRequest = z
  .strictObject({ version: Version, decision: z.enum(['sign', 'return']), comment: Reason.optional() })
  .refine((r) => r.decision !== 'return' || (r.comment ?? '').length > 0, {
    message: '退回时须说明理由（为何不属于本单位）',
    path: ['comment'],
  });
export type SignCaseRequest = z.infer<typeof SignCaseRequest>;

/** signed | rework → rectifying. */
export const RectifyCaseRequest = z.strictObject({ version: Version, comment: Reason.optional() });
export type RectifyCaseRequest = z.infer<typeof RectifyCaseRequest>;

/** rectifying → feedback: what was done; evidence (photos) must be uploaded first. */
export const FeedbackCaseRequest = z.strictObject({
  version: Version,
  text: FieldText.trim().min(1).max(8000),
});
export type FeedbackCaseRequest = z.infer<typeof FeedbackCaseRequest>;

/** feedback → closed (销号) | rework (reason required). Not by whoever gave the feedback. */
export const CheckCaseRequest = z
  .strictObject({ version: Version, decision: z.enum(['close', 'rework']), comment: Reason.optional() })
  .refine((r) => r.decision !== 'rework' || (r.comment ?? '').length > 0, {
    message: '退回整改时须说明理由',
    path: ['comment'],
  });
export type CheckCaseRequest = z.infer<typeof CheckCaseRequest>;

/** 回头看 on a closed case from its revisit day: confirmed (stays closed) or reopened (reason required). */
export const RevisitCaseRequest = z
  .strictObject({ version: Version, outcome: z.enum(['confirmed', 'reopen']), comment: Reason.optional() })
  .refine((r) => r.outcome !== 'reopen' || (r.comment ?? '').length > 0, {
    message: '重新打开时须说明理由',
    path: ['comment'],
  });
export type RevisitCaseRequest = z.infer<typeof RevisitCaseRequest>;

/** The unit asks for a later due day (signed, rectifying, rework); the office decides. */
export const CaseExtensionRequest = z.strictObject({
  version: Version,
  requestedDue: IsoDate,
  reason: FieldText.trim().min(1).max(4000),
});
export type CaseExtensionRequest = z.infer<typeof CaseExtensionRequest>;

export const CaseExtensionDecisionRequest = z
  .strictObject({ version: Version, decision: z.enum(['approve', 'refuse']), comment: Reason.optional() })
  .refine((r) => r.decision !== 'refuse' || (r.comment ?? '').length > 0, {
    message: '不同意时须说明理由',
    path: ['comment'],
  });
export type CaseExtensionDecisionRequest = z.infer<typeof CaseExtensionDecisionRequest>;

/** POST /api/v1/ingest/alarms (stable: other systems depend on it). */
export const IngestAlarmRequest = z.strictObject({
  source: FieldText.trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9_.-]+$/, 'source：只能用字母、数字、_ . -'),
  externalId: FieldText.trim().min(1).max(120),
  category: CaseCategoryCode,
  occurredAt: z.iso.datetime({ offset: true }),
  street: FieldText.trim().min(1).max(60).optional(),
  district: FieldText.trim().min(1).max(60).optional(),
  address: FieldText.trim().min(1).max(300),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  description: FieldText.trim().min(1).max(4000),
  severity: CaseSeverity,
});
export type IngestAlarmRequest = z.infer<typeof IngestAlarmRequest>;

/** 201 when created, 200 with the same case when `(source, externalId)` was seen before. */
export const IngestAlarmResponse = z.object({
  caseId: z.string(),
  state: CaseState,
  duplicateOf: z.string().nullable(),
});
export type IngestAlarmResponse = z.infer<typeof IngestAlarmResponse>;

/** Configurable: categories, time limits (days) per category × severity, windows in days. */
export const CaseCategory = z.object({
  code: CaseCategoryCode,
  name: FieldText.trim().min(1).max(40),
  active: z.boolean(),
});
export type CaseCategory = z.infer<typeof CaseCategory>;
export const CaseTimeLimit = z.object({
  category: CaseCategoryCode,
  severity: CaseSeverity,
  days: z.number().int().min(1).max(365),
});
export type CaseTimeLimit = z.infer<typeof CaseTimeLimit>;
export const CaseSettings = z.object({
  categories: z.array(CaseCategory).min(1).max(100),
  /** Every active category × severity needs a limit (400 naming the pair otherwise). */
  timeLimits: z.array(CaseTimeLimit).max(300),
  /** A new case at the same place and category within this many days is linked to the earlier one. */
  repeatWindowDays: z.number().int().min(0).max(365),
  /** The revisit (回头看) may be done this many days after closure. */
  revisitAfterDays: z.number().int().min(1).max(365),
  /** Reminder to the unit this many days before the due day. */
  remindDaysBefore: z.number().int().min(0).max(30),
});
export type CaseSettings = z.infer<typeof CaseSettings>;
export const CaseSettingsRequest = CaseSettings.strict();
export const CaseSettingsResponse = z.object({ settings: CaseSettings });

export const CaseStatsQuery = z.strictObject({ from: IsoDate, to: IsoDate });
export type CaseStatsQuery = z.infer<typeof CaseStatsQuery>;

/**
 * Figures over the cases received in [from, to] (Beijing days). Rates are 0…1 or null when their
 * denominator is 0: onTimeClosureRate = closed by the due day / dispatched; reworkRate = sent back
 * for rework at least once / fed back at least once; repeatRate = repeat or duplicate of an earlier
 * case / received; feedbackRate = fed back at least once / dispatched. overdue = dispatched and past
 * due (still open, or closed late). medianHandlingDays: dispatch → (last) closure, closed cases.
 */
export const CaseStatsRow = z.object({
  key: z.string(),
  name: z.string(),
  received: z.number().int(),
  dispatched: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  onTimeClosureRate: z.number().nullable(),
  overdue: z.number().int(),
  medianHandlingDays: z.number().nullable(),
  reworkRate: z.number().nullable(),
  repeatRate: z.number().nullable(),
  feedbackRate: z.number().nullable(),
});
export type CaseStatsRow = z.infer<typeof CaseStatsRow>;
export const CaseRankingRow = CaseStatsRow.extend({ rank: z.number().int() });
export type CaseRankingRow = z.infer<typeof CaseRankingRow>;
export const CaseStatsResponse = z.object({
  from: IsoDate,
  to: IsoDate,
  total: CaseStatsRow,
  byUnit: z.array(CaseStatsRow),
  byCategory: z.array(CaseStatsRow),
  /** key `YYYY-MM` (month received). */
  byMonth: z.array(CaseStatsRow),
  bySource: z.array(CaseStatsRow),
  /** Units by on-time closure rate (desc), then overdue (asc), then median handling (asc); competition ranks. */
  ranking: z.array(CaseRankingRow),
});
export type CaseStatsResponse = z.infer<typeof CaseStatsResponse>;
