/** Expected parses of the Sichuan and Henan fixtures, written out from the source tables. */
import type { ExpectedMeasure, FixtureSpec } from './accuracy.ts';

const COUNTIES = ['各县(区)政府', '市直园区管委会'];
const ongoing = { kind: 'ongoing' } as const;
const flat = (
  task: number,
  textStart: string,
  deadline: ExpectedMeasure['deadline'],
  responsible: string[],
) => ({
  task,
  seq: 1,
  textStart,
  deadline,
  lead: [],
  responsible,
  assisting: [],
});

/** 遂宁 city sanitation: one unit column (负责部门), so all its units are responsible; no lead column. */
export const suiningSanitation: FixtureSpec = {
  file: 'sichuan-suining-sanitation-2016.tsv',
  year: 2016,
  tasks: 11,
  measures: [
    flat(1, '完善城市管理体制', { kind: 'date', relative: true }, ['市委编办', '市住建局', '市城管局']),
    flat(2, '完善城市工作机制', { kind: 'date', due: '2016-06-30' }, ['市住建局', ...COUNTIES]),
    flat(3, '推进市、县、园区数字化城市管理平台建设', ongoing, ['市城管局', ...COUNTIES]),
    flat(4, '开展环境卫生设施规划编制工作', { kind: 'date', due: '2016-12-31' }, [
      '市住建局',
      '市发改委',
      '市财政局',
      '市环保局',
      ...COUNTIES,
    ]),
    flat(5, '加强生活垃圾处理设施运行监管', ongoing, ['市住建局', '市环保局', ...COUNTIES]),
    flat(6, '开展城镇生活垃圾分类试点', { kind: 'period', due: '2017-12-31' }, [
      '市住建局',
      '市发改委',
      '市财政局',
      '市商务局',
      '市供销社',
      ...COUNTIES,
    ]),
    flat(7, '加快环境卫生设施建设', { kind: 'period', due: '2018-12-31' }, [
      '市住建局',
      '市发改委',
      '市财政局',
      '市环保局',
      ...COUNTIES,
    ]),
    flat(8, '防止过度包装', ongoing, ['市质监局', '市商务局', ...COUNTIES]),
    flat(9, '鼓励净菜上市', ongoing, ['市商务局', '市农业局', ...COUNTIES]),
    flat(10, '在宾馆和餐饮等服务行业', ongoing, ['市商务局', '市旅游局', ...COUNTIES]),
    flat(11, '抓好再生资源分拣中心', ongoing, ['市住建局', '市供销社', ...COUNTIES]),
  ],
};

const PDS_RESPONSIBLE = [
  '各县(市、区)党委和人民政府',
  '城乡一体化示范区党工委和管委会',
  '高新区党工委和管委会',
];

/** 平顶山 river chiefs: 类别 / 主要任务 / 细化措施 with 牵头 / 参与 / 责任 columns; no deadline column. */
export const pingdingshanRiverChief: FixtureSpec = {
  file: 'henan-pingdingshan-river-chief-2018.tsv',
  year: 2018,
  tasks: 2,
  measures: [
    {
      task: 1,
      seq: 1,
      textStart: '实施水资源消耗总量和强度双控行动',
      deadline: { kind: 'milestones', due: '2020-12-31' },
      lead: ['市水利局'],
      responsible: PDS_RESPONSIBLE,
      assisting: ['市发展改革委', '市工业和信息化委', '市住房和城乡建设局', '市农业局'],
      targets: [11.88],
    },
    {
      task: 2,
      seq: 1,
      textStart: '落实万元国内生产总值水耗指标',
      deadline: { kind: 'milestones', due: '2020-12-31' },
      lead: ['市水利局'],
      responsible: PDS_RESPONSIBLE,
      assisting: ['市发展改革委', '市工业和信息化委', '市住房和城乡建设局'],
      targets: [24, 25],
    },
  ],
};

const CD_DISTRICTS = '各区(市)县政府';

/** 成都 waste sorting: 工作内容 / 目标任务 / 责任单位 / 备注; the deadline is written in the 目标任务 cell. */
export const chengduWasteSorting: FixtureSpec = {
  file: 'sichuan-chengdu-waste-sorting-2020.tsv',
  year: 2020,
  tasks: 4,
  measures: [
    {
      ...flat(1, '将生活垃圾分类投放作为精神文明建设的重要内容', { kind: 'date', due: '2021-02-28' }, [
        '市委宣传部',
        '市城管委',
        '市住建局',
        '市总工会',
        '团市委',
        '市妇联',
        '市文广旅局',
        CD_DISTRICTS,
      ]),
      targets: [90],
    },
    flat(2, '完善生活垃圾回收利用体系', { kind: 'date', due: '2021-02-28' }, [
      '市商务局',
      '市住建局',
      '市城管委',
      '市委社治委',
      '市发改委',
      '市规划和自然资源局',
      CD_DISTRICTS,
    ]),
    flat(3, '加强家庭源危险废物处置的规范化管理', { kind: 'date', due: '2021-02-28' }, [
      '市生态环境局',
      CD_DISTRICTS,
    ]),
    flat(4, '依据国土空间规划落实生活垃圾分类设施专项规划', { kind: 'date', due: '2021-02-28' }, [
      '市城管委',
      '市规划和自然资源局',
      '市生态环境局',
      '市商务局',
      '市住建局',
      CD_DISTRICTS,
    ]),
  ],
};

const month = (m: number) => ({
  kind: 'date' as const,
  due: `2017-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(2017, m, 0)).getUTCDate())}`,
});

/**
 * 徐庄镇 (登封) work safety: 专项整治行业名称 / 时间安排 / 责任单位, no number column: each row is a task,
 * `1月份` is due at the end of that month, the units are separated by spaces.
 */
export const xuzhuangWorkSafety: FixtureSpec = {
  file: 'henan-xuzhuang-work-safety-2017.tsv',
  year: 2017,
  tasks: 12,
  measures: [
    flat(1, '烟花爆竹', month(1), ['安监站', '安监所']),
    flat(2, '危险化学品', month(2), ['安监站', '安监所']),
    flat(3, '电力设施', month(3), ['电管所']),
    flat(4, '养老机构', month(4), ['民政所']),
    flat(5, '建筑施工及市政建设', month(5), ['城建办']),
    flat(6, '医疗机构', month(6), ['文化站', '卫生院']),
    flat(7, '特种设备', month(7), ['工商质监所', '安监站']),
    // As people read it: 派出所 and 工商质监所 (the page writes them with no separator).
    flat(8, '网吧、KTV', month(8), ['文化站', '派出所', '工商质监所']),
    flat(9, '景区(点)、文物设施、宗教场所', month(9), ['生态办']),
    flat(10, '学校、幼儿园、午托部', month(10), ['文化站']),
    flat(11, '林产品加工', month(11), ['林站']),
    flat(12, '交通运输', month(12), ['超限站', '公路站', '交警六中队']),
  ],
};
