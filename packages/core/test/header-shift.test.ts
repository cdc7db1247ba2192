/**
 * A header row one cell short of its data (a cell lost in extraction, or two run together): the labels
 * are moved over their data with a warning, decided from the table alone. And a header cell that names
 * both a unit role and the work is read as the work when its cells are long prose.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Plan, parsePlan, type SourceDocument } from '../src/index.ts';
import { SEED_PATH, seedPlan } from './helpers.ts';

const seedLines = readFileSync(SEED_PATH, 'utf8').split('\n');
const HEADER = seedLines.findIndex((l) => l.startsWith('序号\t重点任务'));

/** What a measure says, without where it was. */
const content = (p: Plan) =>
  p.measures.map((m) => ({
    task: m.task,
    seq: m.seq,
    text: m.text,
    deadline: m.deadline,
    lead: m.lead,
    responsible: m.responsible,
    assisting: m.assisting,
  }));

function withHeader(header: string): Plan {
  const lines = [...seedLines];
  lines[HEADER] = header;
  return parsePlan(lines.join('\n'));
}

const shifted = (p: Plan) => p.warnings.filter((w) => w.code === 'HEADER_SHIFTED');

describe('a header one cell short of its data', () => {
  it('lost its first cell (序号): the labels move right, the plan reads as with the full header', () => {
    expect(seedLines[HEADER].startsWith('序号\t')).toBe(true);
    const p = withHeader(seedLines[HEADER].slice('序号\t'.length));
    expect(content(p)).toEqual(content(seedPlan()));
    expect(p.tasks.map((t) => t.name)).toEqual(seedPlan().tasks.map((t) => t.name));
    expect(p.columns.map((c) => c.role)).toEqual(seedPlan().columns.map((c) => c.role));
    expect(shifted(p)).toHaveLength(1);
    expect(shifted(p)[0].message).toMatch(/从第 1 列“重点任务”起，各列名都落在其数据左边一列/);
  });

  it('two cells run together (序号 + 重点任务 → 序务): the labels after them move right', () => {
    const p = withHeader(seedLines[HEADER].replace('序号\t重点任务', '序务'));
    expect(content(p)).toEqual(content(seedPlan()));
    expect(shifted(p)[0].message).toMatch(/从第 2 列“工作措施”起/);
  });

  it('a Word table of another city, its header cell 序号 lost and the row padded: moved too', () => {
    const row = (line: number, ...cells: string[]) => ({ line, cells: cells.map((text) => ({ text })) });
    const body = [
      [
        '1',
        '垃圾分类',
        '推进生活垃圾分类投放点建设，完成全市范围内的示范小区改造并建立长效管理机制。',
        '2024年6月底前',
        '市城管委',
        '各区政府',
      ],
      [
        '2',
        '污水治理',
        '完成城区雨污分流管网改造工程，消除黑臭水体，建立河长巡河和水质监测通报制度。',
        '2024年底前',
        '市水务局',
        '市生态环境局',
      ],
      [
        '3',
        '园林绿化',
        '新建和改造城市公园绿地，推进口袋公园建设，提升道路绿化覆盖率和养护管理水平。',
        '2024年9月底前',
        '市园林局',
        '各区政府',
      ],
      [
        '4',
        '市容整治',
        '开展背街小巷环境整治，规范户外广告设置，清理违规占道经营和乱堆乱放现象。',
        '长期',
        '市城管委',
        '市市场监管局',
      ],
      [
        '5',
        '智慧城管',
        '建设城市运行管理服务平台，接入各类城市部件数据，实现问题发现处置闭环管理。',
        '2024年底前',
        '市大数据局',
        '市城管委',
      ],
    ];
    const doc: SourceDocument = {
      format: 'docx',
      preamble: ['某市2024年城市管理工作任务分工表'],
      tables: [
        {
          rows: [
            row(1, '重点任务', '工作措施', '完成时限', '牵头单位', '配合单位', ''),
            ...body.map((cells, i) => row(i + 2, ...cells)),
          ],
        },
      ],
      notes: [],
    };
    const p = parsePlan(doc);
    expect(shifted(p)).toHaveLength(1);
    expect(p.columns.map((c) => c.role)).toEqual([
      'number',
      'task',
      'measure',
      'deadline',
      'lead',
      'assisting',
    ]);
    expect(p.measures).toHaveLength(5);
    expect(p.measures[1].lead).toEqual(['市水务局']);
    expect(p.tasks.map((t) => t.name)).toEqual(['垃圾分类', '污水治理', '园林绿化', '市容整治', '智慧城管']);
  });

  it('an intact header, and data with one unlabelled column at the end, are left as they are', () => {
    expect(shifted(seedPlan())).toEqual([]);
    const lines = seedLines.map((l, i) => (i > HEADER && l.includes('\t') ? `${l}\t备注内容` : l));
    const p = parsePlan(lines.join('\n'));
    expect(shifted(p)).toEqual([]);
    expect(content(p)).toEqual(content(seedPlan()));
  });
});

describe('a header cell naming a unit role and the work', () => {
  it('牵头部门工作措施 over long prose is the measure column', () => {
    const p = withHeader(seedLines[HEADER].replace('工作措施', '牵头部门工作措施'));
    expect(p.columns[2]).toMatchObject({ header: '牵头部门工作措施', role: 'measure' });
    expect(content(p)).toEqual(content(seedPlan()));
  });
});
