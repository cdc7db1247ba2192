/**
 * A header row one cell short of its data. A table pasted from a PDF or a web page sometimes arrives
 * with a header cell lost (`序号` dropped by the extraction) or two header cells run together (`序务`
 * from `序号` and `重点任务`): from that point on every label sits one column left of its data, so the
 * task names read as the number, the measures as the task names, the units as the deadlines. It is
 * recognised from the table itself, never from which plan it is:
 * - the data rows consistently reach one column past the header's last label (a cell more, or content
 *   under no label), on a one-line header no supervisor has mapped;
 * - moving the labels from some column on one column right makes what they name agree with their cells
 *   (ordinals under 序号, dates under 完成时限, units under 牵头单位, long texts under 工作措施) clearly
 *   better than where they stand: by at least MARGIN columns' worth.
 * Then those labels are moved over their data (the column left without a label is read from its cells),
 * and a warning says so.
 */
import { type CellProfile, cellProfile } from './column-cells.ts';
import type { Column } from './header.ts';
import type { HeaderFound } from './header-find.ts';
import { isBlank, type ReadRow } from './rows.ts';

const SAMPLE_ROWS = 60;
/** How much better (in columns that fully agree) the moved labels must fit their cells. */
const MARGIN = 1.5;

function lastLabel(labels: string[]): number {
  for (let i = labels.length - 1; i >= 0; i--) if (labels[i] !== '') return i;
  return -1;
}

/** How far a column's cells are what its header names (0–1); 0 for roles the cells cannot show. */
function agreement(col: Column | undefined, p: CellProfile): number {
  if (!col || p.filled === 0) return 0;
  const of = (n: number) => n / p.filled;
  switch (col) {
    case 'no':
      return of(p.number);
    case 'deadline':
      return of(p.date);
    case 'lead':
    case 'responsible':
    case 'assisting':
      return of(p.units);
    case 'measure':
      return of(p.long);
    case 'task':
      // Names: short, and neither numbers, dates nor units.
      return Math.max(0, of(p.filled - p.long - p.number - p.date - p.units));
    default:
      return 0;
  }
}

/** The first column whose label (and every later one) belongs one column right, or undefined. */
export function lostHeaderCell(found: HeaderFound, body: ReadRow[]): number | undefined {
  const { labels, named } = found;
  const last = lastLabel(labels);
  if (last < 2 || found.chosen.some(Boolean) || found.bodyFrom !== found.headerAt + 1) return undefined;
  const rows = body.filter((r) => !isBlank(r) && !found.isHeaderRow(r)).slice(0, SAMPLE_ROWS);
  if (rows.length < 5) return undefined;
  const headerWidth = found.rows[found.headerAt].width;
  const beyond = rows.filter(
    (r) => r.width > headerWidth || r.cells.slice(last + 1).some((c) => c !== ''),
  ).length;
  if (beyond < rows.length * 0.6) return undefined;
  const profiles = Array.from({ length: last + 2 }, (_, j) => cellProfile(rows.map((r) => r.cells[j] ?? '')));
  const score = (from: number) => {
    let s = 0;
    for (let i = 0; i <= last; i++) s += agreement(named[i], profiles[i < from ? i : i + 1]);
    return s;
  };
  const standing = score(last + 1);
  let best: number | undefined;
  let bestScore = standing + MARGIN;
  for (let from = 0; from <= last; from++) {
    const s = score(from);
    if (s >= bestScore) {
      best = from;
      bestScore = s;
    }
  }
  return best;
}

/** The labels from `from` on moved one column right, over their data; column `from` left unlabelled. */
export function shiftHeaderRight(found: HeaderFound, from: number): void {
  const last = lastLabel(found.labels);
  const width = Math.max(found.labels.length, last + 2);
  const move = <T>(list: T[], empty: T): T[] =>
    Array.from({ length: width }, (_, i) =>
      i < from ? list[i] : i === from || i - 1 > last ? empty : list[i - 1],
    );
  found.labels = move(found.labels, '');
  found.named = move(found.named, undefined);
  found.exact = move(found.exact, false);
  found.chosen = move(found.chosen, false);
}

/** Detect and move a header one cell short of its data; what to warn, or undefined when it is not. */
export function alignHeader(
  found: HeaderFound,
  body: ReadRow[],
): { message: string; subject: string } | undefined {
  const from = lostHeaderCell(found, body);
  if (from === undefined) return undefined;
  const label = found.labels[from];
  shiftHeaderRight(found, from);
  return {
    message: `表头比数据少一格：从第 ${from + 1} 列“${label}”起，各列名都落在其数据左边一列（表头的一格在复制或提取时丢失，或与相邻一格连在了一起）。已将这些列名右移一列与数据对齐，请核对各列的用途。`,
    subject: label,
  };
}
