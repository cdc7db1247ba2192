import { DEFAULT_STATUS_RULES } from '@lantian/core';
import { describe, expect, it } from 'vitest';
import { type AssignmentFactsRow, computeStatus, recheckOn } from './compute.ts';

const settings = { cycle: 'monthly' as const, dueDay: 25, start: '2022-01-01' };
const base: AssignmentFactsRow = {
  id: 'a',
  planId: 'p',
  measureId: 'm',
  unitId: 'u',
  role: 'responsible',
  taskNo: 1,
  seq: 1,
  deadline: { raw: '年底前', kind: 'date', due: '2022-12-31' },
  milestones: [{ id: 'm1', due: '2022-06-30', raw: '6月底前' }],
  targets: [{ id: 't1', value: 100, comparison: 'at_least' }],
  reports: ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05'].map((period) => ({
    period,
    state: 'accepted' as const,
    status: 'on_track' as const,
    milestonesReached: [],
    targetValues: [{ targetId: 't1', value: 40 }],
  })),
  extensions: [],
  closedOn: null,
};
const next = (f: AssignmentFactsRow, asOf: string, days = [7, 3, 1]) =>
  recheckOn(
    f,
    computeStatus(f, 2022, settings, asOf, DEFAULT_STATUS_RULES),
    2022,
    settings,
    asOf,
    DEFAULT_STATUS_RULES,
    days,
  );

describe('the next day a status can change with time alone', () => {
  it('is the earliest of reminder days, due-soon windows, due dates and report days', () => {
    // 10 June: the 7-day reminder and the due-soon window for 30 June both start on the 23rd.
    expect(next(base, '2022-06-10')).toBe('2022-06-23');
    expect(next(base, '2022-06-10', [15])).toBe('2022-06-15');
    // Inside the window the reasons are facts (no day counts): the next change is the June report
    // day passing (the 26th), then the 3-day reminder (the 27th).
    expect(next(base, '2022-06-24')).toBe('2022-06-26');
    expect(next(base, '2022-06-26')).toBe('2022-06-27');
    // After the plan period, unfinished work is marked once and nothing changes any more.
    expect(next(base, '2023-01-01')).toBe('2023-01-05');
    expect(next(base, '2023-01-05')).toBeNull();
  });

  it('skips what is done: reached milestones, delivered reports; closed assignments never change', () => {
    const reached = {
      ...base,
      reports: [
        ...base.reports,
        {
          period: '2022-06',
          state: 'submitted' as const,
          status: 'on_track' as const,
          milestonesReached: [{ milestoneId: 'm1', reachedOn: '2022-06-20' }],
          targetValues: [],
        },
      ],
    };
    // June delivered, milestone reached: next is the July report day passing (26 July).
    expect(next(reached, '2022-06-21')).toBe('2022-07-26');
    expect(next({ ...base, closedOn: '2022-06-01' }, '2022-06-10')).toBeNull();
  });

  it('measures progress from the latest signed-off values and reached milestones', () => {
    const s = computeStatus(base, 2022, settings, '2022-06-10', DEFAULT_STATUS_RULES);
    expect(s.progress).toBe(0.2);
    expect(s.nextDue).toBe('2022-06-30');
    expect(s.lastPeriod).toBe('2022-05');
  });
});

describe('a share of a city-wide target in the light', () => {
  // 40 of a share of 50 (80 %), no milestones, every month reported: only the pace can change the light.
  const share: AssignmentFactsRow = {
    ...base,
    milestones: [],
    reports: Array.from({ length: 12 }, (_, m) => ({
      ...(base.reports[0] as AssignmentFactsRow['reports'][number]),
      period: `2022-${String(m + 1).padStart(2, '0')}`,
    })),
    targets: [{ id: 't1', value: 500, comparison: 'at_least', cityWide: true, share: 50 }],
  };
  const lightOn = (day: string) => computeStatus(share, 2022, settings, day, DEFAULT_STATUS_RULES).light;
  const days = (from: string, to: string) => {
    const out: string[] = [];
    for (
      let d = new Date(`${from}T00:00:00Z`);
      d <= new Date(`${to}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    )
      out.push(d.toISOString().slice(0, 10));
    return out;
  };

  it('is green on pace, yellow then red as the year overtakes it, and nothing without a share', () => {
    expect(lightOn('2022-06-10')).toBe('green');
    expect(lightOn('2022-11-10')).toBe('yellow');
    const late = computeStatus(share, 2022, settings, '2022-12-31', DEFAULT_STATUS_RULES);
    expect(late.reasons).toContainEqual(
      expect.objectContaining({
        code: 'TARGET_SHARE_BEHIND',
        light: 'yellow',
        subject: '50',
        due: '2022-12-31',
      }),
    );
    const none = {
      ...share,
      targets: [{ ...(share.targets[0] as NonNullable<(typeof share.targets)[number]>), share: null }],
    };
    expect(
      computeStatus(none, 2022, settings, '2022-12-31', DEFAULT_STATUS_RULES).reasons.map((r) => r.code),
    ).not.toContain('TARGET_SHARE_BEHIND');
  });

  it('is rechecked no later than the day the pace changes it', () => {
    // Walk the year: from each day, the light stays until the recheck day.
    for (const day of days('2022-06-01', '2022-12-30')) {
      const s = computeStatus(share, 2022, settings, day, DEFAULT_STATUS_RULES);
      const again = recheckOn(share, s, 2022, settings, day, DEFAULT_STATUS_RULES, [7, 3, 1]);
      const until = days(day, again ?? '2022-12-31').slice(1, -1);
      for (const d of until) expect(lightOn(d), `${day} → ${d} (recheck ${again})`).toBe(s.light);
    }
  });
});
