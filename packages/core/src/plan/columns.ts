/**
 * What a column of a plan table holds, decided from its header and its cells. The import wizard shows
 * these readings and lets the supervisor change any role before the draft is made (`--columns` on the CLI).
 */

export type ColumnRole =
  | 'number' /** 序号 */
  | 'section' /** a category above the task (一级/二级分类) */
  | 'task' /** 重点任务 / 主要任务 */
  | 'measure' /** 工作措施 / 具体任务 / 主要工作内容 */
  | 'deadline' /** 完成时限 / 完成时间 */
  | 'lead' /** 牵头 (总牵头, 分项牵头 …) */
  | 'responsible' /** 主责 / 责任 / 负责 */
  | 'assisting' /** 协办 / 配合 / 参与 */
  | 'target' /** a target value column (`≥2%`, `0.07`) */
  | 'measure_unit' /** unit of measure (`%`, `万亩`) */
  | 'remark' /** 备注 */
  | 'ignored';

export interface ColumnReading {
  /** The header as written (two-line headers joined with `/`). */
  header: string;
  role: ColumnRole;
  /** 0–1: how sure the reading is; under 0.6 is a warning in the review. */
  confidence: number;
  /** A few cells of the column, for the wizard and the warning. */
  samples?: string[];
}

/** A supervisor's choice of roles, by header text: `{ "责任部门": "responsible" }`. */
export type ColumnChoice = Record<string, ColumnRole>;

export const COLUMN_ROLES: readonly [ColumnRole, ...ColumnRole[]] = [
  'number',
  'section',
  'task',
  'measure',
  'deadline',
  'lead',
  'responsible',
  'assisting',
  'target',
  'measure_unit',
  'remark',
  'ignored',
];

/**
 * `表头=role,表头=role` (the CLI's `--columns`) as a ColumnChoice. Throws an Error naming the part that
 * is not `header=role` with a known role.
 */
export function parseColumnChoice(text: string): ColumnChoice {
  const choice: ColumnChoice = {};
  for (const part of text.split(/[,，;；]/)) {
    if (!part.trim()) continue;
    const eq = part.lastIndexOf('=');
    const header = part.slice(0, eq).trim();
    const role = part.slice(eq + 1).trim() as ColumnRole;
    if (eq <= 0 || !header || !COLUMN_ROLES.includes(role)) {
      throw new Error(`“${part.trim()}”不是“表头=用途”（用途为 ${COLUMN_ROLES.join('、')} 之一）`);
    }
    choice[header] = role;
  }
  return choice;
}
