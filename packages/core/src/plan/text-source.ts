/** Plain text (TSV, CSV, a pasted Excel range, a pipe table) as the one table model the parser reads. */
import type { ColumnChoice } from './columns.ts';
import { readHeader } from './header.ts';
import type { SourceDocument, SourceRow } from './source.ts';
import { type Delimiter, splitRows } from './table.ts';

/** How many lines (or rows) are searched for the header. */
export const HEADER_SCAN_LINES = 400;

/** The first line that reads as a header with one of the delimiters, and that delimiter. */
export function findTextHeader(
  lines: string[],
  choice?: ColumnChoice,
): { delimiter: Delimiter; index: number } | undefined {
  const limit = Math.min(lines.length, HEADER_SCAN_LINES);
  for (let i = 0; i < limit; i++) {
    const line = lines[i];
    for (const [delimiter, sep] of [
      ['tab', '\t'],
      ['comma', ','],
      ['pipe', '|'],
    ] as const) {
      if (!line.includes(sep)) continue;
      const cells =
        delimiter === 'pipe'
          ? line
              .trim()
              .replace(/^\||\|$/g, '')
              .split('|')
          : line.split(sep);
      if (
        readHeader(
          cells.map((c) => c.replace(/^"|"$/g, '')),
          choice,
        )
      )
        return { delimiter, index: i };
    }
  }
  return undefined;
}

/**
 * Split decoded text into a SourceDocument: one table holding every row (the title lines above the
 * header included, as an xlsx sheet would hold them), cells split by the delimiter the header uses.
 */
export function textToSource(lines: string[], delimiter: Delimiter, fileName?: string): SourceDocument {
  const rows: SourceRow[] = splitRows(lines, delimiter).map((r) => ({
    line: r.line,
    ...(r.lines.length > 1 ? { lines: r.lines } : {}),
    cells: r.cells.map((text) => ({ text })),
  }));
  return {
    format: 'text',
    ...(fileName ? { fileName } : {}),
    preamble: [],
    tables: [{ rows }],
    notes: [],
  };
}
