/**
 * Excel export of a list exactly as the user sees it: the visible columns, the filtered and sorted rows.
 * The workbook is built in the browser; exceljs (large) is loaded only when someone exports.
 */
import type ExcelJS from 'exceljs';

export type CellValue = string | number | boolean | null | undefined;

export interface ExportColumn<R> {
  title: string;
  value: (row: R) => CellValue;
  /** Width in characters; guessed from the content when absent. */
  width?: number;
}

export interface ExportSpec<R> {
  /** Sheet name (Excel allows 31 characters and no `[]:*?/\`). */
  sheet: string;
  /** Lines above the table: the title, the filters applied, who exported and when. */
  caption?: string[];
  columns: ExportColumn<R>[];
  rows: readonly R[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell value safe to open in Excel or WPS: text that starts like a formula (= + - @ tab CR) gets a
 * leading apostrophe so it is shown as text, never evaluated (OWASP CSV/formula injection).
 */
export function safeCell(value: CellValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Fill a workbook with one sheet for the spec; separate from the download so it can be tested in Node. */
export function fillWorkbook<R>(workbook: ExcelJS.Workbook, spec: ExportSpec<R>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(safeSheetName(spec.sheet), {
    views: [{ state: 'frozen', ySplit: (spec.caption?.length ?? 0) + 1 }],
  });
  for (const line of spec.caption ?? []) {
    const row = sheet.addRow([safeCell(line)]);
    row.font = { bold: row.number === 1 };
  }
  const header = sheet.addRow(spec.columns.map((c) => safeCell(c.title)));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
  const widths = spec.columns.map((c) => displayWidth(c.title));
  for (const r of spec.rows) {
    const values = spec.columns.map((c) => safeCell(c.value(r)));
    values.forEach((v, i) => {
      const longestLine = String(v ?? '')
        .split('\n')
        .reduce((m, l) => Math.max(m, displayWidth(l)), 0);
      widths[i] = Math.max(widths[i] ?? 0, longestLine);
    });
    sheet.addRow(values).alignment = { vertical: 'top', wrapText: true };
  }
  spec.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(8, (widths[i] ?? 8) + 2));
  });
  return sheet;
}

/** Build the .xlsx in the browser and hand it to the user as a download. */
export async function downloadExcel<R>(fileName: string, spec: ExportSpec<R>): Promise<void> {
  const mod = await import('exceljs');
  // The browser build is a UMD bundle: its namespace is the default export.
  const Excel = ((mod as unknown as { default?: typeof ExcelJS }).default ?? mod) as typeof ExcelJS;
  const workbook = new Excel.Workbook();
  workbook.creator = 'Lantian 蓝天';
  workbook.created = new Date();
  fillWorkbook(workbook, spec);
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
