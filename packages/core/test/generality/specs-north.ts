/** Expected parses of the Liaoning and Shandong fixtures, written out from the published texts. */
import type { ExpectedMeasure, FixtureSpec } from './accuracy.ts';

/** No deadline column and no date in the text: due at the end of the plan year. */
const planYear = (year: number) => ({ kind: 'milestones', due: `${year}-12-31` }) as const;
const row = (
  task: number,
  year: number,
  textStart: string,
  lead: string[],
  responsible: string[],
  targets?: number[],
): ExpectedMeasure => ({
  task,
  seq: 1,
  textStart,
  deadline: planYear(year),
  lead,
  responsible,
  assisting: [],
  ...(targets ? { targets } : {}),
});

/** 立山 (鞍山) 2023 work report: 牵头单位 / 责任单位, a comma between the units as often as a 、. */
export const lishanWorkReport: FixtureSpec = {
  file: 'liaoning-lishan-work-report-2023.tsv',
  year: 2023,
  tasks: 6,
  measures: [
    row(
      1,
      2023,
      '努力实现地区生产总值增长6.2%左右',
      ['区发改局'],
      ['立山经济开发区', '全区经济运行各专班'],
      [6.2],
    ),
    row(2, 2023, '规模上工业增加值增长5%左右', ['区工信局'], ['立山经济开发区'], [5]),
    row(3, 2023, '固定资产投资增长15%左右', ['区发改局'], ['立山经济开发区', '各街道', '区直各部门'], [15]),
    row(4, 2023, '社会消费品零售总额增长9%左右', ['区商务局'], ['各街道', '区市场局'], [9]),
    row(5, 2023, '一般公共预算收入增长8%左右', ['区财政局'], ['立山经济开发区', '各街道', '税务局'], [8]),
    row(6, 2023, '居民收入增长与经济增长基本同步', ['区发改局'], ['各街道', '各相关单位'], []),
  ],
};

/** 钢城 (济南) business environment 2021: a section and a subsection row over 牵头单位 / 责任单位. */
export const gangchengBusinessEnvironment: FixtureSpec = {
  file: 'shandong-gangcheng-business-environment-2021.tsv',
  year: 2021,
  tasks: 4,
  measures: [
    row(
      1,
      2021,
      '及时承接落实国务院和省、市政府取消',
      ['区政府办公室'],
      ['区政府有关部门', '各街道(功能区)'],
    ),
    row(
      2,
      2021,
      '严格落实行政许可设定审查制度',
      ['区政府办公室', '区司法局', '区行政审批服务局'],
      ['区政府有关部门'],
    ),
    // 区司法局等有关部门: the named unit, with the 等部门 flag for the others.
    row(3, 2021, '规范行政备案事项管理', ['区政府办公室'], ['区司法局']),
    row(4, 2021, '深入研究论证区级行政权力事项', ['区司法局'], ['区政府有关部门']),
  ],
};
