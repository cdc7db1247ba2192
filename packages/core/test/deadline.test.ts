import { describe, expect, it } from 'vitest';
import { readDeadline } from '../src/deadline/deadline.ts';
import { findDatePhrases } from '../src/deadline/phrases.ts';

const read = (s: string, year = 2022, dues: string[] = []) => readDeadline(s, year, dues);

describe('完成时限 (deadline cells)', () => {
  it.each([
    ['年底前', { kind: 'date', due: '2022-12-31' }],
    ['6月底前', { kind: 'date', due: '2022-06-30' }],
    ['6 月底前', { kind: 'date', due: '2022-06-30' }],
    ['2月底前', { kind: 'date', due: '2022-02-28' }],
    ['11月15日前', { kind: 'date', due: '2022-11-15' }],
    ['12月底前完成', { kind: 'date', due: '2022-12-31' }],
    ['2026年12月', { kind: 'date', due: '2026-12-31' }],
    ['2019年9月底前', { kind: 'date', due: '2019-09-30' }],
    ['2022年底前完成', { kind: 'date', due: '2022-12-31' }],
    ['2023年6月30日前', { kind: 'date', due: '2023-06-30' }],
    ['10月前', { kind: 'date', due: '2022-09-30' }],
    ['第三季度', { kind: 'date', due: '2022-09-30' }],
    ['上半年', { kind: 'date', due: '2022-06-30' }],
    ['长期实施', { kind: 'ongoing' }],
    ['持续推进', { kind: 'ongoing' }],
    ['长期坚持', { kind: 'ongoing' }],
    ['每季度', { kind: 'ongoing', recurrence: 'quarterly' }],
    ['每月', { kind: 'ongoing', recurrence: 'monthly' }],
    ['按时间节点完成', { kind: 'milestones', due: '2022-12-31' }],
    ['6—9月', { kind: 'period', start: '2022-06-01', end: '2022-09-30', due: '2022-09-30' }],
    ['夏季(6—9月)', { kind: 'period', start: '2022-06-01', end: '2022-09-30', due: '2022-09-30' }],
    ['夏季（6-9月）', { kind: 'period', start: '2022-06-01', end: '2022-09-30', due: '2022-09-30' }],
    ['全年', { kind: 'period', start: '2022-01-01', end: '2022-12-31', due: '2022-12-31' }],
    ['2022—2025年', { kind: 'period', start: '2022-01-01', end: '2025-12-31', due: '2025-12-31' }],
    ['2024年6月—9月', { kind: 'period', start: '2024-06-01', end: '2024-09-30', due: '2024-09-30' }],
    ['11月—次年3月', { kind: 'period', start: '2022-11-01', end: '2023-03-31', due: '2023-03-31' }],
    ['秋冬季', { kind: 'period', start: '2022-10-01', end: '2023-03-31', due: '2023-03-31' }],
    ['6月底前，年底前', { kind: 'milestones', due: '2022-12-31' }],
    ['2022.6.30', { kind: 'date', due: '2022-06-30' }],
    ['2022-06-30', { kind: 'date', due: '2022-06-30' }],
    ['2022/6/30', { kind: 'date', due: '2022-06-30' }],
    ['2022.12', { kind: 'date', due: '2022-12-31' }],
    ['本年底前', { kind: 'date', due: '2022-12-31' }],
    ['6月底前完成方案，年底前完成审核', { kind: 'milestones', due: '2022-12-31' }],
  ])('%s', (phrase, expected) => {
    const r = read(phrase);
    expect(r.readable).toBe(true);
    expect(r.deadline).toMatchObject(expected);
    expect(r.deadline.raw).toBe(phrase.replace(/(\d) 月/, '$1月'));
  });

  it('takes the year from the plan', () => {
    expect(read('年底前', 2030).deadline.due).toBe('2030-12-31');
    expect(read('6月底前', 2024).deadline.due).toBe('2024-06-30');
    expect(read('2月底前', 2024).deadline.due).toBe('2024-02-29');
  });

  it('is due at the latest milestone, and never before the year end, when it says 按时间节点完成', () => {
    expect(read('按时间节点完成', 2022, ['2022-06-30']).deadline.due).toBe('2022-12-31');
    expect(read('按时间节点完成', 2022, ['2023-06-30']).deadline.due).toBe('2023-06-30');
  });

  it.each(['及时', '尽快', '——', '', '2月30日前', '13月底前', '夏季', '2022.2.30', '2022/13'])(
    'cannot read %j and assumes the year end',
    (phrase) => {
      const r = read(phrase);
      expect(r.readable).toBe(false);
      expect(r.deadline).toMatchObject({ kind: 'date', due: '2022-12-31', assumed: true });
    },
  );
});

describe('date phrases in measure text (milestones)', () => {
  const dues = (s: string) => findDatePhrases(s, 2022).map((p) => `${p.raw}=${p.due}`);

  it('finds the phrases DOMAIN.md lists', () => {
    expect(dues('6月底前，制定方案；9月底前完成修订；年底前全面完成。')).toEqual([
      '6月底前=2022-06-30',
      '9月底前=2022-09-30',
      '年底前=2022-12-31',
    ]);
    expect(dues('11月15日前完成改造，2022年12月完成验收。')).toEqual([
      '11月15日前=2022-11-15',
      '2022年12月=2022-12-31',
    ]);
    expect(dues('2023年底前完成，次年3月底前验收，三季度末评估，6月中旬前报送。')).toEqual([
      '2023年底前=2023-12-31',
      '次年3月底前=2023-03-31',
      '三季度末=2022-09-30',
      '6月中旬前=2022-06-20',
    ]);
  });

  it('ignores years, starts, ranges, recurrences and spans', () => {
    expect(dues('2022年新建建筑中装配式建筑比例达到40%')).toEqual([]);
    expect(dues('自2022年6月起实施')).toEqual([]);
    expect(dues('夏季（6—9月）督促加油站错峰装卸油')).toEqual([]);
    expect(dues('每季度通报一次，五年内完成，3月15日至11月15日开展')).toEqual([]);
    expect(dues('“十四五”末全市力争累计推广')).toEqual([]);
    expect(dues('6月开展专项检查')).toEqual([]);
  });

  it('reads a year reached (到2020年) as its end, but not a baseline year or a month of that year', () => {
    expect(dues('到2020年，全市用水总量控制在11.88亿立方米以内')).toEqual(['到2020年=2020-12-31']);
    expect(dues('截至2024年累计完成改造')).toEqual(['截至2024年=2024-12-31']);
    expect(dues('用水量比2015年分别下降24%')).toEqual([]);
    expect(dues('到2020年上半年完成')).not.toContain('到2020年=2020-12-31');
  });
});

describe('deadlines as people write them', () => {
  const read = (cell: string, year = 2016) => readDeadline(cell, year);
  it('reads ranges, a year alone, 到/至 and a missing 月', () => {
    expect(read('2016—2017年底前').deadline).toMatchObject({
      kind: 'period',
      start: '2016-01-01',
      due: '2017-12-31',
    });
    expect(read('2023—2025年').deadline).toMatchObject({
      kind: 'period',
      start: '2023-01-01',
      due: '2025-12-31',
    });
    expect(read('2018年').deadline).toMatchObject({ kind: 'period', start: '2018-01-01', due: '2018-12-31' });
    expect(read('到2020年').deadline).toMatchObject({
      kind: 'period',
      start: '2020-01-01',
      due: '2020-12-31',
    });
    expect(read('到2020年底').deadline).toMatchObject({ kind: 'date', due: '2020-12-31' });
    expect(read('2016 年 6 底前').deadline).toMatchObject({ kind: 'date', due: '2016-06-30' });
    expect(read('2016 年 6 底前').readable).toBe(true);
  });
  it('reads 常态/常态化/长期/持续 as ongoing and 每年/每季度/每月 as recurring', () => {
    for (const cell of ['常态', '常态化', '常态工作', '常态化推进', '长期', '长期坚持', '持续', '持续推进'])
      expect(read(cell).deadline, cell).toEqual({ raw: cell, kind: 'ongoing' });
    expect(read('每年').deadline).toMatchObject({ kind: 'ongoing', recurrence: 'yearly' });
    expect(read('每季度').deadline).toMatchObject({ kind: 'ongoing', recurrence: 'quarterly' });
    expect(read('每月').deadline).toMatchObject({ kind: 'ongoing', recurrence: 'monthly' });
  });
  it('keeps a deadline counted from an event as one that needs a date, never a silent year end', () => {
    for (const cell of ['省出台文件后2个月', '项目批复后30日内', '国家出台政策后'])
      expect(read(cell), cell).toMatchObject({
        readable: false,
        relative: true,
        deadline: { raw: cell, relative: true, assumed: true },
      });
  });
});

describe('deadlines as people write them, continued (issue #8 §4)', () => {
  const dues = (s: string, year = 2019) => findDatePhrases(s, year).map((p) => `${p.raw}=${p.due}`);
  it('reads 到2020年6月底前 in the text as a date reached, but the end of a range as no due date', () => {
    expect(dues('到2020年6月底前，完成全部整改。')).toEqual(['2020年6月底前=2020-06-30']);
    expect(dues('全市各县区到2020年6月底前完成')).toEqual(['2020年6月底前=2020-06-30']);
    expect(dues('2019年6月至2020年6月开展专项整治')).toEqual([]);
    expect(readDeadline('到2020年6月底前', 2019).deadline).toMatchObject({ kind: 'date', due: '2020-06-30' });
  });
  it('reads 每年/每季度/每月 with a point in the period as recurring, not as this year’s end', () => {
    for (const [cell, recurrence] of [
      ['每年年底前', 'yearly'],
      ['每年12月底前', 'yearly'],
      ['每季度末', 'quarterly'],
      ['每季度报送', 'quarterly'],
      ['每月10日前', 'monthly'],
      ['每月底前上报', 'monthly'],
    ] as const)
      expect(readDeadline(cell, 2019).deadline, cell).toEqual({ raw: cell, kind: 'ongoing', recurrence });
    expect(dues('每年年底前报送工作总结，每季度末通报进展')).toEqual([]);
  });
  it('says it cannot read a recurrence it has no period for instead of assuming the year end silently', () => {
    for (const cell of ['每周', '每两年'])
      expect(readDeadline(cell, 2019), cell).toMatchObject({ readable: false, deadline: { assumed: true } });
  });
  it('reads a multi-year plan’s deadlines in their own years', () => {
    expect(readDeadline('2019年底前', 2018).deadline).toMatchObject({ kind: 'date', due: '2019-12-31' });
    expect(readDeadline('2018—2020年', 2018).deadline).toMatchObject({ kind: 'period', due: '2020-12-31' });
    expect(readDeadline('2018年底前完成试点，2020年底前全面推开', 2018).deadline).toMatchObject({
      kind: 'milestones',
      due: '2020-12-31',
    });
  });
});

describe('a 完成时限 cell that opens with the month (大竹: 9月投入使用)', () => {
  it('is due at the end of that month, whatever work follows', () => {
    expect(read('9月投入使用', 2016).deadline).toEqual({
      raw: '9月投入使用',
      kind: 'date',
      due: '2016-09-30',
    });
    expect(read('2017年3月建成', 2016).deadline).toMatchObject({ kind: 'date', due: '2017-03-31' });
    expect(read('9月份完成', 2016).deadline).toMatchObject({ kind: 'date', due: '2016-09-30' });
  });

  it('still reads starts, ranges and parts of a month as before', () => {
    expect(read('6月起实施', 2016)).toMatchObject({ readable: false });
    expect(read('9月至12月', 2016).deadline).toMatchObject({ kind: 'period', end: '2016-12-31' });
    expect(read('5月底前动工', 2016).deadline).toMatchObject({ kind: 'date', due: '2016-05-31' });
    expect(read('6月中旬完成', 2016).deadline).toMatchObject({ kind: 'date', due: '2016-06-20' });
    expect(read('6月中旬开工', 2016).deadline).toMatchObject({ kind: 'date', due: '2016-06-20' });
    expect(read('10月前开工', 2016).deadline).toMatchObject({ kind: 'date', due: '2016-09-30' });
  });
});
