import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isAdditiveUnit,
  type Measure,
  measureCarriers,
  type Plan,
  parsePlan,
  targetLight,
  targetScope,
} from '../src/index.ts';
import { extractTargets } from '../src/targets/targets.ts';
import { cleanText } from '../src/text/clean.ts';
import { fixture, seedPlan } from './helpers.ts';

const GROUP = { units: 0, groups: 1 };
const ONE = { units: 1, groups: 0 };

/** The rule applied to the only target written in `text`. */
const scopeOf = (text: string, carriers = GROUP) => {
  const [t] = extractTargets(cleanText(text).text);
  if (!t) throw new Error(`no target in ${text}`);
  return targetScope({ ...t, carriers });
};

/** Every target of a parsed plan, as `task.seq value+unit → city|unit reason`. */
function decisions(plan: Plan): string[] {
  const mentions = (m: Measure) =>
    (['lead', 'responsible'] as const).flatMap((role) => m.units[role].map((u) => ({ role, kind: u.kind })));
  return plan.measures.flatMap((m) =>
    m.targets.map((t) => {
      const s = targetScope({ ...t, carriers: measureCarriers(mentions(m)) });
      return `${m.task}.${m.seq} ${t.value}${t.unit} → ${s.cityWide ? 'city' : 'unit'} ${s.reason}`;
    }),
  );
}

describe('whose target: the whole city or each unit (targetScope)', () => {
  it.each([
    ['全年检测量不低于 230 组', '全年'],
    ['共完成8000户以上散煤清洁能源替代', '共完成'],
    ['全市用水总量控制在11.88亿立方米以内', '全市'],
    ['对标“十四五”末全市力争累计推广新能源汽车200万辆的任务要求', '全市'],
    ['各区政府共计完成燃气锅炉低氮改造300蒸吨', '共计'],
    ['年内累计淘汰老旧机动车2万辆', '累计'],
    ['完成更新改造总量不少于1500台', '总量'],
  ])('a total for several carriers: %s', (text, cue) => {
    expect(scopeOf(text)).toEqual({ cityWide: true, reason: 'TOTAL_WORDING', cue });
  });

  it.each([
    ['每个区完成不少于 20 家企业的执法检查', 'EACH_WORDING'],
    ['各区分别完成燃气锅炉低氮改造不少于 30 蒸吨', 'EACH_WORDING'],
    ['每区全年建设充电桩不少于 500 个', 'EACH_WORDING'],
    ['各区全年抽检均不少于 50 组', 'EACH_WORDING'],
    ['每个项目在施工期内力争至少抽检1次', 'EACH_WORDING'],
    ['各区降尘量控制在5吨/平方公里·月左右', 'NOT_ADDITIVE'],
    ['全年抽检覆盖率达到10%', 'NOT_ADDITIVE'],
    ['优良天数达到280天以上', 'NOT_ADDITIVE'],
    ['全年力争VOCs排放量同比减少10%', 'NOT_ADDITIVE'],
    ['上半年完成公交车电动化更新1500辆以上', 'NO_TOTAL_WORDING'],
    ['各区完成清洁生产审核 30 家', 'EACH_WORDING'],
    ['推进共享单车停放治理，新增停放区 300 处', 'NO_TOTAL_WORDING'],
  ])('each unit for several carriers: %s', (text, reason) => {
    expect(scopeOf(text).cityWide).toBe(false);
    expect(scopeOf(text).reason).toBe(reason);
  });

  it('a total carried by one unit is that unit’s own', () => {
    expect(scopeOf('全年新增新能源汽车不少于20万辆', ONE)).toEqual({
      cityWide: false,
      reason: 'SINGLE_CARRIER',
    });
    expect(scopeOf('全年新增新能源汽车不少于20万辆', { units: 2, groups: 0 }).cityWide).toBe(true);
  });

  it('adds up counts, volumes and money, not rates, intensities or days', () => {
    expect(['组', '户', '万辆次', '蒸吨', '亿立方米', '万元'].map(isAdditiveUnit)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['%', '‰', '个百分点', '天', '吨/平方公里·月', '微克/立方米'].map(isAdditiveUnit)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('carriers are the responsible cell, or the lead cell when there is none', () => {
    expect(
      measureCarriers([
        { role: 'lead', kind: 'unit' },
        { role: 'lead', kind: 'unit' },
        { role: 'responsible', kind: 'group' },
      ]),
    ).toEqual({ units: 0, groups: 1 });
    expect(
      measureCarriers([
        { role: 'lead', kind: 'unit' },
        { role: 'lead', kind: 'unknown' },
        { role: 'assisting', kind: 'group' },
      ]),
    ).toEqual({ units: 2, groups: 0 });
  });

  it('decides every target of the 2022 Beijing plan (seed)', () => {
    expect(decisions(seedPlan())).toEqual([
      '3.1 200万辆 → city TOTAL_WORDING',
      '5.2 180万辆次 → city TOTAL_WORDING',
      '7.2 8000户 → city TOTAL_WORDING',
      '9.1 10% → unit NOT_ADDITIVE',
      '9.1 1次 → unit EACH_WORDING',
      '9.2 230组 → city TOTAL_WORDING',
      '10.1 10% → unit NOT_ADDITIVE',
      '10.1 2% → unit NOT_ADDITIVE',
      '10.3 50家 → unit NO_TOTAL_WORDING',
      '10.4 50家 → unit SINGLE_CARRIER',
      '13.1 5吨/平方公里·月 → unit NOT_ADDITIVE',
      '16.1 40% → unit NOT_ADDITIVE',
      '16.2 100% → unit NOT_ADDITIVE',
      '20.1 2% → unit NOT_ADDITIVE',
    ]);
  });

  it('decides the targets of another year and of other provinces’ plans (fixtures)', () => {
    expect(decisions(parsePlan(readFileSync(fixture('beijing-2023.tsv'))))).toEqual([
      '1.1 1500辆 → unit NO_TOTAL_WORDING',
      '1.2 20万辆 → unit SINGLE_CARRIER',
      '2.1 200万辆次 → city TOTAL_WORDING',
      '2.1 100% → unit NOT_ADDITIVE',
      '2.2 10个 → unit SINGLE_CARRIER',
      '3.1 5% → unit NOT_ADDITIVE',
      '3.2 300蒸吨 → unit NO_TOTAL_WORDING',
      '4.1 100% → unit NOT_ADDITIVE',
      '5.1 1% → unit NOT_ADDITIVE',
    ]);
    const river = decisions(
      parsePlan(readFileSync(fixture('plans/henan-pingdingshan-river-chief-2018.tsv'))),
    );
    expect(river).toEqual([
      '1.1 11.88亿立方米 → city TOTAL_WORDING',
      '2.1 24% → unit EACH_WORDING',
      '2.1 25% → unit EACH_WORDING',
    ]);
  });
});

describe('the light of one target (targetLight)', () => {
  const at = (
    progress: number,
    asOf: string,
    comparison: 'at_least' | 'at_most' = 'at_least',
    reported = true,
  ) => targetLight({ comparison, progress, reported, start: '2022-01-01', due: '2022-12-31', asOf });

  it('paces a count against the time gone', () => {
    expect(at(0.5, '2022-07-01')).toBe('green');
    expect(at(0.4, '2022-07-01')).toBe('yellow');
    expect(at(0.3, '2022-07-01')).toBe('red');
    expect(at(0, '2022-01-01')).toBe('green');
    expect(at(1, '2023-03-01')).toBe('green');
    expect(at(0.99, '2023-01-01')).toBe('red');
  });

  it('keeps a limit green while it holds', () => {
    expect(at(1, '2022-07-01', 'at_most')).toBe('green');
    expect(at(0, '2022-07-01', 'at_most')).toBe('red');
    expect(at(0, '2022-07-01', 'at_most', false)).toBe('green');
  });
});
