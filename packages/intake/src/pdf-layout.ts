/**
 * A PDF table recovered from where its text sits: text pieces grouped into lines by y, the header
 * line found (the line the parser would read as a header), columns cut at the gaps between the
 * header's cells where the fewest body pieces cross, lines grouped into rows by the larger vertical
 * gap that separates table rows from the lines of one wrapped cell, pages joined with their repeated
 * header lines and page numbers dropped.
 */
import { readHeader, type SourceCell, type SourceRow } from '@lantian/core';

export interface TextPiece {
  page: number;
  x: number;
  /** Baseline, measured down from the top of the page. */
  y: number;
  width: number;
  /** Font size. */
  size: number;
  text: string;
}

interface Line {
  page: number;
  y: number;
  size: number;
  pieces: TextPiece[];
}

/** Pieces to lines: same page, baselines within a third of the font size. */
export function toLines(pieces: TextPiece[]): Line[] {
  const sorted = [...pieces]
    .filter((p) => p.text.trim())
    .sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const p of sorted) {
    const last = lines[lines.length - 1];
    if (
      last &&
      last.page === p.page &&
      Math.abs(p.y - last.y) <= Math.max(1, 0.35 * Math.max(p.size, last.size))
    ) {
      last.pieces.push(p);
      last.size = Math.max(last.size, p.size);
    } else lines.push({ page: p.page, y: p.y, size: p.size, pieces: [p] });
  }
  for (const l of lines) l.pieces.sort((a, b) => a.x - b.x);
  return lines;
}

/** Pieces of one line merged where they touch (one cell), split where a gap of a character or more lies. */
function lineCells(line: Line): { x0: number; x1: number; text: string }[] {
  const out: { x0: number; x1: number; text: string }[] = [];
  for (const p of line.pieces) {
    const last = out[out.length - 1];
    if (last && p.x - last.x1 < 0.8 * p.size) {
      last.text += (p.x - last.x1 > 0.25 * p.size && !last.text.endsWith(' ') ? ' ' : '') + p.text;
      last.x1 = Math.max(last.x1, p.x + p.width);
    } else out.push({ x0: p.x, x1: p.x + p.width, text: p.text });
  }
  return out;
}

const lineText = (l: Line) =>
  lineCells(l)
    .map((c) => c.text.trim())
    .join(' ');
const isPageNumber = (t: string) =>
  /^[-—－–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*\/\s*\d+)?[-—－–\s]*$/.test(t) ||
  /^第\s*\d+\s*页\s*(，|,)?\s*共\s*\d+\s*页$/.test(t);

/**
 * A line's text joined to the next line of the same cell: nothing when the line ran to the column's
 * edge (CJK text wraps between characters); when it stopped short, a line break after a sentence's
 * end (a new paragraph) and a space otherwise (it broke at a space, which a PDF does not keep).
 */
function joinWrapped(a: string, b: string, short: boolean): string {
  if (!a) return b;
  if (!b) return a;
  if (short) return /[。；;！？!?：:]$/.test(a) ? `${a}\n${b}` : `${a} ${b}`;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

export interface PdfTable {
  preamble: string[];
  rows: SourceRow[];
  /** Whether a header line was found (columns then follow it); otherwise one column per line. */
  headed: boolean;
}

export function layoutTable(pieces: TextPiece[]): PdfTable {
  const lines = toLines(pieces).filter((l) => !isPageNumber(lineText(l)));
  const headerAt = lines.findIndex((l) => {
    const cells = lineCells(l).map((c) => c.text.trim());
    return cells.length >= 2 && readHeader(cells) !== undefined;
  });
  if (headerAt < 0)
    return {
      preamble: [],
      headed: false,
      rows: lines.map((l, i) => ({
        line: i + 1,
        cells: lineCells(l).map((c) => ({ text: c.text.trim() })),
        where: `第 ${l.page} 页`,
      })),
    };
  const header = lineCells(lines[headerAt]);
  const headerKey = header.map((c) => c.text.replace(/\s+/g, '')).join('|');
  const body = lines.slice(headerAt + 1).filter(
    (l) =>
      lineCells(l)
        .map((c) => c.text.replace(/\s+/g, ''))
        .join('|') !== headerKey,
  );
  // Column cuts: inside each gap between header cells, where the fewest body pieces cross.
  const cuts: number[] = [];
  for (let i = 0; i + 1 < header.length; i++) {
    const from = header[i].x1;
    const to = header[i + 1].x0;
    let best = to;
    let bestCount = Number.POSITIVE_INFINITY;
    let runStart = -1;
    for (let x = from; x <= to + 0.01; x += Math.max(0.5, (to - from) / 200)) {
      let count = 0;
      for (const l of body) for (const p of l.pieces) if (p.x < x - 0.5 && p.x + p.width > x + 0.5) count++;
      if (count < bestCount) {
        bestCount = count;
        best = x;
        runStart = x;
      } else if (count === bestCount && runStart >= 0) best = (runStart + x) / 2;
      else runStart = -1;
    }
    cuts.push(best);
  }
  const columnOf = (x: number) => {
    let c = 0;
    while (c < cuts.length && x >= cuts[c]) c++;
    return c;
  };
  // Row breaks: a gap between lines clearly wider than the usual line spacing, or a new page.
  const gaps: number[] = [];
  for (let i = 1; i < body.length; i++)
    if (body[i].page === body[i - 1].page) gaps.push(body[i].y - body[i - 1].y);
  const usual = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length * 0.25)] : 0;
  // When most rows are one line tall, the usual gap is the gap between rows, not the leading inside
  // a wrapped cell: a gap that wide for the type size (over 1.7 × the font) is taken as rows, and the
  // leading as the common 1.3 × the font.
  const sizes = body.flatMap((l) => l.pieces.map((p) => p.size)).sort((a, b) => a - b);
  const size = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const spacing = size > 0 && usual > 1.7 * size ? 1.3 * size : usual;
  const rows: SourceRow[] = [];
  // How far each column's text reaches: a line ending clearly before it was broken short.
  const reach = header.map(() => 0);
  for (const l of body)
    for (const p of l.pieces) {
      const c = columnOf(p.x + Math.min(p.width, p.size) / 2);
      reach[c] = Math.max(reach[c], p.x + p.width);
    }
  let current: { texts: string[]; ends: number[]; sizes: number[]; page: number; lines: number } | undefined;
  const flush = () => {
    if (!current) return;
    const cells: SourceCell[] = current.texts.map((text) => ({ text: text.trim() }));
    rows.push({ line: rows.length + 2, cells, where: `第 ${current.page} 页` });
    current = undefined;
  };
  body.forEach((l, i) => {
    const prev = body[i - 1];
    const newRow = !prev || prev.page !== l.page || l.y - prev.y > spacing * 1.35 + 0.5;
    if (newRow) flush();
    current ??= {
      texts: header.map(() => ''),
      ends: header.map(() => 0),
      sizes: header.map(() => 0),
      page: l.page,
      lines: 0,
    };
    const row = current;
    const seen = new Set<number>();
    for (const p of l.pieces) {
      const c = columnOf(p.x + Math.min(p.width, p.size) / 2);
      const short = !seen.has(c) && row.ends[c] > 0 && row.ends[c] < reach[c] - 1.2 * row.sizes[c];
      row.texts[c] = seen.has(c) ? row.texts[c] + p.text : joinWrapped(row.texts[c], p.text, short);
      seen.add(c);
      row.ends[c] = p.x + p.width;
      row.sizes[c] = p.size;
    }
    current.lines++;
  });
  flush();
  const headRow: SourceRow = {
    line: 1,
    cells: header.map((c) => ({ text: c.text.trim() })),
    where: `第 ${lines[headerAt].page} 页`,
  };
  return { preamble: lines.slice(0, headerAt).map(lineText), headed: true, rows: [headRow, ...rows] };
}
