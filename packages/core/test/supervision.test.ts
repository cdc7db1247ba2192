import { describe, expect, it } from 'vitest';
import {
  type AssignmentFacts,
  assignmentProgress,
  assignmentStatus,
  combineLights,
  type Deadline,
  periodOf,
  periodsBetween,
  periodsToReport,
  type ReportingSettings,
  reasonText,
  remindersDue,
  targetProgress,
} from '../src/index.ts';

const monthly: ReportingSettings = { cycle: 'monthly', dueDay: 25, start: '2022-01-01' };
const june: Deadline = { raw: '6月底前', kind: 'date', due: '2022-06-30' };
const ongoing: Deadline = { raw: '长期实施', kind: 'ongoing' };
const monthlyReports = (upTo: number, status: 'on_track' | 'done' = 'on_track') =>
  Array.from({ length: upTo }, (_, i) => ({
    period: `2022-${String(i + 1).padStart(2, '0')}`,
    state: 'submitted' as const,
    status,
  }));

describe('reporting periods', () => {
  it('cuts months, half-months and quarters with their due days', () => {
    expect(periodOf('2022-02-10', monthly)).toEqual({
      key: '2022-02',
      start: '2022-02-01',
      end: '2022-02-28',
      due: '2022-02-25',
    });
    expect(periodOf('2022-02-10', { cycle: 'monthly', dueDay: 31 }).due).toBe('2022-02-28');
    expect(periodOf('2022-02-20', { cycle: 'biweekly', dueDay: 25 })).toEqual({
      key: '2022-02-H2',
      start: '2022-02-16',
      end: '2022-02-28',
      due: '2022-02-28',
    });
    expect(periodOf('2022-05-01', { cycle: 'quarterly', dueDay: 25 })).toEqual({
      key: '2022-Q2',
      start: '2022-04-01',
      end: '2022-06-30',
      due: '2022-06-25',
    });
    expect(periodsBetween('2022-01-01', '2022-12-31', monthly)).toHaveLength(12);
    expect(periodsBetween('2022-01-01', '2022-12-31', { cycle: 'biweekly', dueDay: 25 })).toHaveLength(24);
  });

  it('hands every caller its own list of the (remembered) periods', () => {
    const first = periodsBetween('2022-01-01', '2022-06-30', monthly);
    first.pop();
    first.push({ key: 'x', start: 'x', end: 'x', due: 'x' });
    const again = periodsBetween('2022-01-01', '2022-06-30', monthly);
    expect(again.map((p) => p.key)).toEqual([
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
    ]);
    expect(Object.isFrozen(again[0])).toBe(true);
    expect(periodsBetween('2022-07-01', '2022-06-30', monthly)).toEqual([]);
  });

  it('asks ongoing measures every period, windowed ones in their window, dated ones until closed', () => {
    const keys = (d: Deadline, asOf: string, closed?: string) =>
      periodsToReport(d, 2022, monthly, asOf, closed).map((p) => p.key);
    expect(keys(ongoing, '2022-12-31')).toHaveLength(12);
    expect(
      keys(
        { raw: '6—9月', kind: 'period', start: '2022-06-01', end: '2022-09-30', due: '2022-09-30' },
        '2022-12-31',
      ),
    ).toEqual(['2022-06', '2022-07', '2022-08', '2022-09']);
    expect(keys(june, '2022-08-10')).toEqual([
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
    ]);
    expect(keys(june, '2022-08-10', '2022-07-05')).toHaveLength(7);
  });
});

describe('lights and reasons', () => {
  const status = (facts: Partial<AssignmentFacts>, asOf: string) =>
    assignmentStatus({ deadline: june, milestones: [], reports: [], ...facts }, 2022, monthly, asOf);

  it('is yellow a week before an open deadline and red the day after it passed', () => {
    const facts = { reports: monthlyReports(5) };
    expect(status(facts, '2022-06-20').light).toBe('green');
    const soon = status(facts, '2022-06-25');
    expect(soon.light).toBe('yellow');
    expect(soon.reasons.map((r) => r.code)).toEqual(['DEADLINE_DUE_SOON']);
    const late = status({ reports: monthlyReports(6) }, '2022-07-01');
    expect(late.light).toBe('red');
    expect(late.reasons[0]).toMatchObject({ code: 'DEADLINE_OVERDUE', due: '2022-06-30' });
    expect(reasonText(late.reasons[0], 'en')).toBe(
      'the deadline 6月底前 passed on 2022-06-30 without completion',
    );
  });

  it('turns a passed milestone red unless it was reached', () => {
    const facts = {
      deadline: { raw: '按时间节点完成', kind: 'milestones', due: '2022-12-31' } as Deadline,
      milestones: [{ due: '2022-06-30', raw: '6月底前' }],
      reports: monthlyReports(6),
    };
    const red = status(facts, '2022-07-01');
    expect(red.light).toBe('red');
    expect(red.reasons[0]).toMatchObject({ code: 'MILESTONE_OVERDUE', due: '2022-06-30' });
    expect(reasonText(red.reasons[0], 'en')).toBe(
      'the 6月底前 milestone passed on 2022-06-30 without completion',
    );
    const reached = status(
      { ...facts, milestones: [{ due: '2022-06-30', raw: '6月底前', reachedOn: '2022-06-28' }] },
      '2022-07-01',
    );
    expect(reached.light).toBe('green');
  });

  it('is done once closed, and not overdue once reported done', () => {
    expect(status({ closedOn: '2022-06-28' }, '2022-07-01').light).toBe('done');
    const reportedDone = status(
      { reports: [...monthlyReports(5), { period: '2022-06', state: 'submitted', status: 'done' }] },
      '2022-07-01',
    );
    expect(reportedDone.reasons.map((r) => r.code)).toEqual([]);
    expect(reportedDone.completed).toBe(true);
  });

  it('moves the due date with an approved extension and says so', () => {
    const s = status({ extendedDue: '2022-09-30', reports: monthlyReports(6) }, '2022-07-01');
    expect(s.light).toBe('green');
    const late = status({ extendedDue: '2022-09-30', reports: monthlyReports(9) }, '2022-10-01');
    expect(reasonText(late.reasons[0], 'zh')).toBe(
      '延期后的完成时限（原为“6月底前”）已于 2022-09-30 到期，尚未完成',
    );
  });

  it('never turns an ongoing measure red for lack of a final date, but does for a missing report', () => {
    expect(status({ deadline: ongoing, reports: monthlyReports(12) }, '2022-12-31').light).toBe('green');
    const missing = status({ deadline: ongoing, reports: monthlyReports(5) }, '2022-06-26');
    expect(missing.light).toBe('yellow');
    expect(missing.reasons).toMatchObject([{ code: 'REPORT_MISSING', period: '2022-06', due: '2022-06-25' }]);
    const overdue = status({ deadline: ongoing, reports: monthlyReports(5) }, '2022-07-06');
    expect(overdue.light).toBe('red');
    expect(overdue.reasons.map((r) => r.code)).toEqual(['REPORT_OVERDUE']);
    // On its due day the report is not yet missing.
    expect(status({ deadline: ongoing, reports: monthlyReports(5) }, '2022-06-25').light).toBe('green');
  });

  it('is red while a returned report is not resubmitted; a draft does not count', () => {
    const returned = status(
      {
        deadline: ongoing,
        reports: [...monthlyReports(5), { period: '2022-06', state: 'returned', status: 'on_track' }],
      },
      '2022-06-20',
    );
    expect(returned.reasons.map((r) => r.code)).toEqual(['REPORT_RETURNED']);
    const resubmitted = status(
      {
        deadline: ongoing,
        reports: [
          ...monthlyReports(5),
          { period: '2022-06', state: 'returned', status: 'on_track' },
          { period: '2022-06', state: 'submitted', status: 'on_track' },
        ],
      },
      '2022-06-27',
    );
    expect(resubmitted.light).toBe('green');
    for (const state of ['draft', 'pending_signoff'] as const) {
      const unsent = status(
        {
          deadline: ongoing,
          reports: [...monthlyReports(5), { period: '2022-06', state, status: 'on_track' }],
        },
        '2022-06-27',
      );
      expect(unsent.reasons.map((r) => r.code)).toEqual(['REPORT_MISSING']);
    }
  });

  it('combines lights upward', () => {
    expect(combineLights(['green', 'yellow', 'done'])).toBe('yellow');
    expect(combineLights(['green', 'red'])).toBe('red');
    expect(combineLights(['done', 'done'])).toBe('done');
    expect(combineLights(['done', 'green'])).toBe('green');
  });
});

describe('progress', () => {
  it('measures a target from its baseline, in its direction', () => {
    expect(targetProgress({ comparison: 'at_least', target: 180, value: 90 })).toBe(0.5);
    expect(targetProgress({ comparison: 'at_least', target: 180, value: 200 })).toBe(1);
    expect(targetProgress({ comparison: 'at_least', target: 40, baseline: 30, value: 35 })).toBe(0.5);
    expect(targetProgress({ comparison: 'at_most', target: 35, baseline: 45, value: 40 })).toBe(0.5);
    expect(targetProgress({ comparison: 'at_most', target: 35, value: 34 })).toBe(1);
    expect(targetProgress({ comparison: 'reduce_by', target: 10, value: 4 })).toBeCloseTo(0.4);
    expect(targetProgress({ comparison: 'about', target: 5, value: 5.3 })).toBe(1);
    expect(targetProgress({ comparison: 'about', target: 5, baseline: 7, value: 6 })).toBe(0.5);
    expect(targetProgress({ comparison: 'at_least', target: 180 })).toBe(0);
  });

  it('weights targets and milestones equally', () => {
    expect(assignmentProgress({ targets: [0.5], milestonesDone: [true, false], done: false })).toBe(0.5);
    expect(assignmentProgress({ targets: [], milestonesDone: [], done: true })).toBe(1);
    expect(assignmentProgress({ targets: [], milestonesDone: [], done: false })).toBe(0);
  });
});

describe('reminders', () => {
  const input = {
    assignmentKey: 'a1',
    dates: [{ kind: 'milestone' as const, due: '2022-06-30', label: '6月底前' }],
    lateReports: [],
  };
  const keysOn = (asOf: string) => remindersDue(input, asOf).map((r) => r.key);

  it('owes one reminder per offset as its day comes, and none after the date', () => {
    expect(keysOn('2022-06-22')).toEqual([]);
    expect(keysOn('2022-06-23')).toEqual(['a1:milestone:2022-06-30:7']);
    expect(keysOn('2022-06-25')).toEqual(['a1:milestone:2022-06-30:7']);
    expect(keysOn('2022-06-27')).toEqual(['a1:milestone:2022-06-30:3']);
    expect(keysOn('2022-06-29')).toEqual(['a1:milestone:2022-06-30:1']);
    expect(keysOn('2022-07-01')).toEqual([]);
  });

  it('sends every offset once over a daily run, and catches up after a missed day', () => {
    const sent = new Set<string>();
    for (let d = 20; d <= 30; d++) for (const k of keysOn(`2022-06-${d}`)) sent.add(k);
    expect([...sent]).toEqual([
      'a1:milestone:2022-06-30:7',
      'a1:milestone:2022-06-30:3',
      'a1:milestone:2022-06-30:1',
    ]);
  });

  it('reminds once per late report', () => {
    const r = remindersDue(
      { assignmentKey: 'a1', dates: [], lateReports: [periodOf('2022-06-01', monthly)] },
      '2022-06-26',
    );
    expect(r).toEqual([
      {
        key: 'a1:report:2022-06',
        kind: 'report_missing',
        due: '2022-06-25',
        sendOn: '2022-06-26',
        period: '2022-06',
        subject: '2022-06',
      },
    ]);
  });
});
