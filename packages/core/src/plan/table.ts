/** Splitting plan text into rows of cells, whatever separator the export used. */

export type Delimiter = 'tab' | 'comma' | 'pipe';
const CHAR: Record<Delimiter, string> = { tab: '\t', comma: ',', pipe: '|' };

export interface Row {
  /** 1-based line where the row starts. */
  line: number;
  /** Every line the row covers (a quoted cell may span lines). */
  lines: number[];
  cells: string[];
}

/** Split text into physical lines. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Rows of a delimited text. A cell that starts with `"` is quoted (Excel writes multi-line cells that
 * way); a quote that is never closed on its row's lines is taken literally, so stray quotes in
 * PDF-extracted text do not swallow the rest of the file.
 */
export function splitRows(lines: string[], delimiter: Delimiter): Row[] {
  const sep = CHAR[delimiter];
  const rows: Row[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (delimiter === 'pipe') {
      const t = line.trim();
      if (/^\|?\s*:?-{2,}/.test(t)) {
        rows.push({ line: i + 1, lines: [i + 1], cells: [] });
        continue;
      }
      line = t.replace(/^\|/, '').replace(/\|$/, '');
    }
    if (!line.includes('"')) {
      rows.push({ line: i + 1, lines: [i + 1], cells: line.split(sep) });
      continue;
    }
    const parsed = parseQuoted(lines, i, sep);
    rows.push({ line: i + 1, lines: range(i + 1, parsed.endLine + 1), cells: parsed.cells });
    i = parsed.endLine;
  }
  return rows;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

const MAX_QUOTED_LINES = 200;

function parseQuoted(lines: string[], start: number, sep: string): { cells: string[]; endLine: number } {
  const cells: string[] = [];
  let li = start;
  let s = lines[li];
  let pos = 0;
  for (;;) {
    if (s[pos] === '"') {
      // Quoted cell: find the closing quote, possibly on a later line.
      let value = '';
      let p = pos + 1;
      let l = li;
      let text = s;
      let closed = false;
      while (!closed) {
        const q = text.indexOf('"', p);
        if (q < 0) {
          if (l + 1 >= lines.length || l - start >= MAX_QUOTED_LINES) break;
          value += `${text.slice(p)}\n`;
          l++;
          text = lines[l];
          p = 0;
          continue;
        }
        if (text[q + 1] === '"') {
          value += `${text.slice(p, q)}"`;
          p = q + 2;
          continue;
        }
        const after = text[q + 1];
        if (after !== undefined && after !== sep) break; // not a real closing quote
        value += text.slice(p, q);
        p = q + 1;
        closed = true;
      }
      if (closed) {
        cells.push(value);
        li = l;
        s = text;
        pos = p;
        if (pos >= s.length) return { cells, endLine: li };
        pos++; // the separator
        continue;
      }
      // Not a well-formed quoted cell: read it literally up to the next separator on this line.
    }
    const next = s.indexOf(sep, pos);
    if (next < 0) {
      cells.push(s.slice(pos));
      return { cells, endLine: li };
    }
    cells.push(s.slice(pos, next));
    pos = next + 1;
  }
}
