/** Shapes shared by the progress-reporting and supervision API. */
import { z } from 'zod';
import { Id, IsoDate, IsoDateTime, ResponsibilityRole } from './common.ts';
import { Deadline, Milestone, Target } from './plan-parts.ts';

/** 预警灯: done (closed, 销号), green, yellow, red. */
export const Light = z.enum(['green', 'yellow', 'red', 'done']);
export type Light = z.infer<typeof Light>;

export const ReasonCode = z.enum([
  'MILESTONE_OVERDUE',
  'DEADLINE_OVERDUE',
  'MILESTONE_DUE_SOON',
  'DEADLINE_DUE_SOON',
  'REPORT_MISSING',
  'REPORT_OVERDUE',
  'REPORT_RETURNED',
  'UNFINISHED',
  /** A target bound to an indicator misses it in the measured data (issue 9). */
  'MEASURED_TARGET_MISSED',
  /** A unit behind on its share of a city-wide target (issue 12 item 14), as its target standing shows. */
  'TARGET_SHARE_BEHIND',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

/**
 * Why something is yellow or red, as facts (the web words them with `reasonText` from @lantian/core,
 * counting days at read time): a milestone's or deadline's `due` and `subject`; missing reports folded
 * (`from`…`to`, `count`, `period` the latest, `due` the earliest's due day); 未按期完成 (`UNFINISHED`)
 * with its `due` and the period's end `to`.
 */
export const Reason = z.object({
  code: ReasonCode,
  light: z.enum(['yellow', 'red']),
  due: IsoDate.nullable(),
  period: z.string().nullable(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  count: z.number().int().nullable().optional(),
  subject: z.string().nullable().optional(),
  extended: z.boolean().nullable().optional(),
});
export type Reason = z.infer<typeof Reason>;

/** 进度填报 states: staff draft → pending_signoff (unit leader) → submitted (to the reviewer) → accepted | returned. */
export const ReportState = z.enum(['draft', 'pending_signoff', 'submitted', 'accepted', 'returned']);
export type ReportState = z.infer<typeof ReportState>;

/** 未启动 / 推进中 / 滞后 / 已完成 */
export const ProgressStatus = z.enum(['not_started', 'on_track', 'behind', 'done']);
export type ProgressStatus = z.infer<typeof ProgressStatus>;

/** `2022-06` (monthly), `2022-06-H1` (biweekly), `2022-Q2` (quarterly). */
export const PeriodKey = z
  .string()
  .regex(/^\d{4}-(?:(?:0[1-9]|1[0-2])(?:-H[12])?|Q[1-4])$/, '报告期格式应为 2022-06、2022-06-H1 或 2022-Q2');

/** Optimistic locking: the version the client last saw. */
export const Version = z.number().int().min(0);

export const Page = z.coerce.number().int().min(1).max(100_000).default(1);
export const PageSize = z.coerce.number().int().min(1).max(200).default(50);
export const BoolParam = z.enum(['true', 'false']);

export const AssignmentParams = z.strictObject({ assignmentId: Id });
export const ReportParams = z.strictObject({ reportId: Id });
export const AssignmentPeriodParams = z.strictObject({ assignmentId: Id, period: PeriodKey });
export const EvidenceParams = z.strictObject({ evidenceId: Id });

/** An evidence file (佐证材料) as listed; `downloadUrl` serves it as an attachment. */
export const Attachment = z.object({
  id: z.string(),
  fileName: z.string(),
  storedName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: IsoDateTime,
  uploadedBy: z.string().nullable(),
  downloadUrl: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentResponse = z.object({ attachment: Attachment });

/** The measure and responsibility a report, request or status row is about. */
export const AssignmentBrief = z.object({
  id: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  planYear: z.number().int(),
  measureId: z.string(),
  task: z.number().int(),
  taskName: z.string(),
  seq: z.number().int(),
  text: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  role: ResponsibilityRole,
  deadline: Deadline,
  milestones: z.array(Milestone),
  targets: z.array(Target),
  leadUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The day the assignment was closed (销号): its reports are locked. */
  closedOn: IsoDate.nullable(),
  /** Approved extensions in force: the new date per milestone (`milestoneId`) or for the deadline (null). */
  extensions: z.array(z.object({ milestoneId: z.string().nullable(), originalDue: IsoDate, due: IsoDate })),
});
export type AssignmentBrief = z.infer<typeof AssignmentBrief>;

export const AssignmentStatusView = z.object({
  assignmentId: z.string(),
  light: Light,
  reasons: z.array(Reason),
  /** 0…1: targets by their progress and milestones by completion. */
  progress: z.number(),
  completed: z.boolean(),
  closedOn: IsoDate.nullable(),
  nextDue: IsoDate.nullable(),
  lastPeriod: z.string().nullable(),
  lastState: z.string().nullable(),
  /** The day the status was computed for. */
  asOf: IsoDate,
});
export type AssignmentStatusView = z.infer<typeof AssignmentStatusView>;

export const LightCounts = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  done: z.number().int(),
});
export type LightCounts = z.infer<typeof LightCounts>;

export const Paged = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };
