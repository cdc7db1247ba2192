/**
 * The structured plan: what `lantian plan parse` prints and what an import stores.
 * Field names are part of the stable CLI/JSON interface; add fields, never change their meaning.
 */

import type { ColumnReading } from './columns.ts';
import type { SourceFormat } from './source.ts';

/** A date as ISO `YYYY-MM-DD` (a calendar day in Beijing time). */
export type IsoDate = string;

export type DeadlineKind = 'date' | 'period' | 'ongoing' | 'milestones';

/** How often an ongoing measure recurs when its deadline says so (`每季度` → quarterly). */
export type Recurrence = 'monthly' | 'quarterly' | 'yearly';

/** 完成时限: the raw phrase and what it means. */
export interface Deadline {
  /** The phrase as written in the table (cleaned of extraction artefacts). */
  raw: string;
  kind: DeadlineKind;
  /** Final due date: `date`, `milestones` (latest milestone or year end) and `period` (its end). */
  due?: IsoDate;
  /** Window of a `period` (`6—9月` → 06-01 … 09-30). */
  start?: IsoDate;
  end?: IsoDate;
  /** `ongoing` measures that name a rhythm (`每季度`). */
  recurrence?: Recurrence;
  /** True when the phrase could not be read and the plan's year end was assumed (a warning says so). */
  assumed?: boolean;
  /** Counted from an event (`省出台文件后2个月`): kept as written, it needs a date (the review asks for it). */
  relative?: boolean;
}

/** A dated step written inside a measure's text (`6月底前，…制定…工作方案`). */
export interface Milestone {
  due: IsoDate;
  /** The date phrase as written (`6月底前`). */
  raw: string;
  /** The sentence the milestone belongs to. */
  text: string;
}

export type Comparison = 'at_least' | 'at_most' | 'about' | 'exactly' | 'reduce_by' | 'increase_by';

/** A quantitative target written in a measure's text (`完成180万辆次以上的重型柴油车人工检查`). */
export interface Target {
  value: number;
  /** Unit as written (`万辆次`, `%`, `吨/平方公里·月`, `户`). */
  unit: string;
  comparison: Comparison;
  /** `同比` (year-on-year): the value is a change relative to the previous year. */
  yearOnYear: boolean;
  /** The phrase (clause) the target was read from. */
  text: string;
}

export type Role = 'lead' | 'responsible' | 'assisting';
export const ROLES: readonly Role[] = ['lead', 'responsible', 'assisting'];

/** One unit named in a role cell, with how it was read. */
export interface UnitMention {
  /** Canonical directory name, or the name as written when unknown. */
  name: string;
  /** As written in the cell. */
  written: string;
  /** `unit` (a single unit), `group` (stands for several), or `unknown` (not in the directory). */
  kind: 'unit' | 'group' | 'unknown';
  /** A parenthesis kept with the unit: `市经济和信息化局 (市新能源汽车联席会议办公室)` acts as that office. */
  actingAs?: string;
}

export interface Section {
  /** Chinese ordinal as written (`一`). */
  ordinal: string;
  title: string;
  line: number;
}

export interface Task {
  no: number;
  name: string;
  /** Ordinal of the section the task belongs to (absent when the table has no sections). */
  section?: string;
  lines: number[];
}

export interface Measure {
  task: number;
  /** 1-based position within its task. */
  seq: number;
  /** Cleaned text; paragraphs separated by `\n`. */
  text: string;
  /** Source line numbers (1-based) the measure came from. */
  lines: number[];
  deadline: Deadline;
  lead: string[];
  responsible: string[];
  assisting: string[];
  /** `等部门` after the lead units. */
  leadEtAl: boolean;
  responsibleEtAl: boolean;
  assistingEtAl: boolean;
  milestones: Milestone[];
  targets: Target[];
  /** The 备注 (remarks) column, when the table has one. */
  remark?: string;
  /** The target column as written (`≥2%`), when the table has one; also read into `targets`. */
  target?: string;
  /** The unit-of-measure column (`%`, `万亩`), when the table has one. */
  unitOfMeasure?: string;
  /** Every unit mention per role, with how it was resolved. */
  units: Record<Role, UnitMention[]>;
}

export type WarningCode =
  | 'UNKNOWN_UNIT'
  | 'GROUP_NEEDS_DECISION'
  | 'DEADLINE_UNREADABLE'
  | 'DEADLINE_MISSING'
  | 'DEADLINE_NO_MILESTONES'
  | 'ARTEFACT_REPAIRED'
  | 'TASK_RENAMED'
  | 'ROW_IGNORED'
  | 'MEASURE_CONTINUED'
  | 'NO_LEAD_UNIT'
  | 'TASK_UNNAMED'
  | 'YEAR_ASSUMED'
  | 'COLUMN_UNCERTAIN'
  | 'COLUMN_UNPLACED'
  | 'TABLE_SKIPPED'
  /** The header row was one cell short at its start (a lost `序号`): its labels were moved over their data. */
  | 'HEADER_SHIFTED'
  | 'DEADLINE_NEEDS_DATE'
  /** A row with no units read as under the merged unit cell of the row above. */
  | 'UNITS_CARRIED_DOWN'
  /** The plan is of another jurisdiction (or names none and its units are not the directory's): names kept. */
  | 'DIRECTORY_NOT_APPLIED';

export interface ParseWarning {
  line: number;
  code: WarningCode;
  message: string;
  /** Machine-readable detail: the unit name, the phrase, the repaired text… */
  subject?: string;
  /** The measure concerned, when there is one. */
  task?: number;
  seq?: number;
  role?: Role;
}

export interface Plan {
  title: string;
  year: number;
  /** Lines before the header other than the title (`附件 2`). */
  preamble: string[];
  sections: Section[];
  tasks: Task[];
  measures: Measure[];
  warnings: ParseWarning[];
  /** The jurisdiction the plan names (`沈阳市`); the directory applies only when it is the directory's own. */
  jurisdiction?: string;
  /** A multi-year plan's period (`2023—2025年` in its title): undated measures are due at its end. */
  period?: { start: IsoDate; end: IsoDate };
  /** What each column of the table was read as, with a confidence (the import wizard's mapping step). */
  columns: ColumnReading[];
  /** How the file was read. */
  source: {
    /** The container the table came from. */
    format: SourceFormat;
    /** Text inputs only: how the bytes were decoded and the cells split. */
    encoding?: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
    delimiter?: 'tab' | 'comma' | 'pipe';
    /** Physical lines in the file (rows of the table for containers). */
    lines: number;
    /** Line of the (first) header row. */
    headerLine: number;
    /** Header cells as written, in file order, and the column each was read as. */
    columns: { header: string; column: string | null }[];
  };
  /** Footnotes after or inside the table (`注：…`). */
  notes: string[];
}
