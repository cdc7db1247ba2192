/**
 * The database as the code sees it. Times are ISO-8601 UTC strings, booleans 0/1, JSON is text
 * (the same on SQLite and PostgreSQL); ids are UUIDs made in JS.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { CaseTables } from './schema-cases.ts';
import type { DocumentTables } from './schema-documents.ts';
import type { ImportTables } from './schema-import.ts';
import type { MonitoringTables } from './schema-monitoring.ts';
import type { PlatformTables } from './schema-platform.ts';
import type { SafetyTables } from './schema-safety.ts';
import type { SecurityTables } from './schema-security.ts';
import type { ReadVersionTable, SupervisionTables } from './schema-supervision.ts';
import type { VolumeTables } from './schema-volume.ts';

export * from './schema-cases.ts';
export * from './schema-monitoring.ts';
export * from './schema-supervision.ts';

export type Flag = 0 | 1;

export interface MetaTable {
  key: string;
  value: string;
}

export interface UnitsTable {
  id: string;
  name: string;
  /** nameKey(name): unique, so `市生态环境局` and `市生态环境局 ` cannot both exist. */
  name_key: string;
  full_name: string;
  name_en: string | null;
  kind: string;
  parent_id: string | null;
  /** JSON string[] */
  aliases: string;
  /** JSON string[] */
  sectors: string;
  created_at: string;
  updated_at: string;
  /** Another jurisdiction's unit (`成都市`), made in the review of its plan; null: the directory's own (migration 80). */
  jurisdiction: string | null;
  /** Disabled (停用): no new assignments; its history stays. */
  disabled_at: string | null;
  disabled_reason: string | null;
  /** Merged (合并) into this unit: its names are that unit's aliases, its work moved there. */
  merged_into: string | null;
  /** The office's remark (备注), kept by the directory's import and export (migration 2026-12-06-60). */
  note: string | null;
}

/** Every edit of the unit directory: rename, disable, enable, merge, aliases, group members. */
export interface DirectoryChangesTable {
  id: string;
  subject_type: 'unit' | 'group';
  subject_id: string;
  action: string;
  /** JSON */
  before: string | null;
  /** JSON */
  after: string | null;
  reason: string | null;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: string;
}

export interface UnitGroupsTable {
  id: string;
  name: string;
  name_en: string | null;
  aliases: string;
  decided_per_plan: Flag;
  /** JSON UnitKind[] */
  candidate_kinds: string;
  created_at: string;
}

export interface UnitGroupMembersTable {
  group_id: string;
  unit_id: string;
}

export interface UsersTable {
  id: string;
  username: string;
  /** Normalised (NFKC, lower case): `Zhang`, `zhang` and `Ｚhang` collide. */
  username_key: string;
  display_name: string;
  unit_id: string;
  password_hash: string;
  password_changed_at: string;
  must_change_password: Flag;
  disabled: Flag;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  version: number;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Lockout per account name and source address (migration 70); `locks` counts locks so far. */
export interface LoginSourceLocksTable {
  username_key: string;
  source: string;
  failures: number;
  locks: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface LoginFailuresTable {
  id: string;
  ip: string;
  username_key: string;
  at: string;
}

export interface PlanDocumentsTable {
  id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface PlansTable {
  id: string;
  title: string;
  year: number;
  status: 'draft' | 'published' | 'archived';
  document_id: string;
  /** JSON: the Plan exactly as the parser returned it. */
  parse_result: string;
  /** JSON ParseWarning[] */
  warnings: string;
  /** JSON string[] */
  preamble: string;
  imported_by: string | null;
  imported_at: string;
  published_by: string | null;
  published_at: string | null;
  archived_at: string | null;
  version: number;
  updated_at: string;
  /** The plan period (null: the plan year): reports are owed only inside it. */
  period_start: string | null;
  period_end: string | null;
  /** Why it was archived or withdrawn. */
  archive_reason: string | null;
  /** Withdrawn (撤回): archived and out of the units' lists. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  /** 1: a unit's 督办单 replies, extension and closure requests leave it only once its leader signs them off. */
  request_signoff: Generated<Flag>;
  /** Set while the import is still writing the draft (invisible until cleared). */
  importing_since: Generated<string | null>;
}

export interface PlanSectionsTable {
  id: string;
  plan_id: string;
  ordinal: string;
  title: string;
  position: number;
  line: number;
}

export interface PlanTasksTable {
  id: string;
  plan_id: string;
  section_id: string | null;
  no: number;
  name: string;
  /** JSON number[] */
  lines: string;
}

export interface MeasuresTable {
  id: string;
  plan_id: string;
  task_id: string;
  task_no: number;
  seq: number;
  text: string;
  lines: string;
  deadline_raw: string;
  deadline_kind: string;
  deadline_due: string | null;
  deadline_start: string | null;
  deadline_end: string | null;
  deadline_recurrence: string | null;
  deadline_assumed: Flag;
  lead_et_al: Flag;
  responsible_et_al: Flag;
  assisting_et_al: Flag;
  version: number;
  updated_at: string;
}

export interface MilestonesTable {
  id: string;
  measure_id: string;
  position: number;
  due: string;
  raw: string;
  text: string;
}

export interface TargetsTable {
  id: string;
  measure_id: string;
  position: number;
  value: number;
  unit: string;
  comparison: string;
  year_on_year: Flag;
  text: string;
  /** 1: the lead holds it for the whole city; 0: each unit holds it; null: the rule decides. */
  city_wide?: Flag | null;
}

/** A unit or group named in a role cell of a measure, before expansion. */
export interface MeasureUnitsTable {
  id: string;
  plan_id: string;
  measure_id: string;
  role: 'lead' | 'responsible' | 'assisting';
  position: number;
  written: string;
  name: string;
  kind: 'unit' | 'group' | 'unknown';
  unit_id: string | null;
  group_id: string | null;
  acting_as: string | null;
}

export interface PlanGroupDecisionsTable {
  plan_id: string;
  group_id: string;
  decided_by: string;
  decided_at: string;
}

export interface PlanGroupDecisionUnitsTable {
  plan_id: string;
  group_id: string;
  unit_id: string;
}

export interface PlanUnitResolutionsTable {
  plan_id: string;
  name: string;
  unit_id: string;
  resolved_by: string;
  resolved_at: string;
}

export interface AssignmentsTable {
  id: string;
  plan_id: string;
  measure_id: string;
  unit_id: string;
  role: 'lead' | 'responsible' | 'assisting';
  via_group_id: string | null;
  acting_as: string | null;
  created_at: string;
}

export interface CorrectionsTable {
  id: string;
  plan_id: string;
  entity: 'plan' | 'task' | 'measure';
  entity_id: string;
  field: string;
  before: string;
  after: string;
  reason: string | null;
  corrected_by: string;
  corrected_at: string;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  /** JSON string[] */
  roles: string;
  unit_id: string | null;
  unit_name: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  before: string | null;
  after: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** Every table. Each area declares its tables in its own file and joins here with one `extends`. */
export interface Database
  extends SupervisionTables,
    VolumeTables,
    PlatformTables,
    MonitoringTables,
    SecurityTables,
    SafetyTables,
    ImportTables,
    DocumentTables,
    CaseTables {
  meta: MetaTable;
  units: UnitsTable;
  directory_changes: DirectoryChangesTable;
  unit_groups: UnitGroupsTable;
  unit_group_members: UnitGroupMembersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  login_source_locks: LoginSourceLocksTable;
  login_failures: LoginFailuresTable;
  plan_documents: PlanDocumentsTable;
  plans: PlansTable;
  plan_sections: PlanSectionsTable;
  plan_tasks: PlanTasksTable;
  measures: MeasuresTable;
  milestones: MilestonesTable;
  targets: TargetsTable;
  measure_units: MeasureUnitsTable;
  plan_group_decisions: PlanGroupDecisionsTable;
  plan_group_decision_units: PlanGroupDecisionUnitsTable;
  plan_unit_resolutions: PlanUnitResolutionsTable;
  assignments: AssignmentsTable;
  corrections: CorrectionsTable;
  audit_events: AuditEventsTable;
  read_version: ReadVersionTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type PlanRow = Selectable<PlansTable>;
export type MeasureRow = Selectable<MeasuresTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
