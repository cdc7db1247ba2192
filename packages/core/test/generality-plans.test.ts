/**
 * Proof of generality (issue #8 §6): real plan tables of other provinces and topics, each parsed and
 * checked field by field against its expected parse (packages/core/test/generality/specs-*.ts).
 * A fixture under 95 % names exactly the fields still read wrong, so any change shows here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accuracy, type FixtureSpec, parseFixture, planFixture } from './generality/accuracy.ts';
import {
  changshaWorkReport,
  dazhuLivelihoodProjects,
  jingyangDevelopmentTargets,
} from './generality/specs-central.ts';
import {
  chaozhouBlueSky,
  guangdongWorkReport,
  qiaochengEducation,
  shaoxingKeyWork,
  wuhuEducation,
  xianBusinessEnvironment,
  xianningPolicyMeasures,
  yixingEnvironmentDay,
  yunnanSteadyGrowth,
  zhejiangKeyWork,
  zhonglouWasteSorting,
} from './generality/specs-east.ts';
import { gangchengBusinessEnvironment, lishanWorkReport } from './generality/specs-north.ts';
import {
  chengduWasteSorting,
  pingdingshanRiverChief,
  suiningSanitation,
  xuzhuangWorkSafety,
} from './generality/specs-sichuan-henan.ts';
import { assertInvariants } from './helpers.ts';

/** Fields the parser still reads wrong, per fixture: the known gaps, kept exact. */
const KNOWN_WRONG: Record<string, string[]> = {};

const SPECS: FixtureSpec[] = [
  suiningSanitation,
  pingdingshanRiverChief,
  chengduWasteSorting,
  qiaochengEducation,
  shaoxingKeyWork,
  zhejiangKeyWork,
  zhonglouWasteSorting,
  xianBusinessEnvironment,
  guangdongWorkReport,
  xianningPolicyMeasures,
  yunnanSteadyGrowth,
  wuhuEducation,
  chaozhouBlueSky,
  lishanWorkReport,
  gangchengBusinessEnvironment,
  xuzhuangWorkSafety,
  yixingEnvironmentDay,
  changshaWorkReport,
  dazhuLivelihoodProjects,
  jingyangDevelopmentTargets,
];

describe('real plans of other provinces and topics', () => {
  for (const spec of SPECS) {
    it(`reads ${spec.file} field by field`, () => {
      const plan = parseFixture(spec);
      assertInvariants(plan);
      const acc = accuracy(plan, spec);
      const known = KNOWN_WRONG[spec.file] ?? [];
      expect(acc.wrong).toEqual(known);
      expect(acc.ratio).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('spells out every fixture, each with its source and how faithful the copy is', () => {
    const dir = dirname(planFixture('x'));
    const tables = readdirSync(dir).filter((f) => /\.(tsv|csv)$/.test(f));
    expect(SPECS.map((s) => s.file).sort()).toEqual(tables.sort());
    for (const t of tables) {
      const side = JSON.parse(readFileSync(`${dir}/${t.replace(/\.(tsv|csv)$/, '.json')}`, 'utf8'));
      for (const key of ['source', 'title', 'issuer', 'province', 'topic', 'faithfulness'])
        expect(String(side[key] ?? ''), `${t} ${key}`).not.toBe('');
    }
  });

  it('keeps the deadlines as people wrote them (遂宁: 常态工作, 2016 年 6 底前, 2016—2017 年底前, 省出台文件后…)', () => {
    const plan = parseFixture(suiningSanitation);
    const d = (t: number) => plan.measures.find((m) => m.task === t)?.deadline;
    expect(d(1)).toMatchObject({ raw: '省出台文件后 2 个月完成', relative: true });
    expect(plan.warnings.some((w) => w.code === 'DEADLINE_NEEDS_DATE' && w.line === 2)).toBe(true);
    expect(d(2)).toMatchObject({ kind: 'date', due: '2016-06-30' });
    expect(d(3)).toEqual({ raw: '常态工作', kind: 'ongoing' });
    expect(d(6)).toMatchObject({ kind: 'period', start: '2016-01-01', end: '2017-12-31' });
  });

  it('reads the parts of a month and a 地点 column as people do (宜兴: 4月底至5月底, 6月初)', () => {
    const plan = parseFixture(yixingEnvironmentDay);
    const d = (t: number) => plan.measures.find((m) => m.task === t)?.deadline;
    expect(d(1)).toMatchObject({ kind: 'period', start: '2007-04-30', end: '2007-05-31' });
    expect(d(4)).toMatchObject({ kind: 'period', start: '2007-05-31', end: '2007-06-30' });
    expect(d(5)).toEqual({ raw: '6月初', kind: 'date', due: '2007-06-10' });
    expect(plan.columns.find((c) => c.header === '地点')?.role).toBe('ignored');
    expect(plan.warnings.some((w) => w.code === 'DEADLINE_UNREADABLE')).toBe(false);
  });

  it('keeps the dated steps of a prose measure as milestones (云南: 3月底前 … 11月底前)', () => {
    const plan = parseFixture(yunnanSteadyGrowth);
    expect(plan.measures[0].milestones.map((m) => [m.raw, m.due])).toEqual([
      ['2017年3月底前', '2017-03-31'],
      ['2017年6月底前', '2017-06-30'],
      ['9月底前', '2017-09-30'],
      ['2017年第3季度', '2017-09-30'],
      ['11月底前', '2017-11-30'],
    ]);
  });

  it('reads a lead column broken down its narrow cells and merged over its rows (长沙: 市/监/察/局)', () => {
    const plan = parseFixture(changshaWorkReport);
    expect(plan.columns.map((c) => c.role)).toEqual(['lead', 'measure', 'responsible']);
    expect(plan.measures.find((m) => m.task === 2)?.units.lead[0]).toMatchObject({
      name: '市政府办公厅',
      kind: 'unknown',
    });
    // The merged 责任单位 of the 市发改委 indicators is read into each row, and the review is asked.
    const carried = plan.warnings.filter((w) => w.code === 'UNITS_CARRIED_DOWN').map((w) => w.task);
    expect(carried).toEqual([9, 10, 11]);
  });

  it('keeps the month a 完成时限 opens with, and a merged row under its task (大竹: 9月投入使用)', () => {
    const plan = parseFixture(dazhuLivelihoodProjects);
    const d = (t: number, s = 1) => plan.measures.find((m) => m.task === t && m.seq === s)?.deadline;
    expect(d(2)).toEqual({ raw: '9月投入使用', kind: 'date', due: '2016-09-30' });
    expect(d(4)).toEqual({ raw: '5月底前动工', kind: 'date', due: '2016-05-31' });
    expect(plan.warnings.filter((w) => w.code === 'UNITS_CARRIED_DOWN').map((w) => [w.task, w.seq])).toEqual([
      [5, 2],
    ]);
    expect(plan.warnings.some((w) => w.code === 'DEADLINE_UNREADABLE')).toBe(false);
  });

  it('reads a header over two columns, targets under 目标任务 and units run together (旌阳)', () => {
    const plan = parseFixture(jingyangDevelopmentTargets);
    expect(plan.columns.map((c) => [c.header, c.role])).toEqual([
      ['项 目', 'section'],
      ['', 'task'],
      ['分值', 'ignored'],
      ['目标任务', 'target'],
      ['监考单位', 'responsible'],
    ]);
    expect(plan.sections.map((s) => s.title)).toContain('公共服务');
    expect(plan.measures[0].units.responsible.map((u) => u.written)).toEqual(['区发改局', '区统计局']);
  });

  it('takes 到2020年 in the measure text as the due date when there is no deadline column (平顶山)', () => {
    const plan = parseFixture(pingdingshanRiverChief);
    expect(plan.measures[0].milestones.map((m) => [m.raw, m.due])).toEqual([['到2020年', '2020-12-31']]);
    expect(plan.tasks.map((t) => t.name)).toEqual(['严守水资源开发利用控制红线', plan.tasks[1].name]);
    expect(plan.tasks[1].name.replace(/\s/g, '')).toBe('严守用水效率控制红线');
  });
});
