import type { AssignmentBrief, Report } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { dueInForce, initialValues, targetShare, toContent } from './reportModel.ts';

const measure: Pick<AssignmentBrief, 'targets' | 'milestones' | 'extensions'> = {
  targets: [
    { id: 't1', value: 230, unit: '组', comparison: 'at_least', yearOnYear: false, text: '不低于230组' },
    { id: 't2', value: 10, unit: '%', comparison: 'reduce_by', yearOnYear: true, text: '同比减少10%' },
  ],
  milestones: [{ id: 'm1', due: '2022-06-30', raw: '6月底前', text: '建立联动处罚机制' }],
  extensions: [{ milestoneId: 'm1', originalDue: '2022-06-30', due: '2022-08-31' }],
};

describe('report form model', () => {
  it('starts empty for a period nothing was saved for', () => {
    const v = initialValues(null, measure);
    expect(v.summary).toBe('');
    expect(v.targets.t1).toEqual({ value: null, note: '' });
    expect(v.milestones.m1).toEqual({ reached: false, reachedOn: null });
  });

  it('reads a stored report back into the form', () => {
    const report = {
      status: 'on_track',
      summary: '已抽检 120 组',
      targetValues: [{ targetId: 't1', value: 120, note: '上半年' }],
      milestonesReached: [{ milestoneId: 'm1', reachedOn: '2022-06-20' }],
    } as unknown as Report;
    const v = initialValues(report, measure);
    expect(v.status).toBe('on_track');
    expect(v.targets.t1).toEqual({ value: 120, note: '上半年' });
    expect(v.milestones.m1).toEqual({ reached: true, reachedOn: '2022-06-20' });
  });

  it('sends only the targets filled in and the milestones ticked with a date', () => {
    const content = toContent(
      {
        status: 'behind',
        summary: '  进展说明  ',
        targets: { t1: { value: 0, note: ' ' }, t2: { value: null } },
        milestones: { m1: { reached: true, reachedOn: null } },
      },
      measure,
    );
    expect(content).toEqual({
      status: 'behind',
      summary: '进展说明',
      targetValues: [{ targetId: 't1', value: 0 }],
      milestonesReached: [],
    });
  });

  it('computes a target’s progress in the direction of its comparison', () => {
    expect(targetShare({ comparison: 'at_least', value: 230 }, 115)).toBeCloseTo(0.5);
    expect(targetShare({ comparison: 'at_least', value: 230 }, 300)).toBe(1);
    expect(targetShare({ comparison: 'reduce_by', value: 10 }, 2.5)).toBeCloseTo(0.25);
    expect(targetShare({ comparison: 'at_least', value: 230 }, null)).toBe(0);
  });

  it('shows the extended date with the original kept', () => {
    expect(dueInForce(measure, 'm1', '2022-06-30')).toEqual({ due: '2022-08-31', original: '2022-06-30' });
    expect(dueInForce(measure, null, '2022-12-31')).toEqual({ due: '2022-12-31', original: null });
  });
});
