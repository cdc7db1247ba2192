import { describe, expect, it } from 'vitest';
import { beijingDirectory, indexDirectory, validateDirectory } from '../src/index.ts';
import { readUnitCell } from '../src/plan/units.ts';

const index = indexDirectory(beijingDirectory);
const names = (cell: string, role: 'lead' | 'responsible' | 'assisting' = 'lead') => {
  const r = readUnitCell(cell, role, index);
  return {
    names: r.mentions.map((m) => `${m.name}${m.kind === 'unknown' ? '?' : ''}`),
    etAl: r.etAl,
    byRole: r.byRole,
  };
};

describe('the Beijing directory', () => {
  it('is consistent', () => {
    expect(validateDirectory(beijingDirectory)).toEqual([]);
  });

  it('has the 16 districts and the Development Area in 各区政府', () => {
    const members = index.members('各区政府') ?? [];
    expect(members).toHaveLength(17);
    expect(members).toContain('延庆区政府');
    expect(members).toContain('北京经济技术开发区管委会');
    expect(index.members('相关区政府')).toBeNull();
  });

  it('finds units by full name, alias and sector word', () => {
    expect(index.lookup('北京市生态环境局')).toMatchObject({ type: 'unit', unit: { name: '市生态环境局' } });
    expect(index.lookup('生态环境部门')).toMatchObject({ type: 'unit', unit: { name: '市生态环境局' } });
    expect(index.lookup('城管执法部门')).toMatchObject({ type: 'unit', unit: { name: '市城管执法局' } });
    expect(index.lookup('北京市东城区人民政府')).toMatchObject({
      type: 'unit',
      unit: { name: '东城区政府' },
    });
  });
});

describe('unit cells', () => {
  it('splits on spaces, 、, ， and ；', () => {
    expect(names('市交通委 市公安局').names).toEqual(['市交通委', '市公安局']);
    expect(names('市交通委、市公安局，市财政局；市水务局').names).toEqual([
      '市交通委',
      '市公安局',
      '市财政局',
      '市水务局',
    ]);
  });

  it('keeps a merged agency whole despite its 、', () => {
    expect(names('市科委、中关村管委会 市财政局').names).toEqual(['市科委、中关村管委会', '市财政局']);
  });

  it('keeps a parenthesis with its unit', () => {
    const r = readUnitCell('市经济和信息化局 (市新能源汽车联席会议办公室)', 'lead', index);
    expect(r.mentions).toEqual([
      {
        name: '市经济和信息化局',
        kind: 'unit',
        written: '市经济和信息化局 (市新能源汽车联席会议办公室)',
        actingAs: '市新能源汽车联席会议办公室',
      },
    ]);
    expect(names('各区政府 (含北京经济技术开发区管委会)').names).toEqual(['各区政府']);
    expect(names('各区政府（含北京经济技术开发区管委会）').names).toEqual(['各区政府']);
  });

  it('flags 等部门 without making it a unit', () => {
    expect(names('市交通委 市城市管理委 等部门')).toMatchObject({
      names: ['市交通委', '市城市管理委'],
      etAl: true,
    });
    expect(names('市住房城乡建设委等部门')).toMatchObject({ names: ['市住房城乡建设委'], etAl: true });
    expect(names('市交通委')).toMatchObject({ etAl: false });
  });

  it('joins a name split by a stray space', () => {
    expect(names('市生态 环境局 市交通委').names).toEqual(['市生态环境局', '市交通委']);
  });

  it('keeps unknown units as written, without duty suffixes', () => {
    expect(names('某某研究中心 北京市某某 办公室').names).toEqual(['某某研究中心?', '北京市某某办公室?']);
    expect(names('某某研究院按职责分工负责').names).toEqual(['某某研究院?']);
    expect(names('——').names).toEqual([]);
    expect(names('<p>市城市管理委 市公安局</p>').names).toEqual(['市城市管理委', '市公安局']);
  });

  it('moves units to the role an inline marker gives', () => {
    const r = names('市发展改革委牵头，市财政局、各区政府配合', 'responsible');
    expect(r.names).toEqual([]);
    expect(r.byRole.lead?.map((m) => m.name)).toEqual(['市发展改革委']);
    expect(r.byRole.assisting?.map((m) => m.name)).toEqual(['市财政局', '各区政府']);
    // A lone duty suffix is not a marker.
    expect(names('各区政府按职责分工负责', 'responsible').names).toEqual(['各区政府']);
  });
});

describe('units written with no separator between them', () => {
  it('reads each unit that ends in a unit suffix', () => {
    expect(names('文化站 派出所工商质监所').names).toEqual(['文化站?', '派出所?', '工商质监所?']);
    expect(names('安监站安监所').names).toEqual(['安监站?', '安监所?']);
    expect(names('镇党政办镇财政所、司法所').names).toEqual(['镇党政办?', '镇财政所?', '司法所?']);
    expect(names('县教育局县卫生健康局').names).toEqual(['县教育局?', '县卫生健康局?']);
    expect(names('文化站卫生院派出所').names).toEqual(['文化站?', '卫生院?', '派出所?']);
  });

  it('splits two directory units written together', () => {
    expect(names('市交通委市公安局').names).toEqual(['市交通委', '市公安局']);
  });

  it('keeps the role a parenthesis gives on the last unit', () => {
    const r = readUnitCell('派出所安监站（牵头）', 'responsible', index);
    expect(r.mentions.map((m) => m.name)).toEqual(['派出所']);
    expect(r.byRole.lead?.map((m) => m.name)).toEqual(['安监站']);
  });

  it('keeps whole a unit with one suffix, or a suffix inside a word', () => {
    for (const cell of [
      '派出所',
      '工商质监所',
      '市场监督管理所',
      '办公室',
      '县委办公室',
      '县委宣传部',
      '中共某某县委组织部',
      '某某街道办事处',
      '城关镇社会事务办',
      '城关中心卫生院',
      '火车站派出所',
      '市公安局交警支队',
      '县水利局水政监察大队',
      '县城管局环卫所',
      '区卫健委综合科',
      '镇直站所',
      '某某研究中心办公室',
      '市纪委监委',
      '县商务局市场服务中心',
      '县农业农村局乡村振兴服务中心',
    ])
      expect(names(cell).names, cell).toEqual([`${cell}?`]);
  });
});

describe('cells as a narrow column and a list write them', () => {
  it('joins a name broken down a narrow cell, but not a list of units one to a line', () => {
    expect(names('市政\n府办\n公厅').names).toEqual(['市政府办公厅?']);
    expect(names('市\n监\n察\n局').names).toEqual(['市监察局?']);
    expect(names('长沙\n先导\n区管委会').names).toEqual(['长沙先导区管委会?']);
    expect(names('县水务局\n县住建局\n县护城河指挥部').names).toEqual([
      '县水务局?',
      '县住建局?',
      '县护城河指挥部?',
    ]);
    expect(names('林站\n文化站').names).toEqual(['林站?', '文化站?']);
  });

  it('reads 和 before a group of the plan’s own departments as a separator', () => {
    expect(names('岳麓区和市直相关单位').names).toEqual(['岳麓区?', '市直相关单位?']);
    expect(names('审计局、财政局和市直各单位、各区县市').names).toEqual([
      '审计局?',
      '财政局?',
      '市直各单位?',
      '各区县市?',
    ]);
    expect(names('住房和城乡建设局').names).toEqual(['住房和城乡建设局?']);
  });
});
