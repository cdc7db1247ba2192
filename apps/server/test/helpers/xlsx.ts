/**
 * A server-written .xlsx in tests: an export's first sheet read back with exceljs — its caption lines above the
 * header, the header row (the first row holding more than one cell), the rows under it, cells by column name.
 */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { World } from './context.ts';
import { download } from './documents.ts';

export interface ExportSheet {
  sheet: ExcelJS.Worksheet;
  /** The header row's number (1-based); the caption lines are above it. */
  header: number;
  columns: string[];
  /** The rows under the header, in order. */
  rows: ExcelJS.Row[];
  /** The 1-based column number of a header name; throws when the sheet has no such column. */
  col: (name: string) => number;
  /** Row `r` (0-based, under the header) at the column named `name`. */
  cell: (r: number, name: string) => ExcelJS.Cell;
  /** The text of the sheet's row `r` (1-based) in its first column: the caption lines. */
  line: (r: number) => string;
}

/** The first sheet of a workbook's bytes. */
export async function readSheet(bytes: Uint8Array): Promise<ExportSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  let header = 1;
  while (header < 10 && sheet.getRow(header).cellCount <= 1) header++;
  if (sheet.getRow(header).cellCount <= 1) throw new Error('no header row in the first 10');
  const columns = (sheet.getRow(header).values as unknown[]).slice(1).map(String);
  const rows: ExcelJS.Row[] = [];
  for (let r = header + 1; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${columns.join(',')}`);
    return i + 1;
  };
  const cell = (r: number, name: string) => (rows[r] as ExcelJS.Row).getCell(col(name));
  return { sheet, header, columns, rows, col, cell, line: (r: number) => String(sheet.getCell(r, 1).value) };
}

/** GET an export as `cookie`'s user: it must answer 200 with a spreadsheet; its first sheet, read. */
export async function openExport(w: World, url: string, cookie: string): Promise<ExportSheet> {
  const res = await download(w, url, cookie);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
  return readSheet(res.bytes);
}
