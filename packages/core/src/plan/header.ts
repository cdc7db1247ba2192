import { nameKey } from '../text/normalize.ts';
import type { ColumnChoice, ColumnRole } from './columns.ts';
import type { Role } from './model.ts';

export type Column =
  | 'no'
  | 'section'
  | 'task'
  | 'measure'
  | 'deadline'
  | Role
  | 'target'
  | 'measure_unit'
  | 'remark'
  | 'other';

/** Header words used by plans of this family, per column. Exact matches win over partial ones. */
const SYNONYMS: Record<Column, string[]> = {
  no: ['序号', '编号', '序', '任务编号', '任务序号', '项目编号', '项目序号'],
  section: [
    '类别',
    '项目类别',
    '任务类别',
    '分类',
    '一级分类',
    '二级分类',
    '三级分类',
    '一级指标',
    '二级指标',
    '领域',
    '工作类别',
    '板块',
    '专项',
    '工作板块',
    '重点领域',
    '考核项目',
  ],
  task: [
    '重点任务',
    '主要任务',
    '任务',
    '任务名称',
    '重点工作',
    '主要工作',
    '任务事项',
    '重点事项',
    '工作事项',
    '工作项目',
    '项目名称',
    '工作重点',
    '重点项目',
    '改革事项',
    '事项',
    // What a 民生实事 list names on each row: the project the government promised.
    '项目',
    '民生实事',
    '实事项目',
    '民生实事项目',
    '为民办实事',
  ],
  measure: [
    '工作措施',
    '具体措施',
    '具体任务',
    '主要措施',
    '措施',
    '工作内容',
    '任务内容',
    '具体内容',
    '重点措施',
    '具体工作措施',
    '主要内容',
    '措施内容',
    '具体举措',
    '举措',
    '工作任务',
    '任务措施',
    '具体工作',
    '工作要求',
    '工作要点',
    '考核内容',
    '主要工作内容',
    '具体工作内容',
    '重点工作内容',
    '工作目标及措施',
    '目标任务',
    '具体目标任务',
    '任务要求',
    '具体要求',
    '建设内容',
    '主要建设内容',
    '考核要求',
    '考核标准',
    '任务分解',
    '具体事项',
  ],
  deadline: [
    '完成时限',
    '完成时间',
    '时间节点',
    '完成期限',
    '时限',
    '时间',
    '进度安排',
    '时间安排',
    '完成时限要求',
    '完成时间节点',
    '时间要求',
    '完成时限（时间节点）',
    '时间进度',
    '实施期限',
    '推进时限',
  ],
  lead: [
    '牵头部门',
    '牵头单位',
    '牵头',
    '牵头责任单位',
    '牵头责任部门',
    '牵头负责单位',
    '牵头领导单位',
    '总牵头单位',
    '分项牵头单位',
    '总牵头部门',
    '分项牵头部门',
    '牵头处室',
    '牵头科室',
  ],
  responsible: [
    '主责单位',
    '责任单位',
    '责任部门',
    '主责部门',
    '实施单位',
    '承办单位',
    '落实单位',
    '具体落实单位',
    '责任主体',
    '主办单位',
    '责任区',
    '负责部门',
    '负责单位',
    '责任处室',
    '责任科室',
    '责任股室',
    '部门分工',
    '责任分工',
    '单位分工',
    '责任单位及责任人',
    '实施主体',
  ],
  assisting: [
    '协办单位',
    '配合单位',
    '配合部门',
    '协办部门',
    '参与单位',
    '参与部门',
    '协同单位',
    '配合',
    '协办',
    '参加单位',
    '协助单位',
    '配合科室',
    '配合处室',
  ],
  target: [
    '目标值',
    '指标值',
    '目标',
    '年度目标',
    '目标任务值',
    '预期目标',
    '考核目标',
    '指标',
    '考核指标',
    '工作目标',
    '任务目标',
    '目标要求',
    '阶段目标',
    '预期成效',
  ],
  measure_unit: ['计量单位', '单位（计量）', '指标单位'],
  remark: ['备注', '说明', '备注说明'],
  // Columns such tables often carry that the plan itself does not need: known, so they are not warned about.
  other: [
    '责任人',
    '联系人',
    '联系电话',
    '分管领导',
    '分管市领导',
    '分管区领导',
    '责任领导',
    '进展情况',
    '完成情况',
    '工作进展',
    '预期成效',
    '资金来源',
    '投资',
    '评分单位',
    '分值',
    '考核分值',
    '评分标准',
    '考核方式',
    // Where something happens is a place, not a unit.
    '地点',
    '活动地点',
    '实施地点',
    '地址',
  ],
};

const EXACT = new Map<string, Column>();
for (const [col, words] of Object.entries(SYNONYMS) as [Column, string[]][]) {
  for (const w of words) EXACT.set(nameKey(w), col);
}

/** A header cell read as a column, and how sure the reading is (an exact synonym or a partial word). */
export interface HeaderReading {
  column: Column;
  exact: boolean;
}

const classified = new Map<string, HeaderReading | undefined>();

/** The column a header cell names, or undefined. */
export function classifyHeaderCell(cell: string): Column | undefined {
  return readHeaderCell(cell)?.column;
}

/** The column a header cell names, with whether it was an exact synonym. */
export function readHeaderCell(cell: string): HeaderReading | undefined {
  if (cell.length > 24) return undefined;
  if (classified.has(cell)) return classified.get(cell);
  const col = classify(cell);
  if (classified.size < 10_000) classified.set(cell, col);
  return col;
}

function classify(cell: string): HeaderReading | undefined {
  const key = nameKey(cell)
    .replace(/（[^）]*）$/, '')
    .replace(/[*＊:：]/g, '');
  if (!key) return undefined;
  const exact = EXACT.get(key);
  if (exact) return { column: exact, exact: true };
  if (key.length > 8) return undefined;
  const partial = (column: Column): HeaderReading => ({ column, exact: false });
  // People and contacts (`牵头市领导`, `责任人`) are not unit columns.
  if (/(领导|人|电话|方式)$/.test(key)) return partial('other');
  // Partial forms such as `牵头单位及部门` or `任务完成时限`.
  if (key.includes('牵头')) return partial('lead');
  if (key.includes('协办') || key.includes('配合') || key.includes('参与') || key.includes('协同'))
    return partial('assisting');
  if (key.includes('责任') || key.includes('主责') || key.includes('负责') || key === '主办')
    return partial('responsible');
  // `监考单位` of a 目标任务分解表: the department that answers for the indicator.
  if (key.includes('监考')) return partial('responsible');
  if (key.includes('时限') || key.includes('时间') || key.includes('期限') || key === '完成')
    return partial('deadline');
  if (key.includes('措施') || key.includes('举措') || key.includes('内容')) return partial('measure');
  if (key.includes('任务')) return partial('task');
  // `专项整治行业名称`, `工作事项名称`: what each row is about (a 单位名称 is a unit's, not a task's).
  if (/名称$/.test(key) && !/(单位|部门|机构)名称$/.test(key)) return partial('task');
  if (key.includes('序号')) return partial('no');
  if (/(类别|分类|领域)$/.test(key)) return partial('section');
  return undefined;
}

const ROLE_COLUMN: Record<ColumnRole, Column> = {
  number: 'no',
  section: 'section',
  task: 'task',
  measure: 'measure',
  deadline: 'deadline',
  lead: 'lead',
  responsible: 'responsible',
  assisting: 'assisting',
  target: 'target',
  measure_unit: 'measure_unit',
  remark: 'remark',
  ignored: 'other',
};
const COLUMN_ROLE = Object.fromEntries(Object.entries(ROLE_COLUMN).map(([r, c]) => [c, r])) as Record<
  Column,
  ColumnRole
>;

/** The role a column plays, in the words the import wizard and the CLI use. */
export function roleOfColumn(column: Column): ColumnRole {
  return COLUMN_ROLE[column];
}

/** The column a supervisor chose for a header (`--columns 表头=role`), or undefined. */
export function chosenColumn(choice: ColumnChoice | undefined, header: string): Column | undefined {
  if (!choice) return undefined;
  const key = nameKey(header);
  for (const [h, role] of Object.entries(choice)) if (nameKey(h) === key) return ROLE_COLUMN[role];
  return undefined;
}

/** Where each column is. Unit roles, sections and ignored columns may have several columns each. */
export interface ColumnMap {
  no?: number;
  task?: number;
  measure?: number;
  deadline?: number;
  target?: number;
  measure_unit?: number;
  remark?: number;
  /** Category columns, outermost first (一级分类, 二级分类). */
  sections: number[];
  lead: number[];
  responsible: number[];
  assisting: number[];
  /** Known columns the plan does not use (责任人, 进展情况…), and columns the supervisor ignored. */
  others: number[];
}

export function emptyColumnMap(): ColumnMap {
  return { sections: [], lead: [], responsible: [], assisting: [], others: [] };
}

const SINGLE = ['no', 'task', 'measure', 'deadline', 'target', 'measure_unit', 'remark'] as const;

/** Put column `i` into the map as `col`; false when a single-column role is taken already. */
export function placeColumn(map: ColumnMap, col: Column, i: number): boolean {
  if (col === 'other') {
    map.others.push(i);
    return false;
  }
  if (col === 'section') {
    map.sections.push(i);
    return true;
  }
  if (col === 'lead' || col === 'responsible' || col === 'assisting') {
    map[col].push(i);
    return true;
  }
  if (map[col] !== undefined) return false;
  map[col] = i;
  return true;
}

/** Every column index the map places. */
export function placedColumns(map: ColumnMap): Set<number> {
  const out = new Set<number>([
    ...map.sections,
    ...map.lead,
    ...map.responsible,
    ...map.assisting,
    ...map.others,
  ]);
  for (const k of SINGLE) if (map[k] !== undefined) out.add(map[k] as number);
  return out;
}

/**
 * If these cells are a header row, where each column is. A header names at least three columns,
 * among them the work (a measure or task column) and either a unit or a deadline column — or, with
 * fewer names, a work column and a category, target or unit column when the cells below decide the rest.
 */
export function readHeader(cells: string[], choice?: ColumnChoice): ColumnMap | undefined {
  // Header cells are short; a data row always has a long one.
  for (const c of cells) if (c.length > 40) return undefined;
  const map = emptyColumnMap();
  let named = 0;
  cells.forEach((cell, i) => {
    const col = chosenColumn(choice, cell) ?? classifyHeaderCell(cell);
    if (col === undefined) return;
    if (placeColumn(map, col, i)) named++;
  });
  if (named < 2) return undefined;
  if (map.measure === undefined && map.task === undefined) return undefined;
  const hasUnits = map.lead.length + map.responsible.length + map.assisting.length > 0;
  if (!hasUnits && map.deadline === undefined) return undefined;
  const filled = cells.filter((c) => c.trim() !== '').length;
  if (named + map.others.length < 3 && filled > 2) return undefined;
  return map;
}
