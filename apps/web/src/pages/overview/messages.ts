import { defineMessages } from '../../i18n/messages.ts';

export const overviewMessages = defineMessages({
  plan: { zh: '计划', en: 'Plan' },
  noPublishedTitle: { zh: '还没有已发布的计划', en: 'No plan is published yet' },
  noPublishedBody: {
    zh: '导入计划并完成审核发布后，这里会显示统计。请到“导入计划”开始。',
    en: 'Import a plan and publish it to see the figures here. Start from “Import a plan”.',
  },
  goImport: { zh: '去导入计划', en: 'Import a plan' },
  // Dashboard
  dashboardTitle: { zh: '督办总览', en: 'Overview' },
  dashboardSubtitle: { zh: '截至 {today}（北京时间）', en: 'As of {today} (Beijing time)' },
  statMeasures: { zh: '工作措施', en: 'Measures' },
  statUnits: { zh: '责任单位', en: 'Units involved' },
  statAssignments: { zh: '责任分工', en: 'Assignments' },
  statUpcoming: { zh: '未来 60 天节点', en: 'Dates in the next 60 days' },
  byMonth: { zh: '按完成时限月份', en: 'Measures by deadline month' },
  monthN: { zh: '{n}月', en: '{n}' },
  ongoingBar: { zh: '长期', en: 'Ongoing' },
  otherYearsBar: { zh: '跨年', en: 'Other years' },
  measuresAxis: { zh: '措施数', en: 'Measures' },
  upcomingTitle: { zh: '未来 60 天的时间节点', en: 'Milestones and deadlines in the next 60 days' },
  upcomingEmpty: {
    zh: '未来 60 天内没有时间节点或完成时限。',
    en: 'No milestone or deadline falls in the next 60 days.',
  },
  milestoneKind: { zh: '节点', en: 'Milestone' },
  deadlineKind: { zh: '完成时限', en: 'Deadline' },
  date: { zh: '日期', en: 'Date' },
  topUnits: { zh: '承担责任最多的单位', en: 'Units with the most open responsibilities' },
  topUnitsNote: {
    zh: '措施数按职责统计；红、黄、绿灯与已销号为各单位分工今天的预警状态。',
    en: 'Measures by role; red, yellow, green and closed are the lights of each unit’s assignments today.',
  },
  // Lights
  lightsTitle: { zh: '预警概况', en: 'Lights' },
  lightStat: { zh: '{light}分工', en: '{light} assignments' },
  redUp: { zh: '较上月 +{n}', en: '+{n} on last month' },
  redDown: { zh: '较上月 −{n}', en: '−{n} on last month' },
  trendTitle: { zh: '各月预警变化（月末）', en: 'Lights month by month (at each month end)' },
  trendEmpty: {
    zh: '计划年度尚未开始，还没有月度数据。',
    en: 'The plan year has not begun: no month to show yet.',
  },
  lightsBySection: { zh: '各章节措施预警', en: 'Measures by section and light' },
  lightsByUnit: { zh: '需关注的单位', en: 'Units needing attention' },
  lightsByUnitNote: {
    zh: '按红灯、黄灯分工数排序，显示前 {n} 个单位；点击查看该单位的措施',
    en: 'By red, then yellow assignments, the first {n} units; click one to see its measures',
  },
  noSection: { zh: '未分章节', en: 'No section' },
  deadlinesTitle: { zh: '时间节点', en: 'Deadlines' },
  unit: { zh: '单位', en: 'Unit' },
  total: { zh: '措施数', en: 'Measures' },
  overdue: { zh: '已过时限', en: 'Past deadline' },
  // Matrix
  matrixTitle: { zh: '责任矩阵', en: 'Responsibility matrix' },
  matrixSubtitle: {
    zh: '单位 × 重点任务：格中数字为措施数，颜色越深越多；点击格子查看对应措施',
    en: 'Units × key tasks: the number of measures, darker for more; click a cell to see the measures',
  },
  roleFilter: { zh: '职责', en: 'Role' },
  allRoles: { zh: '全部职责', en: 'All roles' },
  chart: { zh: '热力图', en: 'Heat map' },
  table: { zh: '表格', en: 'Table' },
  taskN: { zh: '任务 {n}', en: 'Task {n}' },
  cellTooltip: { zh: '{unit} · 任务 {task}', en: '{unit} · task {task}' },
  matrixEmpty: {
    zh: '该计划还没有责任分工（计划发布后才会展开到各单位）。',
    en: 'This plan has no assignments yet (they are expanded to units when it is published).',
  },
  cellText: {
    zh: '{n}（牵头{lead} 主责{responsible} 协办{assisting}）',
    en: '{n} (lead {lead}, resp. {responsible}, assist. {assisting})',
  },
});
