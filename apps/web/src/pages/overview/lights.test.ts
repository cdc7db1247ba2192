import { describe, expect, it } from 'vitest';
import { labelSections, redChange } from './lights.ts';

const sections = [
  { id: 's1', ordinal: '一', title: '调整结构' },
  { id: 's2', ordinal: '二', title: '治理扬尘' },
];

describe('labelSections', () => {
  it("labels the server's sections as the plan writes them, in the server's order, the loose tasks last", () => {
    const c = (red: number) => ({ red, yellow: 0, green: 1, done: 0 });
    const out = labelSections(
      [
        { sectionId: 's2', counts: c(1) },
        { sectionId: 's1', counts: c(2) },
        { sectionId: null, counts: c(0) },
      ],
      sections,
      '未分章节',
    );
    expect(out).toEqual([
      { sectionId: 's2', label: '二、治理扬尘', counts: c(1) },
      { sectionId: 's1', label: '一、调整结构', counts: c(2) },
      { sectionId: null, label: '未分章节', counts: c(0) },
    ]);
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
