import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/index.ts';

const plan = (rows: string[][]) => parsePlan(rows.map((r) => r.join('\t')).join('\n'), { year: 2016 });

describe('a target column beside the work', () => {
  it('is the target of an indicator named by the row; the name’s own numbers say what is counted', () => {
    const p = plan([
      ['项目', '目标值', '责任单位'],
      ['新引进 5 亿元以上重大项目', '9', '区投促局'],
      ['城镇登记失业率', '低于 4.1', '区人社局'],
    ]);
    expect(p.measures.map((m) => m.targets.map((t) => t.value))).toEqual([[9], [4.1]]);
  });

  it('adds to the targets a measure written as prose states', () => {
    const p = plan([
      ['工作措施', '目标值', '责任单位'],
      ['推进老旧小区改造，完成改造50个，新增停车位1000个', '50', '区住建局'],
    ]);
    expect(p.measures[0].targets.map((t) => t.value)).toEqual([50, 50, 1000]);
  });
});
