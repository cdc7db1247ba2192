/** Tables of problem cases (issue 10, migration 2026-12-03-10-cases). */
import type { Flag } from './schema.ts';

export type CaseStateValue =
  | 'reported'
  | 'verified'
  | 'voided'
  | 'dispatched'
  | 'signed'
  | 'returned'
  | 'rectifying'
  | 'feedback'
  | 'closed'
  | 'rework'
  | 'reopened';

/** A problem case (问题案件): what was found, where, and each step's who and when. */
export interface CasesTable {
  id: string;
  number: string;
  origin: 'monitoring' | 'alarm' | 'inspection' | 'complaint' | 'manual';
  source: string;
  external_id: string | null;
  category: string;
  severity: 'low' | 'medium' | 'high';
  state: CaseStateValue;
  version: number;
  district: string | null;
  street: string | null;
  address: string;
  /** What "the same place" means for repeats: area (or district/street text) and the normalised address. */
  place_key: string;
  area_id: string | null;
  lat: number | null;
  lng: number | null;
  description: string;
  measure_id: string | null;
  /** The unit it is (or was last) dispatched to. */
  unit_id: string | null;
  occurred_at: string;
  reported_at: string;
  /** Beijing day of `reported_at` (statistics and filters). */
  reported_day: string;
  reported_by: string | null;
  verified_at: string | null;
  verified_by: string | null;
  dispatched_at: string | null;
  dispatched_by: string | null;
  time_limit_days: number | null;
  /** The due day in force (an approved extension moves it). */
  due_on: string | null;
  signed_at: string | null;
  signed_by: string | null;
  feedback_at: string | null;
  feedback_by: string | null;
  feedback_text: string | null;
  closed_at: string | null;
  closed_by: string | null;
  /** Beijing day of `closed_at`: on time when not after `due_on`. */
  closed_on: string | null;
  revisit_on: string | null;
  revisited_at: string | null;
  escalated_at: string | null;
  extension_state: 'pending' | 'approved' | 'refused' | null;
  extension_due: string | null;
  extension_reason: string | null;
  extension_by: string | null;
  extension_at: string | null;
  extension_decided_at: string | null;
  extension_comment: string | null;
  duplicate_of: string | null;
  repeat_of: string | null;
  rework_count: number;
  return_count: number;
  reopen_count: number;
  ever_fed_back: Flag;
  updated_at: string;
}

/** One step of a case's timeline (the audit log holds the same steps in its chain). */
export interface CaseEventsTable {
  id: string;
  case_id: string;
  seq: number;
  at: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  user_id: string | null;
  user_name: string | null;
  unit_name: string | null;
  comment: string | null;
  /** JSON object, or null. */
  detail: string | null;
}

/** A case's evidence file (photos of the rectification), kept in the database like report evidence. */
export interface CaseEvidenceTable {
  id: string;
  case_id: string;
  file_name: string;
  stored_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** A reminder or escalation sent once per case and due day (`<case>:<kind>:<due>`). */
export interface CaseRemindersTable {
  key: string;
  case_id: string;
  kind: 'remind' | 'escalate' | 'revisit';
  due: string;
  created_at: string;
}

export interface CaseCategoriesTable {
  code: string;
  name: string;
  active: Flag;
  position: number;
}

export interface CaseTimeLimitsTable {
  category: string;
  severity: 'low' | 'medium' | 'high';
  days: number;
}

/** The running number per year behind `AJ-2022-000123`. */
export interface CaseNumbersTable {
  year: number;
  n: number;
}

export interface CaseTables {
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_evidence: CaseEvidenceTable;
  case_reminders: CaseRemindersTable;
  case_categories: CaseCategoriesTable;
  case_time_limits: CaseTimeLimitsTable;
  case_numbers: CaseNumbersTable;
}
