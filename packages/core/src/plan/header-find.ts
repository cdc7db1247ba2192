/** Finding the task table and its header in a SourceDocument, and reading what each column holds. */
import { nameKey } from '../text/normalize.ts';
import { cellProfile, decideColumn } from './column-cells.ts';
import type { ColumnChoice, ColumnReading } from './columns.ts';
import {
  type Column,
  type ColumnMap,
  chosenColumn,
  emptyColumnMap,
  placeColumn,
  readHeader,
  readHeaderCell,
  roleOfColumn,
} from './header.ts';
import type { WarningCode } from './model.ts';
import { isBlank, type ReadRow, readRow } from './rows.ts';
import type { SourceDocument } from './source.ts';
import { HEADER_SCAN_LINES } from './text-source.ts';

export interface HeaderFound {
  /** Rows of the chosen table (and of later tables that repeat its header). */
  rows: ReadRow[];
  headerAt: number;
  /** First body row: after the header, or after its second line. */
  bodyFrom: number;
  /** Header labels per column (two-line headers joined with `/`). */
  labels: string[];
  /** The column each header names, before the cells are looked at (undefined: not named). */
  named: (Column | undefined)[];
  /** Whether each column's name was a synonym as listed (rather than a partial word) or a supervisor's choice. */
  exact: boolean[];
  chosen: boolean[];
  skippedTables: string[];
  /** A header repeated inside the table (after a page break). */
  isHeaderRow(row: ReadRow): boolean;
}

const SHORT_HEADER_WORD = /^(时限|时间|期限|部门|单位|措施|任务|内容|名称|序号|节点)$/;

/** The second header line under a spanning cell (`责任单位` over `牵头` | `配合`), when the row is one. */
function isSecondHeaderLine(row: ReadRow | undefined): boolean {
  if (!row) return false;
  let words = 0;
  for (let i = 0; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (!c || row.merged[i] === 'up') continue;
    if (c.length > 12) return false;
    if (readHeaderCell(c) === undefined && !SHORT_HEADER_WORD.test(c.replace(/\s+/g, ''))) return false;
    words++;
  }
  return words > 0;
}

export function findHeader(doc: SourceDocument, choice?: ColumnChoice): HeaderFound | undefined {
  const candidates: { table: number; rows: ReadRow[]; at: number; body: number }[] = [];
  doc.tables.forEach((table, t) => {
    const rows = table.rows.map(readRow);
    const limit = Math.min(rows.length, HEADER_SCAN_LINES);
    for (let i = 0; i < limit; i++) {
      if (readHeader(rows[i].full, choice)) {
        candidates.push({ table: t, rows, at: i, body: rows.length - i - 1 });
        break;
      }
    }
  });
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.body > a.body ? b : a));
  const headerKey = (r: ReadRow) => nameKey(r.full.join('|'));
  const key = headerKey(best.rows[best.at]);
  const rows = [...best.rows];
  const skippedTables: string[] = [];
  doc.tables.forEach((table, t) => {
    if (t === best.table) return;
    const c = candidates.find((x) => x.table === t);
    if (c && headerKey(c.rows[c.at]) === key && t > best.table) rows.push(...c.rows);
    else if (table.rows.some((r) => r.cells.some((cell) => cell.text.trim())))
      skippedTables.push(table.name ?? `第 ${t + 1} 张表格`);
  });
  const at = best.at;
  const top = rows[at];
  const second = isSecondHeaderLine(rows[at + 1]) ? rows[at + 1] : undefined;
  const width = Math.max(top.full.length, second?.full.length ?? 0);
  const labels: string[] = [];
  const named: (Column | undefined)[] = [];
  const exact: boolean[] = [];
  const chosen: boolean[] = [];
  for (let i = 0; i < width; i++) {
    const upper = top.full[i] ?? '';
    const lower = second && second.merged[i] !== 'up' ? (second.full[i] ?? '') : '';
    const label = lower && upper && lower !== upper ? `${upper}/${lower}` : upper || lower;
    labels.push(label);
    const pick = chosenColumn(choice, label) ?? chosenColumn(choice, lower) ?? chosenColumn(choice, upper);
    if (pick) {
      named.push(pick);
      exact.push(true);
      chosen.push(true);
      continue;
    }
    const reading =
      (lower ? readHeaderCell(lower) : undefined) ??
      (lower ? readHeaderCell(upper + lower) : undefined) ??
      readHeaderCell(upper);
    named.push(reading?.column);
    exact.push(reading?.exact ?? false);
    chosen.push(false);
  }
  return {
    rows,
    headerAt: at,
    bodyFrom: at + (second ? 2 : 1),
    labels,
    named,
    exact,
    chosen,
    skippedTables,
    isHeaderRow: (row) =>
      !isBlank(row) && (headerKey(row) === key || readHeader(row.full, choice) !== undefined),
  };
}

export interface ColumnsRead {
  map: ColumnMap;
  readings: ColumnReading[];
  warnings: { code: WarningCode; message: string; subject: string }[];
}

const SAMPLE_ROWS = 60;

/** Decide every column's role from its header and its cells, with a confidence; say which are uncertain. */
export function readColumns(found: HeaderFound, body: ReadRow[]): ColumnsRead {
  const sampleRows = body.filter((r) => !isBlank(r) && !found.isHeaderRow(r)).slice(0, SAMPLE_ROWS);
  const map = emptyColumnMap();
  const readings: ColumnReading[] = [];
  const warnings: ColumnsRead['warnings'] = [];
  const decided: { col: Column; confidence: number }[] = [];
  const profiles = found.labels.map((_, i) => cellProfile(sampleRows.map((r) => r.cells[i] ?? '')));
  // Named columns first, so that a column read from its cells only takes a role nobody named.
  const order = found.labels
    .map((_, i) => i)
    .sort((a, b) => Number(!found.named[a]) - Number(!found.named[b]));
  const taken = new Set<Column>();
  for (const i of order) {
    const d = decideColumn(
      found.labels[i],
      found.named[i],
      found.exact[i],
      found.chosen[i],
      profiles[i],
      taken,
    );
    decided[i] = d;
    if (
      d.col !== 'other' &&
      d.col !== 'section' &&
      d.col !== 'lead' &&
      d.col !== 'responsible' &&
      d.col !== 'assisting'
    )
      taken.add(d.col);
    if (d.col === 'lead' || d.col === 'responsible' || d.col === 'assisting') taken.add('responsible');
  }
  spanningHeader(found, profiles, decided);
  found.labels.forEach((label, i) => {
    let { col, confidence } = decided[i];
    if (col === 'task' && map.task !== undefined && decided.findIndex((d) => d.col === 'measure') > i) {
      // Two task columns before the work (重点工作 | 主要任务 | 工作措施): the outer one is the category.
      const outer = map.task;
      map.sections.push(outer);
      map.task = undefined;
      readings[outer] = { ...readings[outer], role: 'section' };
    }
    if (col === 'measure' && map.measure !== undefined && /目标/.test(label) && map.target === undefined) {
      // A second work column that states goals (工作内容 | 目标任务): read as the goal, in prose.
      col = 'target';
      confidence = 0.8;
    }
    if (!placeColumn(map, col, i) && col !== 'other') {
      // A second 完成时限 or 工作措施 column: kept out of the plan, and said so.
      col = 'other';
      confidence = 0.4;
    }
    const samples = profiles[i].samples;
    readings.push({
      header: label,
      role: roleOfColumn(col),
      confidence,
      ...(samples.length ? { samples } : {}),
    });
    const shown = samples
      .slice(0, 3)
      .map((s) => `“${s.slice(0, 20)}”`)
      .join('、');
    if (col === 'other' && found.named[i] === undefined && samples.length > 0) {
      warnings.push({
        code: 'COLUMN_UNPLACED',
        message: `列“${label || `第 ${i + 1} 列`}”无法确定用途，未读取（例如 ${shown}）；如需读取，请在导入时指定该列的用途。`,
        subject: label,
      });
    } else if (confidence < 0.6 && col !== 'other') {
      warnings.push({
        code: 'COLUMN_UNCERTAIN',
        message: `列“${label || `第 ${i + 1} 列`}”按“${ROLE_WORD[roleOfColumn(col)]}”读取，但不能确定（例如 ${shown}），请核对。`,
        subject: label,
      });
    }
  });
  return { map, readings, warnings };
}

/**
 * `项目` written over two columns (the category, merged down its rows, and the item on every row): the
 * header cell spans the empty one after it, so the outer column is the category and the inner the task.
 */
function spanningHeader(
  found: HeaderFound,
  profiles: ReturnType<typeof cellProfile>[],
  decided: { col: Column; confidence: number }[],
) {
  for (let i = 0; i + 1 < found.labels.length; i++) {
    if (found.chosen[i] || found.chosen[i + 1] || found.labels[i + 1] !== '') continue;
    if (decided[i].col !== 'task' && decided[i].col !== 'section') continue;
    if (decided.some((d) => d.col === 'task' || d.col === 'measure') && decided[i].col === 'section')
      continue;
    const outer = profiles[i];
    const inner = profiles[i + 1];
    if (inner.filled === 0 || outer.filled * 2 > inner.filled || inner.long > inner.filled / 2) continue;
    decided[i] = { col: 'section', confidence: 0.7 };
    decided[i + 1] = { col: 'task', confidence: 0.7 };
  }
}

const ROLE_WORD: Record<ColumnReading['role'], string> = {
  number: '序号',
  section: '类别',
  task: '任务',
  measure: '工作措施',
  deadline: '完成时限',
  lead: '牵头单位',
  responsible: '责任单位',
  assisting: '配合单位',
  target: '目标值',
  measure_unit: '计量单位',
  remark: '备注',
  ignored: '不读取',
};
