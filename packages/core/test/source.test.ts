import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Plan, parsePlan, type SourceDocument, type SourceRow, textSource } from '../src/index.ts';
import { assertInvariants, SEED_PATH, seedPlan } from './helpers.ts';

const strip = (p: Plan) => ({ ...p, source: undefined });

/** The seed as a Word table would deliver it: a task's number and name cells merged down over its measures. */
function seedAsMergedTable(): SourceDocument {
  const { doc } = textSource(readFileSync(SEED_PATH));
  const rows = doc.tables[0].rows;
  let prevNo = '';
  let prevTask = '';
  const merged: SourceRow[] = rows.map((row) => {
    const cells = row.cells.map((c) => ({ ...c }));
    const no = cells[0]?.text.trim() ?? '';
    const task = cells[1]?.text.trim() ?? '';
    if (cells.length >= 3 && no === '' && task === '' && prevNo && cells[2]?.text.trim()) {
      cells[0] = { text: prevNo, merged: 'up' };
      cells[1] = { text: prevTask, merged: 'up' };
    } else if (/^\d+$/.test(no)) {
      prevNo = no;
      prevTask = task;
    } else if (no && cells.slice(1).every((c) => c.text.trim() === '')) {
      // A section row spans the whole table width.
      for (let i = 1; i < cells.length; i++) cells[i] = { text: no, merged: 'left' };
      prevNo = '';
    }
    return { ...row, cells };
  });
  return { ...doc, format: 'docx', tables: [{ name: '表1', rows: merged }] };
}

describe('parsePlan reads a SourceDocument with the same reader as text', () => {
  it('parses the seed split into a SourceDocument to the identical plan', () => {
    const { doc } = textSource(readFileSync(SEED_PATH));
    const plan = parsePlan(doc);
    expect(strip(plan)).toEqual(strip(seedPlan()));
    expect(plan.source.format).toBe('text');
    expect(plan.source.encoding).toBeUndefined();
  });

  it('reads vertical merges in the number and task columns as the task above, and spanning section rows', () => {
    const plan = parsePlan(seedAsMergedTable());
    const seed = seedPlan();
    expect(plan.tasks.map((t) => [t.no, t.name, t.section])).toEqual(
      seed.tasks.map((t) => [t.no, t.name, t.section]),
    );
    expect(plan.measures.map((m) => [m.task, m.seq, m.text, m.lead, m.deadline.due])).toEqual(
      seed.measures.map((m) => [m.task, m.seq, m.text, m.lead, m.deadline.due]),
    );
    expect(plan.source.format).toBe('docx');
    assertInvariants(plan);
  });

  it('keeps a merged measure cell as one measure, its rows adding their units', () => {
    const c = (text: string, merged?: 'up' | 'left') => ({ text, ...(merged ? { merged } : {}) });
    const doc: SourceDocument = {
      format: 'docx',
      preamble: ['某市2024年城市管理工作任务分工表'],
      notes: [],
      tables: [
        {
          rows: [
            { line: 1, cells: [c('序号'), c('主要工作内容'), c('责任部门'), c('完成时限')] },
            { line: 2, cells: [c('1'), c('推进生活垃圾分类。'), c('区环卫中心'), c('2024年6月底前')] },
            {
              line: 3,
              cells: [c('1', 'up'), c('推进生活垃圾分类。', 'up'), c('各区政府'), c('2024年6月底前', 'up')],
            },
            { line: 4, cells: [c('2'), c('整治背街小巷。'), c('市住房和城乡建设局'), c('常态化')] },
          ],
        },
      ],
    };
    const plan = parsePlan(doc);
    expect(plan.title).toBe('某市2024年城市管理工作任务分工表');
    expect(plan.measures.map((m) => [m.task, m.seq, m.responsible, m.lines])).toEqual([
      [1, 1, ['区环卫中心', '各区政府'], [2, 3]],
      [2, 1, ['市住房和城乡建设局'], [4]],
    ]);
    expect(plan.columns.map((col) => [col.header, col.role])).toEqual([
      ['序号', 'number'],
      ['主要工作内容', 'measure'],
      ['责任部门', 'responsible'],
      ['完成时限', 'deadline'],
    ]);
  });

  it('lets the supervisor choose a column role by header', () => {
    const text = '序号\t工作\t办理单位\t时限\n1\t开展某项工作。\t区环卫中心\t2024年6月底前\n';
    const plan = parsePlan(text, { columns: { 工作: 'measure', 办理单位: 'responsible' }, year: 2024 });
    expect(plan.measures[0].responsible).toEqual(['区环卫中心']);
    expect(plan.columns.find((x) => x.header === '工作')).toMatchObject({ role: 'measure', confidence: 1 });
  });
});

describe('units of another jurisdiction', () => {
  const text = [
    '沈阳市2024年城市管理工作任务分工表',
    '序号\t主要工作内容\t责任部门\t完成时限',
    '1\t推进生活垃圾分类。\t市城管委、市发改委\t2024年6月底前',
    '2\t整治背街小巷。\t各县（区）政府\t常态化',
  ].join('\n');
  const plan = parsePlan(text);

  it('keeps another city’s names as written instead of mapping them onto Beijing’s', () => {
    expect(plan.jurisdiction).toBe('沈阳市');
    expect(plan.measures[0].responsible).toEqual(['市城管委', '市发改委']);
    expect(plan.measures[0].units.responsible.map((u) => u.kind)).toEqual(['unknown', 'unknown']);
  });

  it('reads the plan’s own groups as groups whose members the review decides', () => {
    expect(plan.measures[1].responsible).toEqual(['各县（区）政府']);
    expect(plan.measures[1].units.responsible[0].kind).toBe('group');
    expect(
      plan.warnings.some((w) => w.code === 'GROUP_NEEDS_DECISION' && w.subject === '各县（区）政府'),
    ).toBe(true);
  });

  it('still maps the names of a Beijing plan onto the Beijing directory', () => {
    const beijing = parsePlan(text.replace('沈阳市', '北京市'));
    expect(beijing.measures[0].responsible).toEqual(['市城市管理委', '市发展改革委']);
  });
});

describe('columns nobody listed', () => {
  const text = [
    '某县2021年乡村振兴重点工作考核表',
    '序号\t考核内容\t目标值\t单位\t总牵头单位\t分项牵头单位\t负责部门',
    '1\t新增高标准农田。\t≥2\t万亩\t县农业农村局\t县自然资源局\t市 城 市 管 理 局',
    '2\t农村生活垃圾收运处置体系覆盖率。\t95\t%\t县城管局\t县住建局\t各乡镇政府',
  ].join('\n');
  const plan = parsePlan(text);

  it('reads each column’s role from its header and its cells', () => {
    expect(plan.columns.map((c) => [c.header, c.role])).toEqual([
      ['序号', 'number'],
      ['考核内容', 'measure'],
      ['目标值', 'target'],
      ['单位', 'measure_unit'],
      ['总牵头单位', 'lead'],
      ['分项牵头单位', 'lead'],
      ['负责部门', 'responsible'],
    ]);
    for (const c of plan.columns) expect(c.confidence).toBeGreaterThan(0.6);
  });

  it('keeps both lead columns, letter-spaced names whole, and the target with its unit', () => {
    expect(plan.measures[0].lead).toEqual(['县农业农村局', '县自然资源局']);
    expect(plan.measures[0].responsible).toEqual(['市城市管理局']);
    expect(plan.measures[0].targets[0]).toMatchObject({ value: 2, unit: '万亩', comparison: 'at_least' });
    expect(plan.measures[1].unitOfMeasure).toBe('%');
  });
});

describe('shared prefixes and suffixes in a 、 list', () => {
  it('reads 市住房和城乡建设局、水利局 as two 市 bureaus and two places sharing 党工委和管委会', () => {
    const text = [
      '某市2020年城市管理任务分工表',
      '序号\t工作措施\t责任单位\t完成时限',
      '1\t开展排查。\t市住房和城乡建设局、水利局\t2020年底前',
      '2\t开展整治。\t城乡一体化示范区、高新区党工委和管委会\t2020年底前',
    ].join('\n');
    const plan = parsePlan(text);
    expect(plan.measures[0].responsible).toEqual(['市住房和城乡建设局', '市水利局']);
    expect(plan.measures[1].responsible).toEqual(['城乡一体化示范区党工委和管委会', '高新区党工委和管委会']);
  });

  it('gives the shared prefix to the last item too when the list closes with 等', () => {
    const text = [
      '某市2020年城市管理任务分工表',
      '序号\t工作措施\t责任单位\t完成时限',
      '1\t开展排查。\t市发展改革委、住房和城乡建设局、农业局等\t2020年底前',
    ].join('\n');
    const plan = parsePlan(text);
    expect(plan.measures[0].responsible).toEqual(['市发展改革委', '市住房和城乡建设局', '市农业局']);
    expect(plan.measures[0].units.responsible.length).toBe(3);
  });
});
