import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, type UnitDirectory } from '../src/index.ts';
import { assertInvariants, fixture, hebeiDirectory, measure } from './helpers.ts';

describe('another year of the same plan, with other deadline phrasings (beijing-2023.tsv)', () => {
  const plan = parsePlan(readFileSync(fixture('beijing-2023.tsv')));

  it('takes the year from the title and reads the structure', () => {
    expect(plan.year).toBe(2023);
    expect(plan.title).toBe('北京市大气污染防治2023年行动计划重点任务分解表');
    expect(plan.sections.map((s) => s.ordinal)).toEqual(['一', '二']);
    expect(plan.tasks.map((t) => [t.no, t.name])).toEqual([
      [1, '推进车辆电动化'],
      [2, '加强重型车监管'],
      [3, '实施NOx深度治理'],
      [4, '严格施工扬尘管控'],
      [5, '完善区域协作'],
    ]);
    expect(plan.measures.map((m) => `${m.task}-${m.seq}`)).toEqual([
      '1-1',
      '1-2',
      '2-1',
      '2-2',
      '3-1',
      '3-2',
      '4-1',
      '4-2',
      '5-1',
    ]);
    expect(plan.notes).toEqual(['注：“各区政府”含北京经济技术开发区管委会。']);
    assertInvariants(plan);
  });

  it('reads the deadlines in the year of the plan', () => {
    const d = (t: number, s: number) => measure(plan, t, s).deadline;
    expect(d(1, 1)).toEqual({ raw: '按节点推进', kind: 'milestones', due: '2023-12-31' });
    expect(d(1, 2)).toEqual({ raw: '每季度', kind: 'ongoing', recurrence: 'quarterly' });
    expect(d(2, 1)).toEqual({ raw: '持续推进', kind: 'ongoing' });
    expect(d(2, 2)).toEqual({ raw: '2023年12月', kind: 'date', due: '2023-12-31' });
    expect(d(3, 1)).toMatchObject({ kind: 'period', start: '2023-10-01', end: '2024-03-31' });
    expect(d(3, 2)).toEqual({ raw: '2023年6月30日前', kind: 'date', due: '2023-06-30' });
    expect(d(4, 1)).toMatchObject({ kind: 'period', start: '2023-01-01', end: '2023-12-31' });
    expect(d(5, 1)).toMatchObject({ kind: 'period', start: '2023-01-01', end: '2025-12-31' });
    expect(measure(plan, 1, 1).milestones.map((m) => [m.raw, m.due])).toEqual([
      ['3月底前', '2023-03-31'],
      ['上半年', '2023-06-30'],
    ]);
    expect(measure(plan, 2, 2).milestones.map((m) => m.due)).toEqual(['2023-09-30']);
  });

  it('warns about the unreadable deadline, the unknown unit and the open group, with lines', () => {
    const w = plan.warnings
      .filter((x) => x.code !== 'ARTEFACT_REPAIRED')
      .map((x) => [x.line, x.code, x.subject]);
    expect(w).toEqual([
      [16, 'GROUP_NEEDS_DECISION', '相关区政府'],
      [18, 'DEADLINE_UNREADABLE', '及时'],
      [18, 'UNKNOWN_UNIT', '某某研究中心'],
    ]);
    expect(measure(plan, 4, 2).deadline).toMatchObject({ raw: '及时', due: '2023-12-31', assumed: true });
  });

  it('merges the task repeated after a page break and keeps <p> paragraphs', () => {
    expect(plan.tasks[1].lines).toEqual([10, 13]);
    expect(measure(plan, 2, 2).text).toBe(
      '完善遥感监测网络，新建遥感监测点位10个。\n10月前完成已有设备校准。',
    );
  });

  it('reads the same plan saved as GBK', () => {
    const gbk = parsePlan(readFileSync(fixture('beijing-2023.gbk.txt')));
    expect(gbk.source.encoding).toBe('gb18030');
    expect(gbk.title).toBe('北京市大气污染防治2023年行动计划重点任务分解表（GBK版）');
    expect(gbk.measures).toEqual(plan.measures);
    expect(gbk.warnings).toEqual(plan.warnings);
  });

  it('lets --year override the title', () => {
    expect(
      parsePlan(readFileSync(fixture('beijing-2023.tsv')), { year: 2024 }).measures[3].deadline.due,
    ).toBe('2023-12-31');
    expect(
      parsePlan(readFileSync(fixture('beijing-2023.tsv')), { year: 2024 }).measures[0].deadline.due,
    ).toBe('2024-12-31');
  });
});

describe('a province-level plan: 牵头单位/配合单位, another column order, 、-separated units (hebei-2024.tsv)', () => {
  const directory = hebeiDirectory();
  const plan = parsePlan(readFileSync(fixture('hebei-2024.tsv')), { directory });

  it('maps the columns by their synonyms, whatever their order', () => {
    expect(plan.source.columns.map((c) => c.column)).toEqual([
      'no',
      'task',
      'measure',
      'lead',
      'assisting',
      'deadline',
    ]);
    expect(plan.title).toBe('河北省2024年大气污染综合治理工作方案');
    expect(plan.preamble).toEqual(['任务分解表']);
    expect(plan.sections.map((s) => [s.ordinal, s.title])).toEqual([
      ['一', '优化产业结构'],
      ['二', '推进能源清洁化'],
    ]);
    expect(plan.measures).toHaveLength(5);
    assertInvariants(plan);
  });

  it('resolves units against the plan’s own directory', () => {
    const m = measure(plan, 1, 1);
    expect(m.lead).toEqual(['省发展改革委']);
    expect(m.assisting).toEqual(['省工业和信息化厅', '省生态环境厅', '各市政府']);
    expect(measure(plan, 1, 2).assisting).toEqual(['各市政府', '雄安新区管委会']);
    expect(measure(plan, 2, 1).assisting).toEqual(['省发展改革委', '省财政厅', '国网河北省电力有限公司']);
    expect(plan.warnings.filter((w) => w.code === 'UNKNOWN_UNIT')).toEqual([]);
    expect(
      plan.warnings.filter((w) => w.code === 'GROUP_NEEDS_DECISION').map((w) => [w.line, w.subject]),
    ).toEqual([[10, '有关市政府']]);
  });

  it('reads its deadlines and targets', () => {
    expect(measure(plan, 1, 1).deadline).toEqual({ raw: '2024年12月底前', kind: 'date', due: '2024-12-31' });
    expect(measure(plan, 2, 2).deadline).toEqual({ raw: '长期坚持', kind: 'ongoing' });
    expect(measure(plan, 3, 1).deadline).toMatchObject({
      kind: 'period',
      start: '2024-06-01',
      end: '2024-09-30',
    });
    expect(measure(plan, 2, 1).targets).toMatchObject([{ value: 30, unit: '万户', comparison: 'at_least' }]);
    expect(measure(plan, 3, 1).targets).toMatchObject([
      { value: 120, unit: '台', comparison: 'exactly' },
      { value: 10, unit: '毫克/立方米', comparison: 'at_most' },
    ]);
  });

  it('with the Beijing directory instead, reports every unit it does not know', () => {
    const other = parsePlan(readFileSync(fixture('hebei-2024.tsv')));
    const unknown = new Set(other.warnings.filter((w) => w.code === 'UNKNOWN_UNIT').map((w) => w.subject));
    expect(unknown).toContain('省发展改革委');
    expect(unknown).toContain('各市（含定州、辛集市）人民政府');
    assertInvariants(other);
  });
});

describe('a single-column task list exported by Excel as CSV, with inline role markers (tianjin-2025.csv)', () => {
  const tianjin: UnitDirectory = {
    id: 'tianjin',
    name: '天津市',
    units: [
      { name: '市生态环境局', fullName: '天津市生态环境局', kind: 'city_department', aliases: [] },
      { name: '市工业和信息化局', fullName: '天津市工业和信息化局', kind: 'city_department', aliases: [] },
      { name: '和平区政府', fullName: '天津市和平区人民政府', kind: 'district', aliases: [] },
      { name: '河西区政府', fullName: '天津市河西区人民政府', kind: 'district', aliases: [] },
    ],
    groups: [{ name: '各区政府', aliases: ['各区人民政府'], members: ['和平区政府', '河西区政府'] }],
  };
  const plan = parsePlan(readFileSync(fixture('tianjin-2025.csv')), { directory: tianjin });

  it('reads the BOM, the quoted multi-line cell and one task per row', () => {
    expect(plan.source).toMatchObject({ encoding: 'utf-8', delimiter: 'comma' });
    expect(plan.year).toBe(2025);
    expect(plan.tasks.map((t) => [t.no, t.name])).toEqual([
      [1, '开展重点行业绩效分级'],
      [2, '加强“散乱污”企业动态清零'],
      [3, '做好重污染天气应对'],
    ]);
    expect(measure(plan, 1, 1).lines).toEqual([3, 4]);
    expect(measure(plan, 1, 1).text).toBe('开展重点行业绩效分级，\n完成100家企业评级。');
    assertInvariants(plan);
  });

  it('splits 牵头/负责/配合 inside the one unit column', () => {
    expect(measure(plan, 1, 1)).toMatchObject({
      lead: ['市生态环境局'],
      responsible: [],
      assisting: ['各区政府'],
    });
    expect(measure(plan, 2, 1)).toMatchObject({
      lead: [],
      responsible: ['各区政府'],
      assisting: ['市生态环境局', '市工业和信息化局'],
    });
    expect(measure(plan, 3, 1)).toMatchObject({
      responsible: ['市生态环境局'],
      deadline: { kind: 'ongoing', recurrence: 'monthly' },
    });
    expect(plan.warnings.map((w) => w.code)).toEqual(['NO_LEAD_UNIT']);
  });
});

describe('layouts without some columns', () => {
  it('reads a pipe table without a deadline column, taking dates from the text', () => {
    const text = [
      '某市2026年扬尘治理方案',
      '| 序号 | 重点任务 | 具体措施 | 责任单位 |',
      '| --- | --- | --- | --- |',
      '| 1 | 工地治理 | 9月底前完成全部工地视频监控安装。 | 市住房城乡建设委 |',
      '| 2 | 道路保洁 | 加强道路清扫。 | 市城市管理委 |',
    ].join('\n');
    const plan = parsePlan(text);
    expect(plan.source.delimiter).toBe('pipe');
    expect(plan.measures.map((m) => m.deadline)).toEqual([
      { raw: '', kind: 'milestones', due: '2026-12-31' },
      { raw: '', kind: 'milestones', due: '2026-12-31' },
    ]);
    expect(plan.measures[0].milestones.map((m) => m.due)).toEqual(['2026-09-30']);
    expect(plan.warnings.map((w) => w.code)).toEqual(['DEADLINE_MISSING', 'NO_LEAD_UNIT']);
  });

  it('keeps 备注 as a remark and passes over people and progress columns without warnings', () => {
    const text = [
      '2025年工作方案',
      '序号\t重点任务\t工作措施\t牵头市领导\t牵头单位\t责任单位\t责任人\t完成时限\t备注',
      '1\t任务甲\t做好某项工作。\t张三\t市交通委\t各区政府\t李四\t年底前\t已纳入预算',
    ].join('\n');
    const plan = parsePlan(text);
    expect(plan.source.columns.map((c) => c.column)).toEqual([
      'no',
      'task',
      'measure',
      'other',
      'lead',
      'responsible',
      'other',
      'deadline',
      'remark',
    ]);
    expect(plan.measures[0]).toMatchObject({
      lead: ['市交通委'],
      responsible: ['各区政府'],
      remark: '已纳入预算',
    });
    expect(plan.warnings).toEqual([]);
  });

  it('joins the rest of a measure carried over a page break', () => {
    const H = '序号\t重点任务\t工作措施\t完成时限\t牵头部门';
    const text = [
      '2024年计划',
      H,
      '1\t任务甲\t第一部分内容，\t年底前\t市交通委',
      H,
      '1\t任务甲\t第二部分内容。\t\t',
    ].join('\n');
    const plan = parsePlan(text);
    expect(plan.measures).toHaveLength(1);
    expect(plan.measures[0].text).toBe('第一部分内容，\n第二部分内容。');
    expect(plan.measures[0].lines).toEqual([3, 5]);
    expect(plan.warnings.map((w) => [w.line, w.code])).toEqual([[5, 'MEASURE_CONTINUED']]);
  });
});

describe('a municipal list with a two-line header, wrapped lines and spreadsheet dates (municipal-2024-wrapped.tsv)', () => {
  const plan = parsePlan(readFileSync(fixture('municipal-2024-wrapped.tsv')));

  it('joins the two header lines and reads sections written across two cells', () => {
    expect(plan.source.columns.map((c) => c.column)).toEqual([
      'no',
      'task',
      'measure',
      'deadline',
      'lead',
      'responsible',
      'assisting',
    ]);
    expect(plan.sections.map((s) => [s.ordinal, s.title, s.line])).toEqual([
      ['一', '调整优化产业结构', 5],
      ['二', '优化交通运输结构', 9],
    ]);
    expect(plan.tasks.map((t) => [t.no, t.section, t.name])).toEqual([
      [1, '一', '淘汰落后产能'],
      [2, '二', '推广新能源车'],
      [3, '二', '加强油品监管'],
    ]);
    assertInvariants(plan);
  });

  it('keeps a wrapped line with the measure above, and says so', () => {
    expect(measure(plan, 1, 1).text).toBe(
      '关停退出2台燃煤锅炉，完成燃煤锅炉清零，\n巩固清零成果，严防反弹。',
    );
    expect(measure(plan, 1, 1).lines).toEqual([6, 7]);
    expect(plan.warnings.map((w) => [w.line, w.code])).toEqual([
      [7, 'MEASURE_CONTINUED'],
      [11, 'ROW_IGNORED'],
    ]);
  });

  it('reads dates as spreadsheets write them, and dated steps in the deadline cell', () => {
    expect(measure(plan, 1, 1).deadline).toEqual({ raw: '2024.6.30', kind: 'date', due: '2024-06-30' });
    expect(measure(plan, 3, 1).deadline).toEqual({ raw: '2024/12', kind: 'date', due: '2024-12-31' });
    expect(measure(plan, 2, 1).deadline).toEqual({ raw: '本年度内', kind: 'date', due: '2024-12-31' });
    const staged = measure(plan, 1, 2);
    expect(staged.deadline).toEqual({
      raw: '6月底前完成方案，年底前完成审核',
      kind: 'milestones',
      due: '2024-12-31',
    });
    expect(staged.milestones).toEqual([
      { due: '2024-06-30', raw: '6月底前', text: '6月底前完成方案' },
      { due: '2024-12-31', raw: '年底前', text: '年底前完成审核' },
    ]);
  });

  it('takes a role written in parentheses after a unit', () => {
    expect(measure(plan, 1, 1)).toMatchObject({
      lead: ['市发展改革委', '市生态环境局'],
      responsible: ['各区政府'],
      assisting: ['市财政局'],
    });
    expect(measure(plan, 2, 1).assisting).toEqual(['市财政局']);
    expect(measure(plan, 2, 1).units.assisting[0].actingAs).toBeUndefined();
  });
});
