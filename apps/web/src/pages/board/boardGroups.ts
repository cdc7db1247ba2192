/**
 * The board grouped by unit or by measure. The server sorts the page by the group's key, so a group's
 * rows arrive together; each group row carries its items as `children` (antd's tree rows).
 */
import type { BoardQuery, BoardRow } from '@lantian/contract';

export type BoardGroupBy = 'none' | 'unit' | 'measure';

export interface BoardGroup {
  kind: 'group';
  key: string;
  /** The unit's name, or the measure's number and text. */
  title: string;
  red: number;
  yellow: number;
  children: BoardRow[];
}

export type BoardLine = BoardRow | BoardGroup;

export const isGroup = (r: BoardLine): r is BoardGroup => 'kind' in r && r.kind === 'group';

/** The server sort a grouping needs, so that each group's rows come in one run. */
export function groupSort(by: BoardGroupBy): BoardQuery['sort'] | undefined {
  return by === 'unit' ? 'unit' : by === 'measure' ? 'task' : undefined;
}

/** Rows into groups, in the order they came; with `none`, the rows as they are. */
export function groupRows(rows: readonly BoardRow[], by: BoardGroupBy): BoardLine[] {
  if (by === 'none') return [...rows];
  const groups = new Map<string, BoardGroup>();
  for (const r of rows) {
    const key = by === 'unit' ? `unit:${r.unitId}` : `measure:${r.measureId}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        kind: 'group',
        key,
        title: by === 'unit' ? r.unitName : `${r.task}.${r.seq} ${r.measureText}`,
        red: 0,
        yellow: 0,
        children: [],
      };
      groups.set(key, g);
    }
    g.children.push(r);
    if (r.light === 'red') g.red++;
    if (r.light === 'yellow') g.yellow++;
  }
  return [...groups.values()];
}

/** The chosen items as one request body's units: each unit once, with the measures chosen for it. */
export function unitsOf(
  rows: readonly BoardRow[],
): { unitId: string; unitName: string; measureIds: string[] }[] {
  const out = new Map<string, { unitId: string; unitName: string; measureIds: string[] }>();
  for (const r of rows) {
    const u = out.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, measureIds: [] };
    if (!u.measureIds.includes(r.measureId)) u.measureIds.push(r.measureId);
    out.set(r.unitId, u);
  }
  return [...out.values()];
}
