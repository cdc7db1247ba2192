/** Rows of a SourceDocument as the reader works with them: cell texts, with what each merge said. */
import { cleanText } from '../text/clean.ts';
import type { SourceRow } from './source.ts';

export interface ReadRow {
  /** 1-based line (text) or row (table) where the row starts. */
  line: number;
  lines: number[];
  /** Cell texts, trimmed; a cell covered by a horizontal merge is '' (its text belongs to the cell on its left). */
  cells: string[];
  merged: ('up' | 'left' | undefined)[];
  /** Cell texts as delivered, a horizontal merge repeating its value (for two-line headers). */
  full: string[];
  /** Cells as the container delivered them (a text line without separators has one). */
  width: number;
}

export function readRow(row: SourceRow): ReadRow {
  return {
    line: row.line,
    lines: row.lines && row.lines.length > 0 ? row.lines : [row.line],
    cells: row.cells.map((c) => (c.merged === 'left' ? '' : c.text.trim())),
    merged: row.cells.map((c) => c.merged),
    full: row.cells.map((c) => c.text.trim()),
    width: row.cells.length,
  };
}

/** A cell's text, '' for an empty `<p></p>` left over from HTML. */
export function cellAt(row: ReadRow, col: number | undefined): string {
  if (col === undefined) return '';
  const v = row.cells[col];
  if (!v) return '';
  if (!v.includes('<')) return v;
  return /^\s*(<p>\s*<\/p>\s*)*$/i.test(v) ? '' : v;
}

/** The row's text, for titles and preambles: its distinct cells joined by a space. */
export function rowText(row: ReadRow): string {
  return cleanText(row.cells.filter(Boolean).join(' ')).text;
}

export function isBlank(row: ReadRow): boolean {
  return row.cells.every((c) => c === '' || /^(<p>\s*<\/p>\s*)+$/i.test(c));
}

/** The second line of a header split over two lines by the extraction (`时限`, `部门`, `单位`…). */
export function isHeaderContinuation(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return (
    filled.length >= 2 &&
    filled.every((c) =>
      /^(时限|时间|期限|部门|单位|措施|任务|内容|名称|序号|节点)$/.test(c.replace(/\s+/g, '')),
    )
  );
}

/** A name for a task that has none: the first clause of its text, at most 40 characters. */
export function firstClause(text: string): string {
  const t = cleanText(text).text;
  const m = /^[^，。；！？\n]{1,40}/.exec(t);
  return m ? m[0] : t.slice(0, 40);
}
