import { nameKey } from '../text/normalize.ts';
import type { Role } from './model.ts';

export type Column = 'no' | 'task' | 'measure' | 'deadline' | Role | 'remark' | 'other';

/** Header words used by plans of this family, per column. Exact matches win over partial ones. */
const SYNONYMS: Record<Column, string[]> = {
  no: ['序号', '编号', '序', '任务编号', '任务序号', '项目编号'],
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
    '任务类别',
    '重点领域',
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
  ],
  lead: ['牵头部门', '牵头单位', '牵头', '牵头责任单位', '牵头责任部门', '牵头负责单位', '牵头领导单位'],
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
  ],
  assisting: [
    '协办单位',
    '配合单位',
    '配合部门',
    '协办部门',
    '参与单位',
    '协同单位',
    '配合',
    '协办',
    '参加单位',
  ],
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
    '目标',
    '预期成效',
    '资金来源',
    '投资',
    '考核指标',
    '指标',
    '类别',
    '项目类别',
  ],
};

const EXACT = new Map<string, Column>();
for (const [col, words] of Object.entries(SYNONYMS) as [Column, string[]][]) {
  for (const w of words) EXACT.set(nameKey(w), col);
}

const classified = new Map<string, Column | undefined>();

/** The column a header cell names, or undefined. */
export function classifyHeaderCell(cell: string): Column | undefined {
  if (cell.length > 24) return undefined;
  if (classified.has(cell)) return classified.get(cell);
  const col = classify(cell);
  if (classified.size < 10_000) classified.set(cell, col);
  return col;
}

function classify(cell: string): Column | undefined {
  const key = nameKey(cell)
    .replace(/（[^）]*）$/, '')
    .replace(/[*＊:：]/g, '');
  if (!key) return undefined;
  const exact = EXACT.get(key);
  if (exact) return exact;
  if (key.length > 8) return undefined;
  // People and contacts (`牵头市领导`, `责任人`) are not unit columns.
  if (/(领导|人|电话|方式)$/.test(key)) return 'other';
  // Partial forms such as `牵头单位及部门` or `任务完成时限`.
  if (key.includes('牵头')) return 'lead';
  if (key.includes('协办') || key.includes('配合') || key.includes('参与')) return 'assisting';
  if (key.includes('责任') || key.includes('主责') || key === '主办') return 'responsible';
  if (key.includes('时限') || key.includes('时间') || key.includes('期限') || key === '完成')
    return 'deadline';
  if (key.includes('措施') || key.includes('举措')) return 'measure';
  if (key.includes('任务')) return 'task';
  if (key.includes('序号')) return 'no';
  return undefined;
}

export type ColumnMap = Partial<Record<Exclude<Column, 'other'>, number>> & {
  /** Known columns the plan does not use (责任人, 进展情况…). */
  others?: number[];
};

/**
 * If these cells are a header row, where each column is. A header names at least three columns,
 * among them the work (a measure or task column) and either a unit or a deadline column.
 */
export function readHeader(cells: string[]): ColumnMap | undefined {
  // Header cells are short; a data row always has a long one.
  for (const c of cells) if (c.length > 40) return undefined;
  const map: ColumnMap = {};
  let named = 0;
  cells.forEach((cell, i) => {
    const col = classifyHeaderCell(cell);
    if (col === undefined) return;
    if (col === 'other') {
      map.others = [...(map.others ?? []), i];
      return;
    }
    if (map[col] !== undefined) return;
    map[col] = i;
    named++;
  });
  if (named < 3) return undefined;
  if (map.measure === undefined && map.task === undefined) return undefined;
  const hasUnits = map.lead !== undefined || map.responsible !== undefined || map.assisting !== undefined;
  if (!hasUnits && map.deadline === undefined) return undefined;
  return map;
}
