/** Whose plan it is (issue #8 §3): the Beijing directory applies to Beijing plans only. */
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/index.ts';
import { looksOwn } from '../src/plan/jurisdiction.ts';

const table = (title: string, rows: string[]) =>
  [
    title,
    '序号\t工作措施\t责任单位\t完成时限',
    ...rows.map((r, i) => `${i + 1}\t开展第${i + 1}项工作。\t${r}\t年底前`),
  ].join('\n');

describe('the plan’s jurisdiction decides whether the bundled directory applies', () => {
  it('applies it to a plan titled with 北京市 or one of Beijing’s districts', () => {
    for (const title of ['北京市2024年城市管理任务分工表', '海淀区2024年城市管理任务分工表']) {
      const plan = parsePlan(table(title, ['市城管委、市发改委']));
      expect(plan.measures[0].responsible, title).toEqual(['市城市管理委', '市发展改革委']);
      expect(plan.warnings.some((w) => w.code === 'DIRECTORY_NOT_APPLIED')).toBe(false);
    }
    expect(parsePlan(table('海淀区2024年城市管理任务分工表', ['市城管委'])).jurisdiction).toBe(
      '北京市海淀区',
    );
  });

  it('keeps another city’s or province’s names as written, and says so', () => {
    for (const [title, place] of [
      ['成都市2024年城市管理任务分工表', '成都市'],
      ['四川省2024年城市管理任务分工表', '四川省'],
      ['遂宁市2024年城市管理任务分工表', '遂宁市'],
    ]) {
      const plan = parsePlan(table(title, ['市城管委、市发改委']));
      expect(plan.jurisdiction).toBe(place);
      expect(plan.measures[0].responsible).toEqual(['市城管委', '市发改委']);
      expect(plan.measures[0].units.responsible.every((u) => u.kind === 'unknown')).toBe(true);
      const w = plan.warnings.find((x) => x.code === 'DIRECTORY_NOT_APPLIED');
      expect(w).toMatchObject({ subject: place, line: 2 });
      expect(w?.message).toContain(place);
    }
  });

  it('reads a plan that names no place as Beijing’s only when its unit names are Beijing’s', () => {
    const beijingLike = parsePlan(
      table('2024年城市管理任务分工表', [
        '市城管委、市发改委',
        '市生态环境局、各区政府',
        '市交通委、某某中心',
      ]),
    );
    // 4 of 5 distinct names are the directory's: 80 %.
    expect(beijingLike.measures[0].responsible).toEqual(['市城市管理委', '市发展改革委']);
    expect(beijingLike.warnings.some((w) => w.code === 'DIRECTORY_NOT_APPLIED')).toBe(false);

    const elsewhere = parsePlan(
      table('2024年城市管理任务分工表', [
        '市城管委、市住建局',
        '市发改委、市城管局',
        '市委编办、各县（区）政府',
      ]),
    );
    expect(elsewhere.jurisdiction).toBeUndefined();
    expect(elsewhere.measures[0].responsible).toEqual(['市城管委', '市住建局']);
    expect(elsewhere.measures[2].units.responsible.map((u) => u.kind)).toEqual(['unknown', 'group']);
    const w = elsewhere.warnings.find((x) => x.code === 'DIRECTORY_NOT_APPLIED');
    expect(w?.message).toContain('2/5');
  });

  it('states the rule: at least 80 % of the names, and 3 of them or all written as the directory writes them', () => {
    expect(looksOwn({ known: 4, total: 5, canonical: 0 })).toBe(true);
    expect(looksOwn({ known: 3, total: 4, canonical: 3 })).toBe(false);
    expect(looksOwn({ known: 8, total: 10, canonical: 2 })).toBe(true);
    expect(looksOwn({ known: 2, total: 2, canonical: 2 })).toBe(true);
    expect(looksOwn({ known: 1, total: 1, canonical: 0 })).toBe(false);
    expect(looksOwn({ known: 0, total: 0, canonical: 0 })).toBe(false);
    // One abbreviation every city uses is no proof; one of Beijing's own names is.
    expect(parsePlan(table('2024年任务分工表', ['市发改委'])).measures[0].responsible).toEqual(['市发改委']);
    expect(
      parsePlan(table('2024年任务分工表', ['市住房城乡建设委'])).measures[0].units.responsible[0].kind,
    ).toBe('unit');
  });

  it('reads the plan’s own groups of counties as groups decided in the review', () => {
    const plan = parsePlan(
      table('遂宁市2024年任务分工表', [
        '各县（市、区）人民政府',
        '各县(区)政府、市直园区管委会',
        '各区(市)县政府',
      ]),
    );
    expect(plan.measures.map((m) => m.units.responsible[0].kind)).toEqual(['group', 'group', 'group']);
    expect(plan.warnings.filter((w) => w.code === 'GROUP_NEEDS_DECISION').map((w) => w.subject)).toEqual([
      '各县（市、区）人民政府',
      '各县（区）政府',
      '各区（市）县政府',
    ]);
  });
});

describe('a goal column in prose (目标任务, 工作目标)', () => {
  const text = [
    '某市2020年生活垃圾分类重点任务分工表',
    '序号\t工作内容\t目标任务\t责任单位',
    '1\t加强生活垃圾分类宣传发动，引导市民参与。\t2021年2月底前，群众对生活垃圾分类的知晓率达90%以上。\t市城管委',
    '2\t完善回收利用体系，优化社区回收设施布局。\t基本建成回收体系，到2020年6月底前完成设施布局。\t市商务局',
  ].join('\n');
  const plan = parsePlan(text);
  it('is read as the goal: its opening date is the deadline when there is no deadline column', () => {
    expect(plan.columns.find((c) => c.header === '目标任务')).toMatchObject({
      role: 'target',
      confidence: 0.8,
    });
    expect(plan.measures[0].deadline).toEqual({ raw: '2021年2月底前', kind: 'date', due: '2021-02-28' });
    expect(plan.measures[0].target).toBe('2021年2月底前，群众对生活垃圾分类的知晓率达90%以上。');
    expect(plan.measures[0].targets.map((t) => [t.value, t.unit])).toEqual([[90, '%']]);
    expect(plan.measures[0].milestones).toEqual([]);
  });
  it('gives a date inside the goal as a milestone', () => {
    expect(plan.measures[1].deadline).toMatchObject({ kind: 'milestones', due: '2020-12-31' });
    expect(plan.measures[1].milestones.map((m) => [m.raw, m.due])).toEqual([['2020年6月底前', '2020-06-30']]);
  });
});
