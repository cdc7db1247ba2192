/**
 * Unit cells a table left empty under a merged cell, read as people read the merge. A pasted table (text,
 * TSV, Excel's clipboard) keeps a merged cell's text in its first row only and leaves the rows below empty:
 * - a unit column left of the work (`牵头单位 | 目标任务 | 责任单位`) groups the rows below it, as a
 *   category column does: an empty cell there is the unit above;
 * - a row with no unit at all that continues the row above (the next step of the same numbered task, a
 *   row inside the same unit group, any row of a list that numbers nothing) has the units of the row
 *   above, unless it starts a group of its own.
 */
import type { ColumnMap } from './header.ts';
import type { Role } from './model.ts';
import { cellAt, type ReadRow } from './rows.ts';

const ROLES = ['lead', 'responsible', 'assisting'] as const;

export interface FilledUnits {
  unitCells: Record<Role, string[]>;
  /** The roles whose cells were taken from the row above outside a grouping column (for the review). */
  carried: Role[];
}

export class UnitFill {
  private readonly grouping: Set<number>;
  private readonly above = new Map<number, string>();

  constructor(private readonly map: ColumnMap) {
    const work = [map.task, map.measure].filter((c): c is number => c !== undefined);
    const first = work.length > 0 ? Math.min(...work) : undefined;
    this.grouping = new Set(first === undefined ? [] : ROLES.flatMap((r) => map[r]).filter((c) => c < first));
  }

  /**
   * The unit cells of a data row that becomes a measure. `continues`: the row carries no number of its
   * own and adds to the task of the row above.
   */
  read(row: ReadRow, continues: boolean): FilledUnits {
    const carried = new Set<Role>();
    const cells = new Map<number, string>();
    let inGroup = false;
    let startsGroup = false;
    for (const r of ROLES) {
      for (const c of this.map[r]) {
        let v = cellAt(row, c);
        // A grouping cell merged from the row above (a Word or Excel merge) is the group going on.
        if (v && this.grouping.has(c) && row.merged[c] === 'up') inGroup = true;
        else if (v && this.grouping.has(c)) startsGroup = true;
        if (!v && this.grouping.has(c) && this.above.get(c)) {
          v = this.above.get(c) ?? '';
          inGroup = true;
        }
        cells.set(c, v);
      }
    }
    const others = ROLES.flatMap((r) => this.map[r]).filter((c) => !this.grouping.has(c));
    // A merged cell does not reach past the start of the next group.
    if ((continues || inGroup) && !startsGroup && others.every((c) => !cells.get(c))) {
      for (const r of ROLES)
        for (const c of this.map[r]) {
          if (this.grouping.has(c) || !this.above.get(c)) continue;
          cells.set(c, this.above.get(c) ?? '');
          carried.add(r);
        }
    }
    for (const [c, v] of cells) this.above.set(c, v);
    const unitCells = Object.fromEntries(
      ROLES.map((r) => [r, this.map[r].map((c) => cells.get(c) ?? '').filter(Boolean)]),
    ) as Record<Role, string[]>;
    return { unitCells, carried: [...carried] };
  }
}
