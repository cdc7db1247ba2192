import type { Deadline } from '@lantian/contract';
import { describe, expect, it } from 'vitest';
import { currentPeriod } from './workStatus.ts';

const deadline = (d: Partial<Deadline>): Deadline => ({
  raw: '年底前',
  kind: 'date',
  due: '2022-12-31',
  start: null,
  end: null,
  recurrence: null,
  assumed: false,
  ...d,
});
const monthly = { cycle: 'monthly' as const, dueDay: 25, start: '2022-01-01' };

describe('currentPeriod', () => {
  it('is the last period of the plan once the plan period is over, not the month of today', () => {
    const p = currentPeriod(
      { deadline: deadline({ raw: '11月15日前', due: '2022-11-15' }), planYear: 2022 },
      { ...monthly, periodEnd: '2022-12-31' },
      { lastPeriod: '2022-10', lastState: 'accepted', closedOn: null },
      '2026-12-01',
    );
    expect(p).toMatchObject({ key: '2022-12', due: '2022-12-25', late: true });
    const longer = currentPeriod(
      { deadline: deadline({ kind: 'ongoing', raw: '长期实施', due: null }), planYear: 2022 },
      { ...monthly, periodEnd: '2023-06-30' },
      undefined,
      '2026-12-01',
    );
    expect(longer?.key).toBe('2023-06');
  });

  it('is the month of today, with the state when it is the latest reported', () => {
    const p = currentPeriod(
      { deadline: deadline({}), planYear: 2022 },
      monthly,
      { lastPeriod: '2022-06', lastState: 'draft', closedOn: null },
      '2022-06-10',
    );
    expect(p).toEqual({ key: '2022-06', due: '2022-06-25', state: 'draft', late: false });
  });

  it('is not reported yet when the latest report is of an earlier period, and late after the due day', () => {
    const p = currentPeriod(
      { deadline: deadline({}), planYear: 2022 },
      monthly,
      { lastPeriod: '2022-05', lastState: 'accepted', closedOn: null },
      '2022-06-26',
    );
    expect(p).toMatchObject({ key: '2022-06', state: null, late: true });
  });

  it('stops at the end of a window and before the reporting start', () => {
    const summer = deadline({ raw: '6—9月', kind: 'period', start: '2022-06-01', end: '2022-09-30' });
    expect(currentPeriod({ deadline: summer, planYear: 2022 }, monthly, undefined, '2022-11-02')?.key).toBe(
      '2022-09',
    );
    expect(currentPeriod({ deadline: summer, planYear: 2022 }, monthly, undefined, '2022-05-02')).toBeNull();
  });

  it('stops at the closure date', () => {
    const p = currentPeriod(
      { deadline: deadline({}), planYear: 2022 },
      monthly,
      { lastPeriod: '2022-03', lastState: 'accepted', closedOn: '2022-03-20' },
      '2022-08-01',
    );
    expect(p).toMatchObject({ key: '2022-03', state: 'accepted', late: false });
  });
});
