/** The dashboard's and matrix's figures, as the server computes them (moved from the web app). */
import type { Assignment, Measure } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { measuresByMonth, responsibilityTallies, upcoming } from './overview.query.ts';

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

describe('responsibilityTallies', () => {
  const as = [
    assign('延庆区政府', 'm1', 1, 'responsible'),
    assign('延庆区政府', 'm1', 1, 'lead'),
    assign('延庆区政府', 'm2', 1, 'assisting'),
    assign('延庆区政府', 'm3', 2, 'responsible'),
    assign('市生态环境局', 'm1', 1, 'lead', 'city_department'),
  ];
  it('counts distinct measures per unit and per unit × task, and per role', () => {
    const { cells, units } = responsibilityTallies(as);
    const yq = cells.find((c) => c.unitId === '延庆区政府' && c.task === 1);
    expect(yq?.measures.size).toBe(2);
    expect([...(yq?.roles.lead ?? [])]).toEqual(['m1']);
    expect(yq?.roles.assisting.size).toBe(1);
    const unit = units.find((u) => u.unitId === '延庆区政府');
    expect(unit?.measures.size).toBe(3);
    expect(unit?.roles.responsible.size).toBe(2);
    expect(cells.filter((c) => c.unitId === '延庆区政府').map((c) => c.task)).toEqual([1, 2]);
  });
});

describe('dashboard figures', () => {
  const ms = [
    measure('m1', 1, '2022-06-30', ['2022-03-31']),
    measure('m2', 2, '2022-12-31'),
    measure('m3', 2, null),
    measure('m4', 3, '2023-03-31'),
  ];
  it('counts measures by month of their final date, ongoing and other years apart', () => {
    const r = measuresByMonth(ms, 2022);
    expect(r.months[5]).toBe(1);
    expect(r.months[11]).toBe(1);
    expect(r.ongoing).toBe(1);
    expect(r.otherYears).toBe(1);
  });
  it('lists milestones and deadlines of the coming days in order, a final date that is a milestone once', () => {
    const items = upcoming(ms, '2022-03-01', 60);
    expect(items.map((i) => [i.date, i.kind, i.measureId])).toEqual([['2022-03-31', 'milestone', 'm1']]);
    expect(upcoming(ms, '2022-06-01', 60).map((i) => i.date)).toEqual(['2022-06-30']);
    const both = [measure('m5', 1, '2022-06-30', ['2022-06-30'])];
    expect(upcoming(both, '2022-06-01', 60).map((i) => i.kind)).toEqual(['milestone']);
  });
});
