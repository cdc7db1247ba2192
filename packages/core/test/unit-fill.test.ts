import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/index.ts';

const parse = (rows: string[][]) => parsePlan(rows.map((r) => r.join('\t')).join('\n'), { year: 2024 });
const units = (plan: ReturnType<typeof parse>) =>
  plan.measures.map((m) => `${m.task}-${m.seq} ${m.lead.join('、')} | ${m.responsible.join('、')}`);

describe('unit cells a pasted table left empty under a merged cell', () => {
  it('fills a lead column left of the work down its group, as a category column', () => {
    const plan = parse([
      ['牵头单位', '工作措施', '责任单位'],
      ['县发改局', '编制年度投资计划', '县财政局'],
      ['', '开展项目评估', '县审计局'],
      ['县教育局', '新建幼儿园2所', '各乡镇'],
    ]);
    expect(units(plan)).toEqual([
      '1-1 县发改局 | 县财政局',
      '2-1 县发改局 | 县审计局',
      '3-1 县教育局 | 各乡镇',
    ]);
    expect(plan.warnings.some((w) => w.code === 'UNITS_CARRIED_DOWN')).toBe(false);
  });

  it('gives a row with no units the units above when it continues the same task, and says so', () => {
    const plan = parse([
      ['序号', '重点任务', '完成时限', '责任单位'],
      ['1', '开工建设养老院', '5月底前', '县民政局'],
      ['', '开工建设老年大学', '12月底前', ''],
      ['2', '新建农贸市场', '12月底前', ''],
    ]);
    expect(units(plan)).toEqual(['1-1  | 县民政局', '1-2  | 县民政局', '2-1  | ']);
    expect(plan.warnings.filter((w) => w.code === 'UNITS_CARRIED_DOWN').map((w) => [w.task, w.seq])).toEqual([
      [1, 2],
    ]);
  });

  it('leaves a unit column right of the work empty when the row starts a group of its own', () => {
    const plan = parse([
      ['牵头单位', '工作措施', '配合单位'],
      ['县发改局', '编制年度投资计划', '县财政局'],
      ['县教育局', '新建幼儿园2所', ''],
    ]);
    expect(plan.measures.map((m) => [m.lead, m.assisting])).toEqual([
      [['县发改局'], ['县财政局']],
      [['县教育局'], []],
    ]);
  });
});
