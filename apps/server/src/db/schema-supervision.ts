/** Tables of progress reporting and supervision: reports, evidence, status, reminders, notices and requests. */
import type { Generated } from 'kysely';
import type { Flag } from './schema.ts';

export interface ReportingSettingsTable {
  plan_id: string;
  cycle: 'monthly' | 'biweekly' | 'quarterly';
  due_day: number;
  start_date: string;
  /** JSON number[]: days before a milestone or deadline that a reminder goes out. */
  reminder_days: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export type ReportStateValue = 'draft' | 'pending_signoff' | 'submitted' | 'accepted' | 'returned';
export type ProgressStatusValue = 'not_started' | 'on_track' | 'behind' | 'done';

/** One unit's progress report (进度填报) for one reporting period of one assignment. */
export interface ProgressReportsTable {
  id: string;
  plan_id: string;
  assignment_id: string;
  measure_id: string;
  unit_id: string;
  period: string;
  period_start: string;
  period_end: string;
  period_due: string;
  state: ReportStateValue;
  status: ProgressStatusValue;
  summary: string;
  /** JSON {targetId, value, note}[] */
  target_values: string;
  /** JSON {milestoneId, reachedOn}[] */
  milestones_reached: string;
  /** Who reviews it: the measure's lead unit, or the office when the reporting unit is a lead. */
  review_route: 'lead' | 'supervisor';
  version: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_decision: 'accepted' | 'returned' | null;
  review_comment: string | null;
  signoff_comment: string | null;
  /** The idempotency key of the last submit, so a retried submit changes nothing. */
  last_request_id: string | null;
}

/** Each step of a report, with what the report said at that moment (the ledger, and status as of a date). */
export interface ReportEventsTable {
  id: string;
  report_id: string;
  /** 1, 2, … per report: the order of its steps (several can share a clock tick). */
  seq: number;
  plan_id: string;
  at: string;
  user_id: string | null;
  action: string;
  from_state: string | null;
  to_state: ReportStateValue;
  status: ProgressStatusValue;
  milestones_reached: string;
  target_values: string;
  comment: string | null;
}

export type AttachmentOwner = 'report' | 'notice' | 'closure' | 'extension';

/** Evidence files (佐证材料), stored in the database so any instance can serve them. */
export interface AttachmentsTable {
  id: string;
  owner_type: AttachmentOwner;
  owner_id: string;
  plan_id: string;
  unit_id: string;
  /** The uploader's file name, cleaned, for display only. */
  file_name: string;
  /** The name the server made (`ev-<id>.<ext>`). */
  stored_name: string;
  /** The type read from the content, not the one the browser claimed. */
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** Per-assignment status, kept current in the transactions that change its facts and by the daily job. */
export interface AssignmentStatusTable {
  assignment_id: string;
  plan_id: string;
  measure_id: string;
  unit_id: string;
  role: 'lead' | 'responsible' | 'assisting';
  task_no: number;
  seq: number;
  light: 'green' | 'yellow' | 'red' | 'done';
  /** 0 done, 1 green, 2 yellow, 3 red: sorts and filters by severity. */
  light_rank: number;
  /** JSON Reason[] */
  reasons: string;
  /** `,CODE,CODE,` for filtering by reason. */
  reason_codes: string;
  progress: number;
  completed: Flag;
  closed_on: string | null;
  /** The earliest date among the reasons (what is most urgent), or the next milestone/deadline. */
  next_due: string | null;
  last_period: string | null;
  last_state: string | null;
  /** The day (Beijing) the status was computed for. */
  computed_on: string;
  /** The day the status may next change with time alone; null when it never will (closed). */
  recheck_on: string | null;
  updated_at: string;
}

export interface RemindersTable {
  /** Unique per reminder (`<assignment>:milestone:<due>:<days>`): a second insert does nothing. */
  key: string;
  plan_id: string;
  assignment_id: string;
  unit_id: string;
  kind: string;
  due: string;
  send_on: string;
  subject: string;
  recipients: number;
  created_at: string;
  created_by: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  object_type: string | null;
  object_id: string | null;
  plan_id: string | null;
  dedupe_key: string | null;
  created_at: string;
  /** Beijing day of created_at (the notification centre groups by it). */
  day: string | null;
  read_at: string | null;
}

export interface UserContactsTable {
  user_id: string;
  email: string | null;
  email_enabled: Flag;
  /** 1: a unit's reminders come as one digest a day (催办汇总); 0: one message per reminder. */
  digest_enabled: Generated<Flag>;
  /** Beijing hour (0–23) from which the day's digest is sent. */
  digest_hour: Generated<number>;
  updated_at: string;
}

export interface EmailOutboxTable {
  id: string;
  user_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  dedupe_key: string | null;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  sent_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

export type NoticeState = 'issued' | 'replied' | 'sent_back' | 'accepted';

/** 督办单 */
export interface SupervisionNoticesTable {
  id: string;
  plan_id: string;
  unit_id: string;
  level: 'yellow' | 'red';
  initial_level: 'yellow' | 'red';
  reason: string;
  reply_due: string;
  state: NoticeState;
  issued_by: string | null;
  issued_at: string;
  escalated_at: string | null;
  closed_at: string | null;
  version: number;
  updated_at: string;
  /** The Beijing year of issue and the sequence within the plan and that year (督办〔2022〕第 12 号); migration 30. */
  number_year: number | null;
  number: number | null;
}

export interface NoticeMeasuresTable {
  notice_id: string;
  measure_id: string;
}

export interface NoticeRepliesTable {
  id: string;
  notice_id: string;
  /** 1, 2, … per notice. */
  seq: number | null;
  text: string;
  /** JSON string[]: the evidence files that came with the reply. */
  attachment_ids: string;
  replied_by: string | null;
  replied_at: string;
  decision: 'accepted' | 'sent_back' | null;
  decision_comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** Own-unit sign-off (when the plan requires it): pending while held in the unit, then approved or returned. */
  signoff_state: SignoffState | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  signoff_comment: string | null;
}

/** A request held for its unit's sign-off, or signed off, or returned to its writer. */
export type SignoffState = 'pending' | 'approved' | 'returned';

export type ExtensionState = 'pending_lead' | 'pending_supervisor' | 'approved' | 'refused';

/** 延期申请 */
export interface ExtensionRequestsTable {
  id: string;
  plan_id: string;
  assignment_id: string;
  measure_id: string;
  unit_id: string;
  /** The milestone to move, or null for the final deadline. */
  milestone_id: string | null;
  original_due: string;
  requested_due: string;
  reason: string;
  state: ExtensionState;
  requested_by: string | null;
  requested_at: string;
  lead_by: string | null;
  lead_at: string | null;
  lead_comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  version: number;
  /** Own-unit sign-off (when the plan requires it): pending while held in the unit, then approved or returned. */
  signoff_state: SignoffState | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  signoff_comment: string | null;
}

export type ClosureState = 'draft' | 'pending_lead' | 'pending_supervisor' | 'closed' | 'rejected';

/** 销号 */
export interface ClosureRequestsTable {
  id: string;
  plan_id: string;
  assignment_id: string;
  measure_id: string;
  unit_id: string;
  summary: string;
  state: ClosureState;
  requested_by: string | null;
  requested_at: string;
  submitted_at: string | null;
  lead_by: string | null;
  lead_at: string | null;
  lead_comment: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  /** The day (Beijing) the supervisor closed it. */
  closed_on: string | null;
  version: number;
  /** Own-unit sign-off (when the plan requires it): pending while held in the unit, then approved or returned. */
  signoff_state: SignoffState | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  signoff_comment: string | null;
}

/** Bumped by triggers whenever what 我的任务 shows changes; readers cache by it. */
export interface ReadVersionTable {
  id: number;
  n: number;
}

export interface SupervisionTables {
  reporting_settings: ReportingSettingsTable;
  progress_reports: ProgressReportsTable;
  report_events: ReportEventsTable;
  attachments: AttachmentsTable;
  assignment_status: AssignmentStatusTable;
  reminders: RemindersTable;
  notifications: NotificationsTable;
  user_contacts: UserContactsTable;
  email_outbox: EmailOutboxTable;
  job_leases: JobLeasesTable;
  supervision_notices: SupervisionNoticesTable;
  notice_measures: NoticeMeasuresTable;
  notice_replies: NoticeRepliesTable;
  extension_requests: ExtensionRequestsTable;
  closure_requests: ClosureRequestsTable;
}
