import type { Repair } from '../text/clean.ts';
import type { Role } from './model.ts';

/** A measure row as read, before its cells are interpreted (a page break may still add text to it). */
export interface Draft {
  task: number;
  seq: number;
  /** Cleaned text and its repairs, redone when a page break adds a part. */
  cleaned: { text: string; repairs: Repair[] };
  textParts: string[];
  lines: number[];
  deadlineCell: string;
  /** The role cells of the row, one per column of that role (总牵头单位 and 分项牵头单位 are both lead). */
  unitCells: Record<Role, string[]>;
  remark: string;
  /** The target and unit-of-measure columns, when the table has them. */
  targetCell: string;
  unitOfMeasure: string;
}

export const ROLE_LABEL: Record<Role, string> = {
  lead: '牵头部门',
  responsible: '主责单位',
  assisting: '协办单位',
};
