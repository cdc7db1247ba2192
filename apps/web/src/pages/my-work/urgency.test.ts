import type { Deadline, Milestone } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { classify, groupByUrgency } from './urgency.ts';

const deadline = (d: Partial<Deadline>): Deadline => ({
  raw: '年底前',
  kind: 'date',
  due: null,
  start: null,
  end: null,
  recurrence: null,
  assumed: false,
  ...d,
});
const ms = (due: string): Milestone => ({ id: due, due, raw: `${due}前`, text: '制定工作方案' });

describe('classify', () => {
  const today = '2022-06-10';
  it('is overdue when the final date has passed', () => {
    const r = classify({ deadline: deadline({ due: '2022-05-31' }), milestones: [] }, today);
    expect(r).toMatchObject({ urgency: 'overdue', nextDate: '2022-05-31', daysLeft: -10 });
  });
  it('is due soon when the final date is within 30 days, today included', () => {
    expect(classify({ deadline: deadline({ due: '2022-06-10' }), milestones: [] }, today).urgency).toBe(
      'dueSoon',
    );
    expect(classify({ deadline: deadline({ due: '2022-07-10' }), milestones: [] }, today).urgency).toBe(
      'dueSoon',
    );
    expect(classify({ deadline: deadline({ due: '2022-07-11' }), milestones: [] }, today).urgency).toBe(
      'later',
    );
  });
  it('is due soon when the next milestone is, and names it', () => {
    const r = classify(
      {
        deadline: deadline({ kind: 'milestones', due: '2022-12-31' }),
        milestones: [ms('2022-03-31'), ms('2022-06-30')],
      },
      today,
    );
    expect(r.urgency).toBe('dueSoon');
    expect(r.nextMilestone?.due).toBe('2022-06-30');
    expect(r.daysLeft).toBe(20);
  });
  it('puts ongoing measures apart unless a milestone is near', () => {
    const ongoing = deadline({ raw: '长期实施', kind: 'ongoing' });
    expect(classify({ deadline: ongoing, milestones: [] }, today)).toMatchObject({
      urgency: 'ongoing',
      nextDate: null,
    });
    expect(classify({ deadline: ongoing, milestones: [ms('2022-06-30')] }, today).urgency).toBe('dueSoon');
  });
  it('treats an open window as ongoing and a closed one as overdue', () => {
    const summer = deadline({
      raw: '6—9月',
      kind: 'period',
      start: '2022-06-01',
      end: '2022-09-30',
      due: '2022-09-30',
    });
    expect(classify({ deadline: summer, milestones: [] }, today).urgency).toBe('ongoing');
    expect(classify({ deadline: summer, milestones: [] }, '2022-10-01').urgency).toBe('overdue');
    expect(classify({ deadline: summer, milestones: [] }, '2022-03-01').urgency).toBe('later');
  });
});

describe('groupByUrgency', () => {
  it('orders each group by next date, then task and measure', () => {
    const items = [
      { task: 5, seq: 1, deadline: deadline({ due: '2022-12-31' }), milestones: [] },
      { task: 3, seq: 2, deadline: deadline({ due: '2022-09-30' }), milestones: [] },
      { task: 3, seq: 1, deadline: deadline({ due: '2022-09-30' }), milestones: [] },
      { task: 1, seq: 1, deadline: deadline({ due: '2022-01-31' }), milestones: [] },
    ];
    const g = groupByUrgency(items, '2022-06-10');
    expect(g.overdue.map((i) => i.task)).toEqual([1]);
    expect(g.later.map((i) => `${i.task}.${i.seq}`)).toEqual(['3.1', '3.2', '5.1']);
  });
});
