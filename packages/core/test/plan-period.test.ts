import { describe, expect, it } from 'vitest';
import {
  assignmentStatus,
  type Deadline,
  periodsToReport,
  type ReportingSettings,
  reasonText,
} from '../src/index.ts';

const monthly: ReportingSettings = { cycle: 'monthly', dueDay: 25, start: '2022-01-01' };
const nov: Deadline = { raw: '11月15日前', kind: 'date', due: '2022-11-15' };
const ongoing: Deadline = { raw: '长期实施', kind: 'ongoing' };
const delivered = (months: number[]) =>
  months.map((m) => ({
    period: `2022-${String(m).padStart(2, '0')}`,
    state: 'submitted' as const,
    status: 'on_track' as const,
  }));

describe('the plan period bounds reporting', () => {
  it('owes no report after the period ends, whatever the day', () => {
    const owed = periodsToReport(nov, 2022, monthly, '2026-12-01');
    expect(owed.map((p) => p.key)).toHaveLength(12);
    expect(owed.at(-1)?.key).toBe('2022-12');
    // A multi-year plan sets its own end.
    const twoYears = { ...monthly, end: '2023-12-31' };
    expect(periodsToReport(ongoing, 2022, twoYears, '2026-12-01')).toHaveLength(24);
  });

  it('marks unfinished work 未按期完成 once, with its date, after the period', () => {
    const facts = {
      deadline: nov,
      milestones: [{ due: '2022-06-30', raw: '6月底前' }],
      reports: delivered([1, 2, 3]),
    };
    const in2026 = assignmentStatus(facts, 2022, monthly, '2026-12-01');
    const in2023 = assignmentStatus(facts, 2022, monthly, '2023-01-02');
    expect(in2026).toEqual(in2023);
    expect(in2026.light).toBe('red');
    expect(in2026.reasons.filter((r) => r.code === 'UNFINISHED')).toEqual([
      { code: 'UNFINISHED', light: 'red', due: '2022-11-15', to: '2022-12-31' },
    ]);
    // The missing reports are one folded fact, not one per month.
    expect(in2026.reasons.filter((r) => r.code.startsWith('REPORT_'))).toEqual([
      {
        code: 'REPORT_OVERDUE',
        light: 'red',
        due: '2022-04-25',
        period: '2022-12',
        from: '2022-04',
        to: '2022-12',
        count: 9,
      },
    ]);
    expect(in2026.reasons).toHaveLength(2);
  });

  it('is not unfinished when reported done, nor before an extension beyond the period', () => {
    const done = assignmentStatus(
      {
        deadline: nov,
        milestones: [],
        reports: [...delivered([1]), { period: '2022-02', state: 'accepted', status: 'done' }],
      },
      2022,
      monthly,
      '2023-03-01',
    );
    expect(done.reasons.some((r) => r.code === 'UNFINISHED')).toBe(false);
    const extended = assignmentStatus(
      {
        deadline: nov,
        extendedDue: '2023-03-31',
        milestones: [],
        reports: delivered([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
      },
      2022,
      monthly,
      '2023-02-01',
    );
    expect(extended.light).toBe('green');
  });

  it('stores facts that do not change from day to day; the words count days at read time', () => {
    const facts = { deadline: ongoing, milestones: [], reports: delivered([1, 2]) };
    const a = assignmentStatus(facts, 2022, monthly, '2022-08-10');
    const b = assignmentStatus(facts, 2022, monthly, '2022-08-11');
    expect(a).toEqual(b);
    const r = a.reasons[0];
    if (!r) throw new Error('a reason');
    expect(reasonText(r, 'zh')).toBe('2022-03 至 2022-07 共 5 期进展报告未报');
    expect(reasonText(r, 'zh', '2022-08-10')).toBe(
      '2022-03 至 2022-07 共 5 期进展报告未报，最早一期已逾期 138 天',
    );
    expect(reasonText(r, 'en', '2022-08-10')).toBe(
      '5 progress reports from 2022-03 to 2022-07 not delivered, the first 138 days late',
    );
    const one = assignmentStatus(
      { ...facts, reports: delivered([1, 2, 3, 4, 5, 6]) },
      2022,
      monthly,
      '2022-07-30',
    );
    expect(reasonText(one.reasons[0] as never, 'zh', '2022-07-30')).toBe(
      '2022-07 期进展报告应于 2022-07-25 前报送，已逾期 5 天未报',
    );
    expect(reasonText({ code: 'UNFINISHED', due: '2022-11-15', to: '2022-12-31' }, 'zh')).toBe(
      '未按期完成（应于 2022-11-15 完成，计划期至 2022-12-31 结束）',
    );
  });
});
