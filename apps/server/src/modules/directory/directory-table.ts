/**
 * The unit directory as a table (issue 8 §3): the columns another city fills in to load its own directory,
 * read from rows of cells (CSV or .xlsx, `monitoring/sheet.ts`) and written back as CSV or .xlsx with the
 * same columns, so an export imported again changes nothing.
 */
import type { UnitKind } from '@lantian/core';
import ExcelJS from 'exceljs';

export type DirectoryField =
  | 'name'
  | 'fullName'
  | 'aliases'
  | 'kind'
  | 'groups'
  | 'parent'
  | 'jurisdiction'
  | 'state'
  | 'note';

/** The columns, in the order the export writes them, with the headers an import also accepts. */
export const DIRECTORY_COLUMNS: readonly {
  field: DirectoryField;
  header: string;
  also: readonly string[];
}[] = [
  { field: 'name', header: '单位名称', also: ['名称', '单位'] },
  { field: 'fullName', header: '全称', also: ['单位全称'] },
  { field: 'aliases', header: '简称/别名', also: ['别名', '简称', '简称、别名', '其他名称'] },
  { field: 'kind', header: '类型', also: ['类别', '单位类型', '单位类别'] },
  { field: 'groups', header: '所属分组', also: ['分组', '单位组', '所属组'] },
  { field: 'parent', header: '上级/所属区', also: ['上级', '所属区', '上级单位'] },
  { field: 'jurisdiction', header: '地区', also: ['所属地区', '辖区', '行政区划', '所属行政区'] },
  { field: 'state', header: '状态', also: ['启用状态', '单位状态', '是否启用'] },
  { field: 'note', header: '备注', also: ['说明'] },
];

/** The kinds as the table writes them, and the words an import also reads as each. */
export const KIND_WORDS: Record<UnitKind, readonly string[]> = {
  city_department: ['市级部门', '委办局', '市级单位', '市直部门', '部门', 'city_department'],
  district: ['区', '区政府', '区县', '区县政府', '县', '县政府', 'district'],
  enterprise: ['企业', 'enterprise'],
  street: ['街道乡镇', '街道', '乡镇', '街乡镇', 'street'],
  other: ['其他', '其它', 'other'],
};

const headerKey = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/[／\\]/g, '/');
const kindKey = new Map<string, UnitKind>(
  (Object.entries(KIND_WORDS) as [UnitKind, readonly string[]][]).flatMap(([k, words]) =>
    words.map((w) => [w.toLowerCase(), k] as const),
  ),
);
export const kindOf = (word: string): UnitKind | undefined => kindKey.get(headerKey(word).toLowerCase());
export const kindWord = (kind: UnitKind): string => KIND_WORDS[kind][0] as string;

/** The states as the table writes them (启用 / 停用), and the words an import also reads as each. */
export const STATE_WORDS = {
  enabled: ['启用', '正常', '在用', '有效', '是'],
  disabled: ['停用', '已停用', '禁用', '无效', '否'],
} as const;
/** Whether a 状态 cell says 停用 (true), 启用 (false), or neither (undefined). */
export const disabledOf = (word: string): boolean | undefined => {
  const key = headerKey(word);
  if ((STATE_WORDS.disabled as readonly string[]).includes(key)) return true;
  if ((STATE_WORDS.enabled as readonly string[]).includes(key)) return false;
  return undefined;
};
export const stateWord = (disabled: boolean): string =>
  disabled ? STATE_WORDS.disabled[0] : STATE_WORDS.enabled[0];

/** The 地区 cell of a unit made for plans that name no place (`jurisdiction` `''`). */
export const NO_PLACE = '未注明地区';
/** A place as a unit's 地区: `成都市`, `河北省`, `黔东南苗族侗族自治州`, `北京市海淀区`. */
const PLACE_NAME =
  /^[\u4e00-\u9fff]{1,30}(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|州|盟|县|区|旗)$/;
export const isPlaceName = (s: string): boolean => PLACE_NAME.test(s) && s.length <= 40;
/** The 地区 a unit's row writes: the directory's own name (`北京市`) for its own units. */
export const jurisdictionWord = (jurisdiction: string | null, own: string): string =>
  jurisdiction === null ? own : jurisdiction || NO_PLACE;

/** Split a list cell: `、`, `;`, `；` or line breaks between names. */
export const splitList = (cell: string): string[] =>
  cell
    .split(/[、;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface TableProblem {
  /** The line in the file (1-based, as a spreadsheet numbers its rows). */
  line: number;
  /** The column's header as the file writes it (empty for a problem of the whole row). */
  column: string;
  /** The cell (`C7`), when the problem is one cell's. */
  cell: string | null;
  message: string;
}

export interface TableRow {
  line: number;
  /** Present only for the columns the file has: an absent column leaves that field of a unit as it is. */
  values: Partial<Record<DirectoryField, string>>;
  /** Where each field's cell is, for problems: its header as written and its reference. */
  where: (field: DirectoryField) => { column: string; cell: string | null };
}

export const columnLetter = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A cell the export protected from spreadsheet formulas (`'=…`) reads back as written. */
const unquote = (s: string) => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

export const MAX_DIRECTORY_ROWS = 20_000;

/**
 * Find the header (among the first ten lines, below any title) and read each row after it. Unknown
 * headers and a missing 单位名称 are problems; blank lines are skipped.
 */
export function readDirectoryTable(cells: string[][]): { rows: TableRow[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  const nameHeaders = new Set(
    [DIRECTORY_COLUMNS[0]?.header, ...(DIRECTORY_COLUMNS[0]?.also ?? [])].map((h) => headerKey(h ?? '')),
  );
  const headerAt = cells.slice(0, 10).findIndex((r) => r.some((c) => nameHeaders.has(headerKey(c))));
  if (headerAt < 0) {
    problems.push({
      line: 1,
      column: '',
      cell: null,
      message: `没有找到表头：第一行应为 ${DIRECTORY_COLUMNS.map((c) => c.header).join('、')}`,
    });
    return { rows: [], problems };
  }
  const header = cells[headerAt] as string[];
  const fieldAt = new Map<DirectoryField, number>();
  header.forEach((h, i) => {
    const key = headerKey(h);
    if (!key) return;
    const col = DIRECTORY_COLUMNS.find((c) => [c.header, ...c.also].some((x) => headerKey(x) === key));
    const cell = `${columnLetter(i)}${headerAt + 1}`;
    if (!col)
      problems.push({
        line: headerAt + 1,
        column: h,
        cell,
        message: `不认识的列“${h}”：可用的列为 ${DIRECTORY_COLUMNS.map((c) => c.header).join('、')}`,
      });
    else if (fieldAt.has(col.field))
      problems.push({ line: headerAt + 1, column: h, cell, message: `“${col.header}”列出现了两次` });
    else fieldAt.set(col.field, i);
  });
  const body = cells.slice(headerAt + 1);
  if (body.length > MAX_DIRECTORY_ROWS)
    problems.push({
      line: headerAt + 2,
      column: '',
      cell: null,
      message: `行数过多（${body.length}），一次最多导入 ${MAX_DIRECTORY_ROWS} 行`,
    });
  if (problems.length > 0) return { rows: [], problems };
  const rows: TableRow[] = [];
  body.forEach((r, i) => {
    if (r.every((c) => !c.trim())) return;
    const line = headerAt + 2 + i;
    const values: TableRow['values'] = {};
    for (const [field, at] of fieldAt) values[field] = unquote((r[at] ?? '').trim());
    rows.push({
      line,
      values,
      where: (field) => {
        const at = fieldAt.get(field);
        return at === undefined
          ? { column: '', cell: null }
          : { column: header[at] ?? '', cell: `${columnLetter(at)}${line}` };
      },
    });
  });
  return { rows, problems };
}

/** One unit as the table writes it. */
export type DirectoryLine = Record<DirectoryField, string>;

const csvCell = (s: string) => {
  // Text a spreadsheet would take for a formula is written with a leading quote (read back without it).
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV in UTF-8 with a byte-order mark (so Excel opens the Chinese text as written), CRLF lines. */
export function directoryCsv(lines: readonly DirectoryLine[]): Buffer {
  const out = [DIRECTORY_COLUMNS.map((c) => c.header).join(',')];
  for (const l of lines) out.push(DIRECTORY_COLUMNS.map((c) => csvCell(l[c.field])).join(','));
  return Buffer.from(`\ufeff${out.join('\r\n')}\r\n`, 'utf8');
}

/** One sheet, the header on its first line, every cell text. */
export async function directoryXlsx(lines: readonly DirectoryLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位名录', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = DIRECTORY_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'aliases' || c.field === 'fullName' ? 36 : 18,
  }));
  ws.getRow(1).font = { bold: true };
  for (const l of lines) ws.addRow(DIRECTORY_COLUMNS.map((c) => l[c.field]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
