import { describe, expect, it } from 'vitest';
import { beijingDirectory, indexDirectory, type Plan, ROLES } from '../src/index.ts';
import { assertInvariants, measure, seedPlan } from './helpers.ts';

const index = indexDirectory(beijingDirectory);

describe('the 2022 Beijing plan (seed)', () => {
  const plan = seedPlan();

  it('has its title, year, 6 sections, 24 tasks and 60 measures', () => {
    expect(plan.title).toBe('大气污染防治2022年行动计划');
    expect(plan.year).toBe(2022);
    expect(plan.preamble).toEqual(['附件2']);
    expect(plan.sections.map((s) => `${s.ordinal}、${s.title}`)).toEqual([
      '一、主要目标',
      '二、实施氮氧化物减排专项行动',
      '三、实施挥发性有机物（VOCs）专项治理行动',
      '四、提升城市环境精细化管控水平',
      '五、推进区域大气污染联防联控',
      '六、推进大气环境治理现代化',
    ]);
    expect(plan.tasks).toHaveLength(24);
    expect(plan.measures).toHaveLength(60);
    expect(plan.tasks.map((t) => t.no)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('puts every task in its section and merges page-break repeats', () => {
    const bySection = (o: string) => plan.tasks.filter((t) => t.section === o).map((t) => t.no);
    expect(bySection('一')).toEqual([1, 2]);
    expect(bySection('二')).toEqual([3, 4, 5, 6, 7]);
    expect(bySection('三')).toEqual([8, 9, 10, 11, 12]);
    expect(bySection('四')).toEqual([13, 14, 15, 16, 17]);
    expect(bySection('五')).toEqual([18, 19, 20]);
    expect(bySection('六')).toEqual([21, 22, 23, 24]);
    // Task 9 repeats as `推进低 VOCs 含量产品源头替代` after a page break: the same task, no rename warning.
    expect(plan.tasks[8].name).toBe('推进低VOCs含量产品源头替代');
    expect(plan.tasks[6].name).toBe('削减固定源NOx排放');
    expect(plan.warnings.filter((w) => w.code === 'TASK_RENAMED')).toEqual([]);
    const perTask = plan.tasks.map((t) => plan.measures.filter((m) => m.task === t.no).length);
    expect(perTask).toEqual([1, 1, 8, 1, 5, 2, 3, 1, 2, 6, 5, 3, 2, 3, 3, 5, 2, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('reads task 3 measure 1 as in the interface example', () => {
    const m = measure(plan, 3, 1);
    expect(m.lines).toEqual([14]);
    expect(m.deadline).toEqual({ raw: '按时间节点完成', kind: 'milestones', due: '2022-12-31' });
    expect(m.lead).toEqual(['市经济和信息化局']);
    expect(m.units.lead[0].actingAs).toBe('市新能源汽车联席会议办公室');
    expect(m.responsible).toEqual(['市新能源汽车联席会议成员单位', '各区政府']);
    expect(m.assisting).toEqual([]);
    expect(m.assistingEtAl).toBe(false);
    expect(m.milestones.map((x) => [x.due, x.raw])).toEqual([
      ['2022-06-30', '6月底前'],
      ['2022-12-31', '年底前'],
    ]);
    expect(m.milestones[0].text).toMatch(/^6月底前，市新能源汽车联席会议办公室牵头.*明确目标措施。$/);
    expect(m.milestones[1].text).toBe(
      '按照早实施、早见效的原则，年底前组织相关部门力争实现配套措施、鼓励政策应出尽出。',
    );
    expect(m.targets).toEqual([
      {
        value: 200,
        unit: '万辆',
        comparison: 'at_least',
        yearOnYear: false,
        text: '对标“十四五”末全市力争累计推广新能源汽车200万辆的任务要求',
      },
    ]);
  });

  it('reads the first task with its lead group and an "and others" assisting list', () => {
    const m = measure(plan, 1, 1);
    expect(m.text).toBe('尽最大努力巩固空气质量改善成效。');
    expect(m.deadline).toEqual({ raw: '年底前', kind: 'date', due: '2022-12-31' });
    expect(m.lead).toEqual(['市生态环境局', '各区政府']);
    expect(m.responsible).toEqual([]);
    expect(m.assisting).toEqual(['市交通委', '市城市管理委', '市经济和信息化局', '市住房城乡建设委']);
    expect(m.assistingEtAl).toBe(true);
    expect(m.targets).toEqual([]);
  });

  it('repairs extraction artefacts in text and warns with the line', () => {
    const m = measure(plan, 2, 1);
    expect(m.text).toContain('氮氧化物（NOx）');
    expect(m.text).toContain('严格执行NOx、VOCs等主要污染物排放总量控制');
    expect(m.text).not.toMatch(/_|\s/);
    expect(measure(plan, 23, 1).text).toContain('开展PM2.5和臭氧协同减排路径');
    const repaired = plan.warnings
      .filter((w) => w.code === 'ARTEFACT_REPAIRED')
      .map((w) => [w.line, w.subject]);
    expect(repaired).toContainEqual([10, 'NO _x']);
    expect(repaired).toContainEqual([40, 'NO _x']);
    expect(repaired).toContainEqual([52, '6 月']);
    expect(repaired).toContainEqual([112, 'PM _{2.5}']);
  });

  it('keeps paragraphs and cleans <p> markup', () => {
    const m = measure(plan, 9, 1);
    expect(m.text.split('\n')).toHaveLength(4);
    expect(m.text).not.toContain('<p>');
    expect(m.text.split('\n')[3]).toBe(
      '各区加强执法检查，督促企业建立原辅材料台账，并使用符合标准的低VOCs含量产品。',
    );
    expect(measure(plan, 16, 3).lead).toEqual(['市城市管理委', '市公安局', '市住房城乡建设委']);
    expect(measure(plan, 20, 1).responsible).toEqual(['各区政府', '中国铁路北京局集团有限公司']);
    // A space after a full stop was a paragraph break in the PDF.
    expect(measure(plan, 3, 2).text.split('\n')).toHaveLength(3);
  });

  it('reads each kind of deadline', () => {
    expect(measure(plan, 5, 1).deadline).toEqual({ raw: '长期实施', kind: 'ongoing' });
    expect(measure(plan, 7, 2).deadline).toEqual({ raw: '11月15日前', kind: 'date', due: '2022-11-15' });
    expect(measure(plan, 8, 1).deadline).toEqual({ raw: '6月底前', kind: 'date', due: '2022-06-30' });
    expect(measure(plan, 12, 2).deadline).toEqual({
      raw: '6—9月',
      kind: 'period',
      start: '2022-06-01',
      end: '2022-09-30',
      due: '2022-09-30',
    });
    const kinds = plan.measures.reduce<Record<string, number>>((acc, m) => {
      acc[m.deadline.kind] = (acc[m.deadline.kind] ?? 0) + 1;
      return acc;
    }, {});
    expect(kinds).toEqual({ date: 33, milestones: 11, ongoing: 15, period: 1 });
    expect(
      plan.warnings.filter((w) => w.code === 'DEADLINE_UNREADABLE' || w.code === 'DEADLINE_MISSING'),
    ).toEqual([]);
  });

  it('finds milestones with their sentences', () => {
    expect(measure(plan, 3, 2).milestones.map((x) => x.due)).toEqual(['2022-09-30']);
    expect(measure(plan, 3, 2).milestones[0].text).toMatch(
      /^9月底前，修订支持本市新能源物流配送车辆优先通行的政策/,
    );
    expect(measure(plan, 10, 1).milestones.map((x) => [x.due, x.raw])).toEqual([
      ['2022-06-30', '6月底前'],
      ['2022-12-31', '年底前'],
    ]);
    expect(measure(plan, 10, 1).milestones[1].text).toBe(
      '年底前，火炬系统完成温度监控、废气流量计、助燃气体流量计、热值检测仪等设备安装；',
    );
    expect(measure(plan, 10, 6).milestones.map((x) => x.due)).toEqual(['2022-06-30']);
    // `2022年，混凝土原材料…` names a year, not a due date.
    expect(measure(plan, 20, 1).milestones.map((x) => x.due)).toEqual(['2022-06-30']);
    expect(measure(plan, 16, 1).milestones).toEqual([]);
    const withMilestones = plan.measures
      .filter((m) => m.milestones.length > 0)
      .map((m) => `${m.task}-${m.seq}`);
    expect(withMilestones).toEqual([
      '3-1',
      '3-2',
      '3-3',
      '3-8',
      '7-1',
      '9-2',
      '10-1',
      '10-6',
      '11-1',
      '20-1',
    ]);
  });

  it('finds the quantitative targets and nothing else', () => {
    const all = plan.measures.flatMap((m) =>
      m.targets.map(
        (t) => `${m.task}-${m.seq} ${t.value}${t.unit} ${t.comparison}${t.yearOnYear ? ' yoy' : ''}`,
      ),
    );
    expect(all).toEqual([
      '3-1 200万辆 at_least',
      '5-2 180万辆次 at_least',
      '7-2 8000户 at_least',
      '9-1 10% at_least',
      '9-1 1次 at_least',
      '9-2 230组 at_least',
      '10-1 10% reduce_by yoy',
      '10-1 2% reduce_by yoy',
      '10-3 50家 about',
      '10-4 50家 exactly',
      '13-1 5吨/平方公里·月 about',
      '16-1 40% at_least',
      '16-2 100% exactly',
      '20-1 2% at_least',
    ]);
    // 4.5吨以下 (a vehicle class), 国六, GB37822—2019, 2022年 and 24小时 are not targets.
    expect(measure(plan, 3, 2).targets).toEqual([]);
    expect(measure(plan, 3, 4).targets).toEqual([]);
    expect(measure(plan, 16, 2).targets.map((t) => t.value)).toEqual([100]);
  });

  it('resolves units per role, with groups kept as groups', () => {
    expect(measure(plan, 7, 3).responsible).toEqual([
      '东城区政府',
      '西城区政府',
      '朝阳区政府',
      '海淀区政府',
      '丰台区政府',
      '房山区政府',
      '昌平区政府',
    ]);
    expect(measure(plan, 11, 1).lead).toEqual(['市科委、中关村管委会']);
    expect(measure(plan, 11, 2).lead).toEqual(['北京经济技术开发区管委会']);
    expect(measure(plan, 13, 1).assisting).toEqual(['市住房城乡建设委']);
    expect(measure(plan, 13, 1).assistingEtAl).toBe(true);
    expect(measure(plan, 15, 3).lead).toEqual(['相关区政府']);
    expect(measure(plan, 15, 3).responsible).toEqual(['市农业农村局']);
    expect(measure(plan, 19, 1).responsible).toEqual(['市空气重污染应急指挥部成员单位']);
    expect(measure(plan, 12, 3).responsible).toEqual(['市统计局']);
    expect(index.members('各区政府')).toHaveLength(17);
  });

  it('asks for a decision on every 相关区政府 and knows every other unit', () => {
    const decisions = plan.warnings.filter((w) => w.code === 'GROUP_NEEDS_DECISION');
    expect(decisions.map((w) => [w.line, w.task, w.seq, w.role, w.subject])).toEqual([
      [79, 14, 2, 'responsible', '相关区政府'],
      [85, 15, 3, 'lead', '相关区政府'],
      [100, 18, 1, 'responsible', '相关区政府'],
    ]);
    expect(plan.warnings.filter((w) => w.code === 'UNKNOWN_UNIT')).toEqual([]);
  });

  it('gives each district the measures the backbone issue counts once groups are expanded', () => {
    const decided = { 相关区政府: ['门头沟区政府', '怀柔区政府'] } as Record<string, string[]>;
    const count = (unit: string) => measuresOf(plan, unit, decided).size;
    expect(count('延庆区政府')).toBe(36);
    expect(count('房山区政府')).toBe(39);
    expect(count('门头沟区政府')).toBe(39);
    expect(count('市生态环境局')).toBe(23);
  });

  it('holds the invariants for every measure', () => {
    assertInvariants(plan);
  });
});

function measuresOf(plan: Plan, unit: string, decided: Record<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const m of plan.measures) {
    for (const role of ROLES) {
      for (const name of m[role]) {
        const members = index.members(name) ?? decided[name] ?? [name];
        if (members.includes(unit)) out.add(`${m.task}-${m.seq}`);
      }
    }
  }
  return out;
}
