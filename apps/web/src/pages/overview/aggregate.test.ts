import type { Assignment, Measure } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { measuresByLead, measuresByMonth, responsibilityMatrix, unitLoad, upcoming } from './aggregate.ts';

const measure = (id: string, task: number, due: string | null, milestones: string[] = []): Measure => ({
  id,
  taskId: `t${task}`,
  task,
  taskName: `任务${task}`,
  seq: 1,
  text: '措施',
  lines: [1],
  deadline: {
    raw: due ? '年底前' : '长期实施',
    kind: due ? 'date' : 'ongoing',
    due,
    start: null,
    end: null,
    recurrence: null,
    assumed: false,
  },
  milestones: milestones.map((d) => ({ id: `${id}-${d}`, due: d, raw: '月底前', text: '节点' })),
  targets: [],
  units: { lead: [], responsible: [], assisting: [] },
  leadEtAl: false,
  responsibleEtAl: false,
  assistingEtAl: false,
  version: 1,
});
const assign = (
  unitId: string,
  measureId: string,
  task: number,
  role: Assignment['role'],
  kind: Assignment['unitKind'] = 'district',
): Assignment => ({
  id: `${unitId}-${measureId}-${role}`,
  measureId,
  task,
  seq: 1,
  unitId,
  unitName: unitId,
  unitKind: kind,
  role,
  viaGroup: null,
  actingAs: null,
});

describe('responsibilityMatrix', () => {
  const as = [
    assign('延庆区政府', 'm1', 1, 'responsible'),
    assign('延庆区政府', 'm1', 1, 'lead'),
    assign('延庆区政府', 'm2', 1, 'assisting'),
    assign('市生态环境局', 'm1', 1, 'lead', 'city_department'),
  ];
  it('counts distinct measures per unit and task, and per role', () => {
    const { cells, units } = responsibilityMatrix(as);
    const yq = cells.find((c) => c.unitId === '延庆区政府');
    expect(yq).toMatchObject({ task: 1, measures: 2, roles: { lead: 1, responsible: 1, assisting: 1 } });
    expect(units.map((u) => u.unitId)).toEqual(['市生态环境局', '延庆区政府']);
  });
  it('can be restricted to one role', () => {
    const { cells } = responsibilityMatrix(as, 'lead');
    expect(cells.map((c) => [c.unitId, c.measures])).toEqual([
      ['延庆区政府', 1],
      ['市生态环境局', 1],
    ]);
  });
});

describe('dashboard figures', () => {
  const ms = [
    measure('m1', 1, '2022-06-30', ['2022-03-31']),
    measure('m2', 2, '2022-12-31'),
    measure('m3', 2, null),
  ];
  it('counts measures by month of their final date', () => {
    const r = measuresByMonth(ms, 2022);
    expect(r.months[5]).toBe(1);
    expect(r.months[11]).toBe(1);
    expect(r.ongoing).toBe(1);
  });
  it('lists milestones and deadlines of the coming days in order', () => {
    const items = upcoming(ms, '2022-03-01', 60);
    expect(items.map((i) => [i.date, i.kind])).toEqual([['2022-03-31', 'milestone']]);
    expect(upcoming(ms, '2022-06-01', 60).map((i) => i.date)).toEqual(['2022-06-30']);
  });
  it('ranks lead units and open responsibilities', () => {
    const as = [
      assign('A', 'm1', 1, 'lead'),
      assign('A', 'm2', 2, 'lead'),
      assign('B', 'm2', 2, 'lead'),
      assign('B', 'm3', 2, 'responsible'),
    ];
    expect(measuresByLead(as).map((x) => [x.unitId, x.measures])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    const load = unitLoad(as, ms, '2022-07-01');
    expect(load.find((u) => u.unitId === 'A')).toMatchObject({ measures: 2, overdue: 1 });
    expect(load.find((u) => u.unitId === 'B')).toMatchObject({ measures: 2, overdue: 0 });
  });
});
