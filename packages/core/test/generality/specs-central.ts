/** Expected parses of the 长沙 (Hunan) and 大竹 (Sichuan) fixtures, written out from the published tables. */
import type { ExpectedMeasure, FixtureSpec } from './accuracy.ts';

const one = (
  task: number,
  textStart: string,
  deadline: ExpectedMeasure['deadline'],
  lead: string[],
  responsible: string[],
  targets?: number[],
): ExpectedMeasure => ({
  task,
  seq: 1,
  textStart,
  deadline,
  lead,
  responsible,
  assisting: [],
  ...(targets ? { targets } : {}),
});

/** No deadline column and no date in the text: due at the end of the plan year. */
const by2012 = { kind: 'milestones', due: '2012-12-31' } as const;
const CITY_WIDE = ['市直各单位', '各区县市'];
const FGW_RESPONSIBLE = ['统计局', '市直相关单位', '各区县市', '各园区'];

/**
 * 长沙 2012 work report: the lead unit is the first column, broken down its narrow cells (`市/监/察/局`)
 * and merged over its rows; each row is a target or task of its own; 和 before `市直…单位` separates.
 * The 责任单位 of the 市发改委 indicators is one merged cell over four rows.
 */
export const changshaWorkReport: FixtureSpec = {
  file: 'hunan-changsha-work-report-2012.tsv',
  year: 2012,
  tasks: 11,
  measures: [
    one(1, '强化行政监督', by2012, ['市政府办公厅'], CITY_WIDE),
    one(2, '推进国家安全工作发展', by2012, ['市政府办公厅'], CITY_WIDE),
    one(3, '推进河西商业配套建设', by2012, ['长沙先导区管委会'], ['商务局', '高新区', '岳麓区']),
    one(
      4,
      '实施先导区新三年行动计划',
      by2012,
      ['长沙先导区管委会'],
      ['市直相关单位', '高新区', '岳麓区', '望城区'],
    ),
    one(
      5,
      '继续开展岳麓山景区综合整治',
      by2012,
      ['长沙先导区管委会'],
      ['环保局', '城投集团', '林业局', '园林局', '工信委', '岳麓区', '市直相关单位'],
    ),
    one(6, '想问题、做决策、安排资金', by2012, ['市监察局'], CITY_WIDE),
    one(7, '严肃查处利用职权', by2012, ['市监察局'], ['审计局', '财政局', ...CITY_WIDE]),
    one(8, '地区生产总值增长13%', by2012, ['市发改委'], FGW_RESPONSIBLE, [13]),
    one(9, '固定资产投资增长20%', by2012, ['市发改委'], FGW_RESPONSIBLE, [20]),
    one(10, '单位地区生产总值综合能耗下降3.5%', by2012, ['市发改委'], FGW_RESPONSIBLE, [3.5]),
    one(11, '城乡居民人均可支配收入分别增长12%和14%', by2012, ['市发改委'], FGW_RESPONSIBLE, [12, 14]),
  ],
};

const due = (d: string) => ({ kind: 'date', due: d }) as const;
const yearEnd = due('2016-12-31');

/**
 * 大竹 2016 民生实事: one unit column (责任单位, so responsible), several units one to a line in a cell,
 * deadlines with the work after them (`9月投入使用`, `5月底前动工`), and item 5 in two rows whose second
 * has its 序号 and 责任单位 merged into the first.
 */
export const dazhuLivelihoodProjects: FixtureSpec = {
  file: 'sichuan-dazhu-livelihood-projects-2016.tsv',
  year: 2016,
  tasks: 10,
  measures: [
    one(1, '启动建设东柳河城区段综合治理工程', yearEnd, [], ['县水务局', '县住建局', '县护城河指挥部']),
    one(2, '新建2座人行天桥', due('2016-09-30'), [], ['县住建局']),
    one(3, '启动县图书馆新馆建设', yearEnd, [], ['县文体广新局', '县代建中心']),
    one(4, '建成县残疾人综合服务中心', due('2016-05-31'), [], ['县残联']),
    one(5, '开工建设县老年养护楼', due('2016-05-31'), [], ['县民政局']),
    { ...one(5, '开工建设老年大学', yearEnd, [], ['县民政局']), seq: 2 },
    one(6, '迁建县政务服务中心', yearEnd, [], ['县政务服务中心', '县代建中心']),
    one(7, '加快推进土地滩水库建设', yearEnd, [], ['县水务局']),
    one(8, '启动大竹县第十二小学建设', yearEnd, [], ['县教科局', '县代建中心']),
    one(9, '完成棚户区改造2836户', yearEnd, [], ['县住建局'], [2836]),
    one(10, '城区再新建1个农贸市场', yearEnd, [], ['县商务局']),
  ],
};

const by2016 = { kind: 'milestones', due: '2016-12-31' } as const;
const target = (task: number, item: string, responsible: string[], targets: number[]) =>
  one(task, item, by2016, [], responsible, targets);
const FGJ = ['区发改局', '区统计局'];
const JXJ = ['区经信局', '区统计局'];
const SWJ = ['区商务局', '区统计局'];
const FGW = ['区发改委', '区统计局'];

/**
 * 旌阳 2016 targets: `项 目` over two columns (category, indicator), `目标任务` holding the values,
 * `监考单位` naming the departments with no separator between them (`区发改局区统计局`), and merged
 * 监考单位 cells left empty under their first row. No deadline column: due at the year end.
 */
export const jingyangDevelopmentTargets: FixtureSpec = {
  file: 'sichuan-jingyang-development-targets-2016.tsv',
  year: 2016,
  tasks: 24,
  measures: [
    target(1, '地区生产总值增长率', FGJ, []),
    target(2, '规模以上工业增加值增长率', JXJ, []),
    target(3, '服务业增加值增长率', SWJ, []),
    target(4, '社会消费品零售总额增长率', SWJ, []),
    target(5, '地方公共财政收入增长率', ['区财政局'], []),
    target(6, '税收占地方公共财政收入的比重及变化率', ['区财政局'], []),
    target(7, '全社会固定资产投资额', FGW, [186]),
    target(8, '完成重点项目年度投资计划', FGW, [18.4]),
    target(9, '建筑业总产值', ['区住建局'], [140]),
    target(10, '工业投资', JXJ, [52]),
    target(11, '引进国内省外实际到位资金', ['区投促局'], [62]),
    // 9 projects; the 5 亿元 of the indicator's name is which projects count, not a target.
    target(12, '新引进 5 亿元以上重大项目', ['区投促局'], [9]),
    target(13, '外商投资实际到位资金', ['区商务局'], [1500]),
    target(14, '外贸进出口额', ['区商务局'], [10000]),
    target(15, '地方政府债务率', ['区财政局'], []),
    target(16, '地方政府新增债务率', ['区财政局'], []),
    target(17, '高新技术产业总产值', ['区科技局'], [290]),
    target(18, '创新创业孵化载体', ['区科技局'], [1]),
    target(19, '淘汰落后产能任务完成率', ['区经信局'], [100]),
    target(20, '技改投资', ['区经信局'], [46]),
    target(21, '银行新增贷款额', ['区金融办'], [15]),
    target(22, '发明专利申请量', ['区科技局'], [210]),
    target(23, '城镇新增就业人数', ['区人社局'], [5800]),
    target(24, '城镇登记失业率', ['区人社局'], [4.1]),
  ],
};
