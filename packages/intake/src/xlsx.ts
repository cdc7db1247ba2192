/**
 * .xlsx: every visible sheet as a table (the parser chooses the one holding the plan and names the
 * others), shared and rich strings, merged ranges, dates stored as dates (written `2022-06-30`, as the
 * deadline reader reads them), hidden rows and columns left out (and said).
 */
import type { SourceCell, SourceDocument, SourceRow, SourceTable } from '@lantian/core';
import { PlanParseError } from '@lantian/core';
import { cellText } from './grid.ts';
import type { IntakeLimits } from './limits.ts';
import { allText, child, childrenNamed, find, parseXml, type XmlNode } from './xml.ts';
import type { ZipRead } from './zip.ts';

/** Built-in number formats that are dates (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

function columnName(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function rowIndex(ref: string): number {
  return Number(/\d+/.exec(ref)?.[0] ?? 0) - 1;
}

/** Excel's serial day (1900 system) to `YYYY-MM-DD`. */
export function serialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

function sharedStrings(zip: ZipRead, who: string): string[] {
  const part = zip.parts.get('xl/sharedStrings.xml');
  if (!part) return [];
  const sst = find(parseXml(part, `${who}的 xl/sharedStrings.xml`), 'sst');
  return childrenNamed(sst, 'si').map(stringItem);
}

/** A string item: its `t`, or its rich-text runs' `t`s, leaving out phonetic runs (rPh). */
function stringItem(si: XmlNode): string {
  const parts: string[] = [];
  for (const c of si.children) {
    if (c.tag === 't') parts.push(allText(c));
    else if (c.tag === 'r') parts.push(allText(child(c, 't') ?? { tag: 't', attrs: {}, children: [] }));
  }
  return parts.join('');
}

function dateStyles(zip: ZipRead, who: string): boolean[] {
  const part = zip.parts.get('xl/styles.xml');
  if (!part) return [];
  const nodes = parseXml(part, `${who}的 xl/styles.xml`);
  const custom = new Map<number, string>();
  for (const f of childrenNamed(find(nodes, 'numFmts'), 'numFmt'))
    custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
  return childrenNamed(find(nodes, 'cellXfs'), 'xf').map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    const code = custom.get(id);
    // A date format has y/m/d (outside quotes and brackets) and is not elapsed time only.
    return (
      code !== undefined &&
      /[yd]|m(?!m:)/i.test(code.replace(/"[^"]*"|\[[^\]]*\]/g, '')) &&
      !/^[hms:.\s]*$/i.test(code)
    );
  });
}

interface SheetRef {
  name: string;
  path: string;
  hidden: boolean;
}

function sheets(zip: ZipRead, who: string): SheetRef[] {
  const wb = zip.parts.get('xl/workbook.xml');
  if (!wb)
    throw new PlanParseError('CORRUPT_FILE', `${who}缺少工作簿（xl/workbook.xml），不是完整的 Excel 文件。`);
  const rels = new Map<string, string>();
  const relPart = zip.parts.get('xl/_rels/workbook.xml.rels');
  if (relPart)
    for (const r of childrenNamed(
      find(parseXml(relPart, `${who}的工作簿关系`), 'Relationships'),
      'Relationship',
    )) {
      const target = r.attrs.Target ?? '';
      rels.set(r.attrs.Id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
  return childrenNamed(find(parseXml(wb, `${who}的 xl/workbook.xml`), 'sheets'), 'sheet').map((s, i) => ({
    name: s.attrs.name ?? `Sheet${i + 1}`,
    path: rels.get(s.attrs['r:id']) ?? `xl/worksheets/sheet${i + 1}.xml`,
    hidden: s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden',
  }));
}

function cellValue(c: XmlNode, strings: string[], dates: boolean[]): string {
  const type = c.attrs.t;
  if (type === 'inlineStr') return stringItem(child(c, 'is') ?? { tag: 'is', attrs: {}, children: [] });
  const v = child(c, 'v');
  const raw = v ? allText(v) : '';
  if (raw === '') return '';
  if (type === 's') return strings[Number(raw)] ?? '';
  if (type === 'b') return raw === '1' ? 'TRUE' : 'FALSE';
  if (type === 'str' || type === 'e') return raw;
  const n = Number(raw);
  if (Number.isFinite(n) && dates[Number(c.attrs.s ?? 0)] && n > 0 && n < 2958466) return serialToDate(n);
  return raw;
}

function readSheet(
  xml: XmlNode[],
  sheet: SheetRef,
  strings: string[],
  dates: boolean[],
  limits: IntakeLimits,
  count: { cells: number },
  notes: string[],
): SourceTable {
  const hiddenCols = new Set<number>();
  for (const col of childrenNamed(find(xml, 'cols'), 'col'))
    if (col.attrs.hidden === '1' || col.attrs.hidden === 'true')
      for (let i = Number(col.attrs.min) - 1; i <= Number(col.attrs.max) - 1 && i < 16384; i++)
        hiddenCols.add(i);
  const grid: (SourceCell | undefined)[][] = [];
  const hiddenRows = new Set<number>();
  let lastRow = -1;
  for (const row of childrenNamed(find(xml, 'sheetData'), 'row')) {
    const r = row.attrs.r ? Number(row.attrs.r) - 1 : lastRow + 1;
    lastRow = r;
    if (row.attrs.hidden === '1' || row.attrs.hidden === 'true') hiddenRows.add(r);
    const cells: (SourceCell | undefined)[] = [];
    grid[r] = cells;
    let lastCol = -1;
    for (const c of childrenNamed(row, 'c')) {
      const col = c.attrs.r ? columnIndex(c.attrs.r) : lastCol + 1;
      lastCol = col;
      if (++count.cells > limits.maxCells)
        throw new PlanParseError('CONTAINER_LIMIT', `工作表中的单元格超过 ${limits.maxCells} 个，已拒绝。`);
      cells[col] = { text: cellText(cellValue(c, strings, dates).split(/\r?\n/)) };
    }
  }
  for (const m of childrenNamed(find(xml, 'mergeCells'), 'mergeCell')) {
    const [from, to = from] = (m.attrs.ref ?? '').split(':');
    const r0 = rowIndex(from);
    const c0 = columnIndex(from);
    const r1 = rowIndex(to);
    const c1 = columnIndex(to);
    if (r0 < 0 || c0 < 0 || r1 < r0 || c1 < c0 || (r1 - r0 + 1) * (c1 - c0 + 1) > limits.maxCells) continue;
    const text = grid[r0]?.[c0]?.text ?? '';
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) {
        if (r === r0 && c === c0) continue;
        grid[r] ??= [];
        grid[r][c] = { text, merged: r > r0 ? 'up' : 'left' };
      }
  }
  if (hiddenRows.size || hiddenCols.size) {
    const list = (xs: string[]) =>
      xs.length > 8 ? `${xs.slice(0, 8).join('、')} 等 ${xs.length} 处` : xs.join('、');
    const what = [
      hiddenRows.size ? `第 ${list([...hiddenRows].sort((a, b) => a - b).map((r) => String(r + 1)))} 行` : '',
      hiddenCols.size ? `${list([...hiddenCols].sort((a, b) => a - b).map(columnName))} 列` : '',
    ].filter(Boolean);
    notes.push(`工作表“${sheet.name}”中隐藏的${what.join('和')}未读取。`);
  }
  const rows: SourceRow[] = [];
  grid.forEach((cells, r) => {
    if (!cells || hiddenRows.has(r)) return;
    const out: SourceCell[] = [];
    for (let c = 0; c < cells.length; c++) if (!hiddenCols.has(c)) out.push(cells[c] ?? { text: '' });
    rows.push({ line: r + 1, cells: out, where: `工作表“${sheet.name}”第 ${r + 1} 行` });
  });
  return { name: sheet.name, rows };
}

/** Read the workbook of an opened .xlsx. */
export function readXlsx(zip: ZipRead, who: string, limits: IntakeLimits): SourceDocument {
  const strings = sharedStrings(zip, who);
  const dates = dateStyles(zip, who);
  const notes: string[] = [];
  const count = { cells: 0 };
  const tables: SourceTable[] = [];
  for (const sheet of sheets(zip, who)) {
    if (sheet.hidden) {
      notes.push(`隐藏的工作表“${sheet.name}”未读取。`);
      continue;
    }
    const part = zip.parts.get(sheet.path);
    if (!part) continue;
    tables.push(
      readSheet(parseXml(part, `${who}的工作表“${sheet.name}”`), sheet, strings, dates, limits, count, notes),
    );
  }
  return { format: 'xlsx', preamble: [], tables, notes };
}
