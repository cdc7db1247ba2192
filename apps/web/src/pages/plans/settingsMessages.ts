import { defineMessages } from '../../i18n/messages.ts';

export const settingsMessages = defineMessages({
  title: { zh: '填报设置', en: 'Reporting settings' },
  defaults: {
    zh: '尚未设置，目前按默认：每月填报，25 日前报送，自计划年度 1 月 1 日起。',
    en: 'Not set yet; the defaults apply: monthly, due on the 25th, from 1 January of the plan year.',
  },
  cycle: { zh: '填报周期', en: 'Cycle' },
  cycleHelp: {
    zh: '长期实施的措施每期都要填报；时段类措施只在实施时段内填报。',
    en: 'Ongoing measures report every period; windowed ones only inside their window.',
  },
  monthly: { zh: '每月', en: 'Monthly' },
  biweekly: { zh: '每半月', en: 'Twice a month' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  dueDay: { zh: '报送截止日', en: 'Due day' },
  dueDayHelp: {
    zh: '每月几日前报送（超过当月天数时按月底计）。',
    en: 'Day of the month reports are due (month end when shorter).',
  },
  dueDayBiweekly: {
    zh: '半月报在每半月最后一天报送。',
    en: 'Twice-monthly reports are due on the last day of each half.',
  },
  dueDayQuarterly: {
    zh: '季度报在季度最后一个月的这一天报送。',
    en: 'Quarterly reports are due on this day of the quarter’s last month.',
  },
  periodStart: { zh: '计划期开始', en: 'Plan period starts' },
  periodEnd: { zh: '计划期结束', en: 'Plan period ends' },
  periodHelp: {
    zh: '只在计划期内要求填报；期满未完成的工作记为“未按期完成”一次。跨年度计划或结转时延长结束日期。',
    en: 'Reports are owed only within the plan period; work unfinished at its end is marked "not completed on time" once. Extend the end for a multi-year plan or to carry it over.',
  },
  periodEndBeforeStart: { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' },
  start: { zh: '填报起始日期', en: 'Reporting starts' },
  startHelp: { zh: '此日期之前的期次不要求填报。', en: 'No report is owed for periods before this date.' },
  reminderDays: { zh: '催办提前天数', en: 'Reminder days' },
  reminderDaysHelp: {
    zh: '在节点和完成时限到期前多少天提醒责任单位（可多选，也可直接输入 1–90 的天数）。',
    en: 'Days before a milestone or deadline that units are reminded (choose or type 1–90).',
  },
  reminderDaysInvalid: { zh: '请输入 1 到 90 之间的整数天数', en: 'Use whole days from 1 to 90' },
  daysBefore: { zh: '提前 {n} 天', en: '{n} days before' },
  requestSignoff: {
    zh: '答复和申请须经单位领导签发',
    en: 'Replies and requests need the unit leader’s sign-off',
  },
  requestSignoffHelp: {
    zh: '开启后，督办答复、延期申请和销号申请须经本单位另一位领导签发后才报出（已在等待签发的仍须签发）。',
    en: 'When on, notice replies, extension and closure requests leave a unit only once another of its leaders signs them off (those already held still need it).',
  },
  required: { zh: '必填', en: 'Required' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  saved: { zh: '填报设置已保存，各单位的预警已按新设置重新计算', en: 'Saved; the lights were recomputed' },
});
