import type { BoardRow } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { groupRows, groupSort, isGroup, unitsOf } from './boardGroups.ts';

const row = (unit: string, measure: string, light: BoardRow['light'], seq = 1): BoardRow => ({
  assignmentId: `${unit}-${measure}`,
  planId: 'p',
  measureId: measure,
  task: 7,
  seq,
  measureText: `措施${measure}`,
  unitId: unit,
  unitName: `单位${unit}`,
  role: 'responsible',
  light,
  reasons: [],
  progress: 0,
  nextDue: null,
  lastPeriod: null,
  lastState: null,
  openNotice: null,
});

describe('groupRows', () => {
  const rows = [row('a', 'm1', 'red'), row('a', 'm2', 'yellow', 2), row('b', 'm1', 'red')];
  it('groups by unit in the order the rows came, counting red and yellow', () => {
    const out = groupRows(rows, 'unit');
    expect(out.map((g) => (isGroup(g) ? [g.title, g.red, g.yellow, g.children.length] : null))).toEqual([
      ['单位a', 1, 1, 2],
      ['单位b', 1, 0, 1],
    ]);
  });
  it('groups by measure with its number written 7.2', () => {
    const out = groupRows(rows, 'measure');
    expect(out.map((g) => (isGroup(g) ? g.title : null))).toEqual(['7.1 措施m1', '7.2 措施m2']);
  });
  it('leaves the rows alone without grouping', () => {
    expect(groupRows(rows, 'none')).toEqual(rows);
    expect(groupSort('none')).toBeUndefined();
    expect(groupSort('unit')).toBe('unit');
    expect(groupSort('measure')).toBe('task');
  });
});

describe('unitsOf', () => {
  it('names each unit once with its chosen measures', () => {
    expect(unitsOf([row('a', 'm1', 'red'), row('b', 'm1', 'red'), row('a', 'm2', 'yellow')])).toEqual([
      { unitId: 'a', unitName: '单位a', measureIds: ['m1', 'm2'] },
      { unitId: 'b', unitName: '单位b', measureIds: ['m1'] },
    ]);
  });
});
