/**
 * Another city's areas, from a table: one row per area with its code, name, level, parent and the unit
 * that answers for it. Headers in Chinese or English, in any order.
 */
import type { AreaLevel, AreaSpec } from './areas.ts';

export interface TableProblem {
  /** 1-based line in the file. */
  line: number;
  /** The column (header) or cell, when the problem is in one. */
  cell?: string;
  message: string;
}

const HEADERS: Record<string, keyof Columns> = {
  代码: 'code',
  区划代码: 'code',
  编码: 'code',
  code: 'code',
  名称: 'name',
  区域: 'name',
  name: 'name',
  简称: 'short',
  short: 'short',
  级别: 'level',
  层级: 'level',
  level: 'level',
  上级: 'parent',
  所属区: 'parent',
  上级代码: 'parent',
  parent: 'parent',
  责任单位: 'unit',
  单位: 'unit',
  unit: 'unit',
};

interface Columns {
  code: number;
  name: number;
  short: number;
  level: number;
  parent: number;
  unit: number;
}

const LEVELS: Record<string, AreaLevel> = {
  区: 'district',
  district: 'district',
  区县: 'district',
  街道: 'street',
  乡镇: 'street',
  街乡镇: 'street',
  '街道(乡镇)': 'street',
  street: 'street',
};

const colName = (i: number) => String.fromCharCode(65 + (i % 26));

/** Read the rows; every problem is reported with its line and cell, and no spec is returned with problems. */
export function areaSpecsFromTable(rows: readonly (readonly string[])[]): {
  specs: AreaSpec[];
  problems: TableProblem[];
} {
  const problems: TableProblem[] = [];
  const header = rows[0] ?? [];
  const cols: Partial<Columns> = {};
  header.forEach((h, i) => {
    const key = HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()];
    if (key && cols[key] === undefined) cols[key] = i;
  });
  for (const need of ['code', 'name', 'level'] as const)
    if (cols[need] === undefined) problems.push({ line: 1, message: `缺少列：${need}（代码、名称、级别）` });
  if (problems.length > 0) return { specs: [], problems };
  const c = cols as Columns;
  const specs: AreaSpec[] = [];
  const codes = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const cell = (k: keyof Columns) => (c[k] === undefined ? '' : (row[c[k]] ?? '').trim());
    if (row.every((x) => x.trim() === '')) return;
    const code = cell('code');
    const name = cell('name');
    const level = LEVELS[cell('level')] ?? LEVELS[cell('level').toLowerCase()];
    if (!/^[0-9A-Za-z]{2,20}$/.test(code))
      problems.push({ line, cell: `${colName(c.code)}${line}`, message: `代码“${code}”无效` });
    else if (codes.has(code))
      problems.push({
        line,
        cell: `${colName(c.code)}${line}`,
        message: `代码 ${code} 与第 ${codes.get(code)} 行重复`,
      });
    else codes.set(code, line);
    if (!name) problems.push({ line, cell: `${colName(c.name)}${line}`, message: '名称为空' });
    if (!level)
      problems.push({
        line,
        cell: `${colName(c.level)}${line}`,
        message: `级别“${cell('level')}”应为 区 或 街道`,
      });
    const parent = cell('parent') || null;
    if (level === 'street' && !parent)
      problems.push({ line, cell: `${colName(c.parent ?? 0)}${line}`, message: '街道须写明所属区' });
    if (!level || !name) return;
    const spec: AreaSpec = { code, name, level, parent: level === 'street' ? parent : null };
    const short = cell('short');
    if (short) spec.short = short;
    const unit = cell('unit');
    if (unit) spec.unit = unit;
    specs.push(spec);
  });
  return problems.length > 0 ? { specs: [], problems } : { specs, problems };
}
