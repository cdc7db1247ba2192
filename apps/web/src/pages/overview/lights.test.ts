import { describe, expect, it } from 'vitest';
import { lightsBySection, redChange, unitsByAttention } from './lights.ts';

const sections = [
  { id: 's1', ordinal: '一', title: '调整结构' },
  { id: 's2', ordinal: '二', title: '治理扬尘' },
];
const tasks = [
  { id: 't1', no: 1, name: '能源', section: 's1' },
  { id: 't2', no: 2, name: '交通', section: 's1' },
  { id: 't3', no: 3, name: '扬尘', section: '二' },
  { id: 't4', no: 4, name: '其他', section: null },
];

describe('lightsBySection', () => {
  it('counts measures by light per section in plan order, sections found by id or ordinal, the rest last', () => {
    const out = lightsBySection(
      [
        { task: 1, light: 'red' },
        { task: 2, light: 'green' },
        { task: 2, light: 'red' },
        { task: 3, light: 'yellow' },
        { task: 4, light: 'done' },
      ],
      tasks,
      sections,
      '未分章节',
    );
    expect(out).toEqual([
      { sectionId: 's1', label: '一、调整结构', counts: { red: 2, yellow: 0, green: 1, done: 0 } },
      { sectionId: 's2', label: '二、治理扬尘', counts: { red: 0, yellow: 1, green: 0, done: 0 } },
      { sectionId: null, label: '未分章节', counts: { red: 0, yellow: 0, green: 0, done: 1 } },
    ]);
  });

  it('leaves out sections with no measure', () => {
    expect(
      lightsBySection([{ task: 3, light: 'green' }], tasks, sections, '—').map((s) => s.sectionId),
    ).toEqual(['s2']);
  });
});

describe('unitsByAttention', () => {
  const unit = (name: string, red: number, yellow: number) => ({
    unitId: name,
    unitName: name,
    light: 'green' as const,
    progress: 0,
    assignments: red + yellow + 1,
    overdueCases: 0,
    counts: { red, yellow, green: 1, done: 0 },
  });
  it('puts the most red first, then the most yellow, and keeps the limit', () => {
    const out = unitsByAttention([unit('甲', 0, 3), unit('乙', 2, 0), unit('丙', 2, 1), unit('丁', 0, 0)], 3);
    expect(out.map((u) => u.unitName)).toEqual(['丙', '乙', '甲']);
  });
});

describe('redChange', () => {
  const m = (month: string, red: number) => ({
    month,
    asOf: `${month}-28`,
    counts: { red, yellow: 0, green: 0, done: 0 },
  });
  it('is the change of red items over the last month, or null with fewer than two months', () => {
    expect(redChange([m('2022-01', 4), m('2022-02', 1)])).toBe(-3);
    expect(redChange([m('2022-01', 4)])).toBeNull();
  });
});
