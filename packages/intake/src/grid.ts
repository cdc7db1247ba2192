/** Laying out table cells with row and column spans into rows of SourceCells, merges resolved. */
import type { SourceCell, SourceRow } from '@lantian/core';

export class Grid {
  private readonly cells: SourceCell[][] = [];

  /** The next free column in row `r` from `c` on (cells spanning down from above occupy theirs). */
  nextFree(r: number, c: number): number {
    const row = this.cells[r];
    while (row?.[c] !== undefined) c++;
    return c;
  }

  /** Put a cell at (r, c) covering `rowSpan` × `colSpan`; covered cells repeat its text. */
  place(r: number, c: number, text: string, rowSpan = 1, colSpan = 1): void {
    for (let i = 0; i < rowSpan; i++) {
      const row = this.row(r + i);
      for (let j = 0; j < colSpan; j++) {
        if (row[c + j] !== undefined) continue;
        row[c + j] = i > 0 ? { text, merged: 'up' } : j > 0 ? { text, merged: 'left' } : { text };
      }
    }
  }

  /** The cell at (r, c), if one was placed. */
  at(r: number, c: number): SourceCell | undefined {
    return this.cells[r]?.[c];
  }

  set(r: number, c: number, cell: SourceCell): void {
    this.row(r)[c] = cell;
  }

  private row(r: number): SourceCell[] {
    while (this.cells.length <= r) this.cells.push([]);
    return this.cells[r];
  }

  /** The rows, holes filled with empty cells; `where(i)` names row i for messages. */
  rows(where?: (i: number) => string): SourceRow[] {
    return this.cells.map((row, i) => {
      const cells: SourceCell[] = [];
      for (let c = 0; c < row.length; c++) cells.push(row[c] ?? { text: '' });
      return { line: i + 1, cells, where: where?.(i) };
    });
  }
}

/** Cell text as people read it: runs of spaces kept single, lines trimmed, blank lines dropped. */
export function cellText(lines: string[]): string {
  return lines
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
