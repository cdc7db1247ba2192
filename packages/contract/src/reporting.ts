/** Reporting settings, progress reports (进度填报), their review, and the queues. */
import { z } from 'zod';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import {
  AssignmentBrief,
  AssignmentStatusView,
  Attachment,
  BoolParam,
  Page,
  Paged,
  PageSize,
  PeriodKey,
  ProgressStatus,
  ReportState,
  Version,
} from './supervision-common.ts';

export const ReportingCycle = z.enum(['monthly', 'biweekly', 'quarterly']);
export type ReportingCycle = z.infer<typeof ReportingCycle>;

/**
 * 填报周期: how often units report, the due day, when reporting starts, and the reminder days; and the
 * plan period (计划期, its year unless a multi-year plan sets its own): reports are owed only inside it,
 * and after it unfinished work is marked 未按期完成 once. Extending `periodEnd` carries a plan over.
 */
export const ReportingSettingsResponse = z.object({
  planId: z.string(),
  cycle: ReportingCycle,
  dueDay: z.number().int(),
  start: IsoDate,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  reminderDays: z.array(z.number().int()),
  version: z.number().int(),
  /** True while the supervisor has not set them (the defaults apply). */
  isDefault: z.boolean(),
  /** 督办答复、延期和销号申请须经本单位领导签发后报出. */
  requestSignoff: z.boolean(),
});
export type ReportingSettingsResponse = z.infer<typeof ReportingSettingsResponse>;

export const UpdateReportingSettingsRequest = z.strictObject({
  version: Version,
  cycle: ReportingCycle,
  dueDay: z.number().int().min(1).max(31),
  start: IsoDate,
  reminderDays: z.array(z.number().int().min(1).max(90)).min(1).max(10),
  /** The plan period; omitted, it stays as it is. */
  periodStart: IsoDate.optional(),
  periodEnd: IsoDate.optional(),
  /** Hold the units' notice replies, extension and closure requests for their leaders' sign-off; omitted, unchanged. */
  requestSignoff: z.boolean().optional(),
});
export type UpdateReportingSettingsRequest = z.infer<typeof UpdateReportingSettingsRequest>;

export const TargetValueInput = z.strictObject({
  targetId: Id,
  /** The value to date, in the target's unit. */
  value: z.number().finite(),
  note: FieldText.max(500).optional(),
});
export const MilestoneReachedInput = z.strictObject({ milestoneId: Id, reachedOn: IsoDate });

const content = {
  status: ProgressStatus,
  /** 工作进展: what was done. */
  summary: FieldText.max(20_000),
  targetValues: z.array(TargetValueInput).max(100),
  milestonesReached: z.array(MilestoneReachedInput).max(100),
};

/** Save a draft. `version` 0 creates the period's report; otherwise it must match the stored version. */
export const SaveReportRequest = z.strictObject({ version: Version, ...content });
export type SaveReportRequest = z.infer<typeof SaveReportRequest>;

/** Submit for the unit leader's sign-off (content saved with it). `requestId` makes a retry harmless. */
export const SubmitReportRequest = z.strictObject({ version: Version, requestId: z.uuid(), ...content });
export type SubmitReportRequest = z.infer<typeof SubmitReportRequest>;

export const SignoffRequest = z.strictObject({
  version: Version,
  decision: z.enum(['approve', 'reject']),
  comment: FieldText.max(2000).optional(),
});
export type SignoffRequest = z.infer<typeof SignoffRequest>;

export const ReviewRequest = z
  .strictObject({
    version: Version,
    decision: z.enum(['accept', 'return']),
    comment: FieldText.max(2000).optional(),
  })
  .refine((r) => r.decision !== 'return' || (r.comment ?? '').trim().length > 0, {
    message: '退回时须填写退回意见',
    path: ['comment'],
  });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const Report = z.object({
  id: z.string(),
  assignmentId: z.string(),
  planId: z.string(),
  measureId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  period: z.string(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  periodDue: IsoDate,
  state: ReportState,
  status: ProgressStatus,
  summary: z.string(),
  targetValues: z.array(z.object({ targetId: z.string(), value: z.number(), note: z.string().optional() })),
  milestonesReached: z.array(z.object({ milestoneId: z.string(), reachedOn: IsoDate })),
  /** Who reviews it: the measure's lead unit, or the office for a lead unit's own report. */
  reviewRoute: z.enum(['lead', 'supervisor']),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  updatedBy: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  submittedBy: z.string().nullable(),
  signedOffAt: IsoDateTime.nullable(),
  signedOffBy: z.string().nullable(),
  reviewedAt: IsoDateTime.nullable(),
  reviewedBy: z.string().nullable(),
  reviewDecision: z.enum(['accepted', 'returned']).nullable(),
  reviewComment: z.string().nullable(),
  signoffComment: z.string().nullable(),
  evidence: z.array(Attachment),
});
export type Report = z.infer<typeof Report>;

export const ReportEvent = z.object({
  at: IsoDateTime,
  action: z.string(),
  fromState: z.string().nullable(),
  toState: ReportState,
  by: z.string().nullable(),
  comment: z.string().nullable(),
});

/** What the caller may do with the report or assignment now (the page shows only these buttons). */
export const ReportActions = z.object({
  save: z.boolean(),
  submit: z.boolean(),
  signoff: z.boolean(),
  review: z.boolean(),
  uploadEvidence: z.boolean(),
  requestExtension: z.boolean(),
  requestClosure: z.boolean(),
});

export const ReportPeriodRow = z.object({
  key: z.string(),
  start: IsoDate,
  end: IsoDate,
  due: IsoDate,
  reportId: z.string().nullable(),
  state: ReportState.nullable(),
  /** Past its due day without a signed-off report. */
  late: z.boolean(),
});

export const ReportFormQuery = z.strictObject({ period: PeriodKey.optional() });

/** The report form of one assignment: the measure, the periods owed, and the chosen period's report. */
export const ReportFormResponse = z.object({
  assignment: AssignmentBrief,
  status: AssignmentStatusView,
  /** The period shown: the one asked for, else the current one, else the latest owed; null when none is owed yet. */
  period: z.object({ key: z.string(), start: IsoDate, end: IsoDate, due: IsoDate }).nullable(),
  periods: z.array(ReportPeriodRow),
  /** Null while nothing was saved for the period (the form starts empty; save with version 0). */
  report: Report.nullable(),
  history: z.array(ReportEvent),
  actions: ReportActions,
  /** The assignment's closure request still in progress (a draft to continue, or one awaiting a decision). */
  openClosure: z.object({ id: z.string(), state: z.string() }).nullable(),
});
export type ReportFormResponse = z.infer<typeof ReportFormResponse>;

export const ReportResponse = z.object({
  report: Report,
  history: z.array(ReportEvent),
  actions: ReportActions,
});
export type ReportResponse = z.infer<typeof ReportResponse>;

export const QueueKind = z.enum(['review', 'signoff']);
export const ReportQueueQuery = z.strictObject({
  kind: QueueKind.default('review'),
  planId: Id.optional(),
  /** `true`: include reports already decided by the caller's unit (accepted/returned). */
  decided: BoolParam.optional(),
  page: Page,
  pageSize: PageSize,
});
export type ReportQueueQuery = z.infer<typeof ReportQueueQuery>;

export const ReportQueueRow = z.object({
  reportId: z.string(),
  assignmentId: z.string(),
  planId: z.string(),
  measureId: z.string(),
  task: z.number().int(),
  seq: z.number().int(),
  measureText: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  role: z.enum(['lead', 'responsible', 'assisting']),
  period: z.string(),
  periodDue: IsoDate,
  state: ReportState,
  status: ProgressStatus,
  submittedAt: IsoDateTime.nullable(),
  signedOffAt: IsoDateTime.nullable(),
  version: z.number().int(),
});
export const ReportQueueResponse = z.object({ ...Paged, rows: z.array(ReportQueueRow) });
export type ReportQueueResponse = z.infer<typeof ReportQueueResponse>;

/** One page of an assignment's reports (its ledger), newest period first. */
export const AssignmentReportsQuery = z.strictObject({ page: Page, pageSize: PageSize });
export type AssignmentReportsQuery = z.infer<typeof AssignmentReportsQuery>;

export const AssignmentReportsResponse = z.object({
  ...Paged,
  assignment: AssignmentBrief,
  reports: z.array(Report),
});
