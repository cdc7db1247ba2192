/** Expected parses of the Anhui, Zhejiang, Jiangsu and Shaanxi fixtures, written out from the source tables. */
import type { ExpectedMeasure, FixtureSpec } from './accuracy.ts';

/** No deadline column and no date in the text: due at the end of the plan year, as a staged measure. */
const planYear = (year: number) => ({ kind: 'milestones', due: `${year}-12-31` }) as const;
const row = (
  task: number,
  textStart: string,
  deadline: ExpectedMeasure['deadline'],
  units: { lead?: string[]; responsible?: string[]; assisting?: string[] },
  targets?: number[],
): ExpectedMeasure => ({
  task,
  seq: 1,
  textStart,
  deadline,
  lead: units.lead ?? [],
  responsible: units.responsible ?? [],
  assisting: units.assisting ?? [],
  ...(targets ? { targets } : {}),
});

/** 谯城 education: 重点工作任务 / 主要责任单位 / 协同配合单位; the rows the bureau takes part in (3, 68, 69). */
export const qiaochengEducation: FixtureSpec = {
  file: 'anhui-qiaocheng-education-2025.tsv',
  year: 2025,
  tasks: 3,
  measures: [
    row(
      3,
      '固定资产投资增长7.5%左右',
      planYear(2025),
      {
        responsible: ['区发改委'],
        assisting: [
          '区工信局',
          '区住建局',
          '区交通局',
          '区水利局',
          '区农业农村局',
          '区教育局',
          '区卫健委',
          '各乡镇人民政府',
          '街道办事处',
          '谯城经开区管委会',
          '魏武国控集团',
        ],
      },
      [7.5],
    ),
    row(68, '持续推进学前教育普及普惠', planYear(2025), {
      responsible: ['区教育局'],
      assisting: ['区政府有关部门', '各乡镇人民政府', '街道办事处'],
    }),
    row(69, '深化与海亮集团合作', planYear(2025), {
      responsible: ['区教育局'],
      assisting: ['区投资促进中心'],
    }),
  ],
};

/** 绍兴 key work: 内容与要求 / 进展情况 (progress, not read) / 责任单位; targets in the text. */
export const shaoxingKeyWork: FixtureSpec = {
  file: 'zhejiang-shaoxing-key-work-2020.tsv',
  year: 2020,
  tasks: 3,
  measures: [
    row(1, '坚持“稳开稳走', planYear(2020), { responsible: ['市发改委'] }, [7]),
    row(2, '持续推进重大项目攻坚', planYear(2020), { responsible: ['市发改委'] }, [10, 50]),
    row(3, '聚焦重点领域编制培育发展新兴产业', planYear(2020), { responsible: ['市发改委'] }, [44]),
  ],
};

/** 浙江 provincial key work: 重点工作 / 牵头单位 only; a section per leader. */
export const zhejiangKeyWork: FixtureSpec = {
  file: 'zhejiang-province-key-work-2020.tsv',
  year: 2020,
  tasks: 4,
  measures: [
    row(1, '稳企业、防风险', planYear(2020), {
      lead: ['省发展改革委', '省经信厅', '省财政厅', '省商务厅', '省地方金融监管局'],
    }),
    row(2, '“最多跑一次”改革和政府数字化转型', planYear(2020), { lead: ['省委改革办', '省大数据局'] }),
    row(3, '全面构建“多规合一”国土空间规划体系', planYear(2020), {
      lead: ['省发展改革委', '省自然资源厅'],
    }),
    row(4, '加快推进杭州城西科创大走廊科技创新高地建设', planYear(2020), {
      lead: ['杭州市政府', '省科技厅'],
    }),
  ],
};

/** 钟楼 waste sorting: 任务名称 / 目标内容 / 主要责任单位 / 完成期限 (`全年`). */
export const zhonglouWasteSorting: FixtureSpec = {
  file: 'jiangsu-zhonglou-waste-sorting-2023.tsv',
  year: 2023,
  tasks: 1,
  measures: [
    row(
      1,
      '落实垃圾分类党建引领机制',
      { kind: 'period', due: '2023-12-31' },
      { responsible: ['镇(街道)', '区委组织部'] },
      [2, 1],
    ),
  ],
};

/** 西安 business environment: labelled 牵头单位 / 责任单位 / 完成时限 under a section heading. */
export const xianBusinessEnvironment: FixtureSpec = {
  file: 'shaanxi-xian-business-environment-2024.tsv',
  year: 2024,
  tasks: 1,
  measures: [
    row(
      1,
      '营造项目公平准入环境',
      { kind: 'date', due: '2024-06-30' },
      {
        lead: ['市发改委'],
        responsible: [
          '市市场监管局',
          '市投资局',
          '市财政局',
          '各区县政府',
          '西咸新区管委会',
          '各开发区管委会',
        ],
      },
    ),
  ],
};

/** 广东 provincial work report: 部门分工 holds the roles inline (`省发展改革委牵头,各地、各部门配合。`). */
export const guangdongWorkReport: FixtureSpec = {
  file: 'guangdong-province-work-report-2021.tsv',
  year: 2021,
  tasks: 4,
  measures: [
    row(
      1,
      '地区生产总值增长6%以上',
      planYear(2021),
      { lead: ['省发展改革委'], assisting: ['各地', '各部门'] },
      [6],
    ),
    row(
      2,
      '地方一般公共预算收入增长5%左右',
      planYear(2021),
      { lead: ['省财政厅'], assisting: ['各地', '各部门'] },
      [5],
    ),
    row(
      3,
      '固定资产投资增长8%左右',
      planYear(2021),
      { lead: ['省发展改革委'], assisting: ['各地', '各部门'] },
      [8],
    ),
    row(
      4,
      '社会消费品零售总额增长6%以上',
      planYear(2021),
      { lead: ['省商务厅'], assisting: ['各地', '各部门'] },
      [6],
    ),
  ],
};

const XN = ['各县、市、区政府', '咸宁高新区管委会'];

/** 咸宁 policy measures: 重点工作 (category) / 主要任务 (task) / 工作措施 / 责任单位 / 备注, merged cells. */
export const xianningPolicyMeasures: FixtureSpec = {
  file: 'hubei-xianning-policy-measures-2020.tsv',
  year: 2020,
  tasks: 1,
  measures: [
    {
      ...row(1, '2.纳入工信部支持新冠肺炎防护用品', planYear(2020), {
        responsible: ['市经信局', '市财政局', ...XN],
      }),
      seq: 1,
    },
    { ...row(1, '3.在疫情防控调度任务结束后', planYear(2020), { responsible: ['市财政局', ...XN] }), seq: 2 },
  ],
};

/** 云南 steady growth: one prose item, roles inline (`…牵头；…，…配合`), dated steps in the text. */
export const yunnanSteadyGrowth: FixtureSpec = {
  file: 'yunnan-province-steady-growth-2017.tsv',
  year: 2017,
  tasks: 1,
  measures: [
    row(
      1,
      '建立健全省、州市、县级领导联系重点项目',
      // Staged: 3月底前, 6月底前, 9月底前, 第3季度, 11月底前; never due before the year end.
      { kind: 'milestones', due: '2017-12-31' },
      {
        lead: ['省发展改革委', '省财政厅'],
        assisting: [
          '省工业和信息化委',
          '省国土资源厅',
          '省环境保护厅',
          '省住房城乡建设厅',
          '省林业厅',
          '省水利厅',
          '省地税局',
          '国家开发银行云南省分行',
          '农业发展银行云南省分行',
          '各州、市人民政府',
        ],
      },
      [3, 20, 4, 60, 80],
    ),
  ],
};

/** 芜湖 education work points: 工作要点 / 责任科室 (the bureau's own sections: 组干科, 机关党委). */
export const wuhuEducation: FixtureSpec = {
  file: 'anhui-wuhu-education-2024.tsv',
  year: 2024,
  tasks: 1,
  measures: [row(1, '加强思想理论武装', planYear(2024), { responsible: ['组干科', '机关党委'] })],
};

/** 潮州 blue sky (2019—2020): roles inline (牵头 / 参与 / 负责落实); a two-year plan, due at its end. */
export const chaozhouBlueSky: FixtureSpec = {
  file: 'guangdong-chaozhou-blue-sky-2019.tsv',
  year: 2019,
  tasks: 1,
  measures: [
    row(
      1,
      '完成生态保护红线',
      { kind: 'milestones', due: '2020-12-31' },
      {
        lead: ['市生态环境局'],
        responsible: ['各县、区人民政府'],
        assisting: ['市发展和改革局', '市工业和信息化局', '市自然资源局'],
      },
      [],
    ),
    {
      ...row(
        1,
        '按省的要求',
        { kind: 'milestones', due: '2020-12-31' },
        { lead: ['市生态环境局', '市市场监管局'], assisting: ['市发展和改革局', '市工业和信息化局'] },
        // 35蒸吨以下 and 10蒸吨及以下 describe which boilers, they are no targets.
        [],
      ),
      seq: 2,
    },
  ],
};

const yixing = (
  task: number,
  textStart: string,
  deadline: ExpectedMeasure['deadline'],
  responsible: string[],
): ExpectedMeasure => ({ task, seq: 1, textStart, deadline, lead: [], responsible, assisting: [] });

/**
 * 宜兴 World Environment Day programme: 序号 / 时间 / 内容 / 任务与要求 / 地点 / 责任部门. The 地点 column is
 * a place, not a unit; `4月底至5月底` is a period, `6月初` early June; `环保局（宣）` is the 环保局 (its 宣教科).
 */
export const yixingEnvironmentDay: FixtureSpec = {
  file: 'jiangsu-yixing-environment-day-2007.tsv',
  year: 2007,
  tasks: 8,
  measures: [
    yixing(1, '开展“建设生态市', { kind: 'period', due: '2007-05-31' }, ['团市委', '教育局', '环保局']),
    yixing(2, '在局域网开设纪念', { kind: 'date', due: '2007-05-31' }, ['环保局']),
    yixing(3, '设置纪念“6·5”世界环境日宣传专栏', { kind: 'date', due: '2007-05-31' }, ['环保局']),
    yixing(4, '张贴纪念“6·5”世界环境日宣传画', { kind: 'period', due: '2007-06-30' }, [
      '环保局',
      '各相关单位',
    ]),
    yixing(5, '公布企业环境行为信息公开化评级结果', { kind: 'date', due: '2007-06-10' }, ['环保局', '报社']),
    yixing(6, '召开环境教育暨绿色学校创建总结推进会', { kind: 'date', due: '2007-06-03' }, [
      '环保局',
      '教育局',
    ]),
    yixing(7, '召开部分重点企业主座谈会', { kind: 'date', due: '2007-06-03' }, ['环保局']),
    yixing(8, '举办纪念“6·5”世界环境日暨环保进社区', { kind: 'date', due: '2007-06-04' }, [
      '环保局',
      '宜城镇',
    ]),
  ],
};
