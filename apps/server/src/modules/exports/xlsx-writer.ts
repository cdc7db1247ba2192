/**
 * The one sheet-writing helper of the server: workbooks streamed row by row (exceljs' WorkbookWriter), each
 * sheet with a title, the filter in words, a bold frozen header row with an autofilter, typed cells (dates as
 * Excel dates in Beijing time, numbers and percentages as numbers, each with its format) and set widths.
 *
 * Text that Excel would read as a formula (= + - @ tab CR) is written as a text cell with the quote-prefix
 * style (`quotePrefix="1"` on its xf in styles.xml): the user sees exactly the text, and Excel never
 * evaluates it. exceljs 4.4 does not write that attribute itself; `withQuotePrefix` teaches one workbook's
 * style manager to (no global patch of the library).
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type ColumnKind = 'text' | 'long' | 'date' | 'datetime' | 'integer' | 'number' | 'percent';
export type CellInput = string | number | null | undefined;

export interface SheetColumn<R> {
  header: string;
  /** `date`: an ISO date; `datetime`: an ISO instant (shown in Beijing time); `percent`: 0..1. */
  kind?: ColumnKind;
  /** Width in characters; by kind when absent. */
  width?: number;
  value: (row: R) => CellInput;
}

export interface SheetSpec<R> {
  /** The sheet's tab name (Excel: 31 characters, none of `[]:*?/\`). */
  name: string;
  title: string;
  /** The filter as `name=value` pairs; none means the sheet says 无. */
  filters: readonly (readonly [string, string])[];
  /** More lines under the filter (who exported, when). */
  notes?: readonly string[];
  columns: readonly SheetColumn<R>[];
  /** Rows in batches (a page of a paged query at a time). */
  rows: AsyncIterable<readonly R[]> | Iterable<readonly R[]>;
}

/** Anything a spec of any row type can be passed as. */
// biome-ignore lint/suspicious/noExplicitAny: a list of sheets of different row types
export type AnySheetSpec = SheetSpec<any>;

const FORMULA_START = /^[=+\-@\t\r]/;
const MAX_CELL_TEXT = 32_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const NUM_FMT = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  integer: '0',
  number: '#,##0.00',
  percent: '0%',
} as const;

const DEFAULT_WIDTH: Record<ColumnKind, number> = {
  text: 16,
  long: 60,
  date: 12,
  datetime: 20,
  integer: 8,
  number: 12,
  percent: 9,
};

type Style = Partial<ExcelJS.Style> & { quotePrefix?: boolean };
const TOP: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };
/** One object per style, shared by every cell that has it (exceljs indexes styles by object). */
const STYLES = {
  text: { alignment: TOP } as Style,
  quoted: { alignment: TOP, quotePrefix: true } as Style,
  date: { numFmt: NUM_FMT.date, alignment: TOP } as Style,
  datetime: { numFmt: NUM_FMT.datetime, alignment: TOP } as Style,
  integer: { numFmt: NUM_FMT.integer, alignment: TOP } as Style,
  number: { numFmt: NUM_FMT.number, alignment: TOP } as Style,
  percent: { numFmt: NUM_FMT.percent, alignment: TOP } as Style,
  title: { font: { bold: true, size: 14 } } as Style,
  caption: { font: { color: { argb: 'FF555555' } } } as Style,
  header: {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } },
    alignment: { vertical: 'middle', wrapText: true },
    border: { bottom: { style: 'thin', color: { argb: 'FF999999' } } },
  } as Style,
};

/** A sheet name Excel accepts. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned || 'Sheet1').slice(0, 31);
}

/** `筛选条件：计划=…；状态=…`, or `筛选条件：无` when nothing narrows the list. */
export function filterLine(filters: readonly (readonly [string, string])[]): string {
  return `筛选条件：${filters.length ? filters.map(([k, v]) => `${k}=${v}`).join('；') : '无'}`;
}

/** An Excel date for an ISO instant, in Beijing wall-clock time (Excel dates have no zone). */
export function beijingExcelDate(iso: string): Date | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + BEIJING_OFFSET_MS);
}

function text(v: CellInput): { value: string | null; style: Style } {
  if (v === null || v === undefined || v === '') return { value: null, style: STYLES.text };
  const s = String(v).slice(0, MAX_CELL_TEXT);
  return { value: s, style: FORMULA_START.test(s) ? STYLES.quoted : STYLES.text };
}

/** A typed cell: the value exceljs writes and its style. */
export function typedCell(kind: ColumnKind, v: CellInput): { value: ExcelJS.CellValue; style: Style } {
  if (v === null || v === undefined || v === '') return { value: null, style: STYLES.text };
  switch (kind) {
    case 'date':
      if (typeof v === 'string' && ISO_DATE.test(v))
        return { value: new Date(`${v}T00:00:00Z`), style: STYLES.date };
      return text(v);
    case 'datetime': {
      const d = typeof v === 'string' ? beijingExcelDate(v) : null;
      return d ? { value: d, style: STYLES.datetime } : text(v);
    }
    case 'integer':
    case 'number':
    case 'percent':
      return typeof v === 'number' && Number.isFinite(v) ? { value: v, style: STYLES[kind] } : text(v);
    default:
      return text(v);
  }
}

// ---- quote prefix in styles.xml -------------------------------------------------------------------

interface XmlStream {
  openNode(name: string, attrs: Record<string, string | number>): void;
  addAttribute(name: string, value: string): void;
  closeNode(): void;
}
interface XfModel {
  numFmtId?: number;
  fontId?: number;
  fillId?: number;
  borderId?: number;
  xfId?: number;
  alignment?: unknown;
  protection?: unknown;
  quotePrefix?: boolean;
}
interface StyleXformInstance {
  map: {
    alignment: { render(s: XmlStream, m: unknown): void };
    protection: { render(s: XmlStream, m: unknown): void };
  };
  render(s: XmlStream, m: XfModel): void;
}
interface StyleManager {
  map: { style: StyleXformInstance };
  addStyleModel(model: Style | undefined, cellType?: number): number;
  _addStyle(style: XfModel): number;
}

const require = createRequire(import.meta.url);
const StyleXform: new (opts: {
  xfId: boolean;
}) => StyleXformInstance = require('exceljs/lib/xlsx/xform/style/style-xform.js');

/** exceljs' `<xf>` writer, with `quotePrefix="1"` when the style asks for it. */
class QuotePrefixStyleXform extends StyleXform {
  override render(xml: XmlStream, model: XfModel): void {
    xml.openNode('xf', {
      numFmtId: model.numFmtId || 0,
      fontId: model.fontId || 0,
      fillId: model.fillId || 0,
      borderId: model.borderId || 0,
      xfId: model.xfId || 0,
    });
    if (model.numFmtId) xml.addAttribute('applyNumberFormat', '1');
    if (model.fontId) xml.addAttribute('applyFont', '1');
    if (model.fillId) xml.addAttribute('applyFill', '1');
    if (model.borderId) xml.addAttribute('applyBorder', '1');
    if (model.alignment) xml.addAttribute('applyAlignment', '1');
    if (model.protection) xml.addAttribute('applyProtection', '1');
    if (model.quotePrefix) xml.addAttribute('quotePrefix', '1');
    if (model.alignment) this.map.alignment.render(xml, model.alignment);
    if (model.protection) this.map.protection.render(xml, model.protection);
    xml.closeNode();
  }
}

/** Make this workbook's style manager carry `quotePrefix` from a cell's style to its `<xf>`. */
function withQuotePrefix(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (workbook as unknown as { styles: StyleManager }).styles;
  styles.map.style = new QuotePrefixStyleXform({ xfId: true });
  const addStyleModel = styles.addStyleModel.bind(styles);
  styles.addStyleModel = (model, cellType) => {
    if (!model?.quotePrefix) return addStyleModel(model, cellType);
    const addStyle = styles._addStyle;
    styles._addStyle = (style) => addStyle.call(styles, { ...style, quotePrefix: true });
    try {
      return addStyleModel(model, cellType);
    } finally {
      styles._addStyle = addStyle;
    }
  };
}

// ---- writing ---------------------------------------------------------------------------------------

async function writeSheet<R>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec<R>,
): Promise<number> {
  const captions = [spec.title, filterLine(spec.filters), ...(spec.notes ?? [])];
  const headerRow = captions.length + 1;
  const sheet = workbook.addWorksheet(safeSheetName(spec.name), {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
  });
  sheet.columns = spec.columns.map((c) => ({ width: c.width ?? DEFAULT_WIDTH[c.kind ?? 'text'] }));
  captions.forEach((line, i) => {
    const row = sheet.addRow([]);
    const cell = row.getCell(1);
    const t = text(line);
    cell.value = t.value;
    cell.style = i === 0 ? STYLES.title : t.style === STYLES.quoted ? STYLES.quoted : STYLES.caption;
    row.commit();
  });
  const header = sheet.addRow([]);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = STYLES.header;
  });
  header.commit();
  let count = 0;
  for await (const batch of spec.rows) {
    for (const r of batch) {
      const row = sheet.addRow([]);
      spec.columns.forEach((c, i) => {
        const { value, style } = typedCell(c.kind ?? 'text', c.value(r));
        const cell = row.getCell(i + 1);
        cell.value = value;
        cell.style = style;
      });
      row.commit();
      count++;
    }
  }
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + Math.max(count, 1), column: Math.max(spec.columns.length, 1) },
  };
  sheet.commit();
  return count;
}

/**
 * Write a workbook of these sheets to `out` as it goes (the stream ends when the workbook is complete).
 * Returns the number of data rows per sheet.
 */
export async function writeWorkbook(out: Writable, sheets: readonly AnySheetSpec[]): Promise<number[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Lantian 蓝天';
  withQuotePrefix(workbook);
  const counts: number[] = [];
  for (const spec of sheets) counts.push(await writeSheet(workbook, spec));
  await workbook.commit();
  return counts;
}

/** Batches of a paged list: pages 1, 2, … of `size` until `total` rows have come (or a page is short). */
export async function* pagesOf<T>(
  fetch: (page: number, pageSize: number) => Promise<{ total: number; items: readonly T[] }>,
  size = 200,
): AsyncGenerator<readonly T[]> {
  let seen = 0;
  for (let page = 1; ; page++) {
    const { total, items } = await fetch(page, size);
    if (items.length) yield items;
    seen += items.length;
    if (items.length < size || seen >= total) return;
  }
}
