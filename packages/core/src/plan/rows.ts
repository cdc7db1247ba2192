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
