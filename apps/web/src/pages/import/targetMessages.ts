import { defineMessages } from '../../i18n/messages.ts';

/** Whose a target is, and its shares (issue 12 item 14): the review, the report form and the measure page. */
export const targetMessages = defineMessages({
  city: { zh: '全市总体', en: 'City-wide' },
  unit: { zh: '各单位各自完成', en: 'Each unit' },
  byRule: { zh: '按文字判定', en: 'read from the text' },
  byOffice: { zh: '办公室设定', en: 'set by the office' },
  cityHelp: {
    zh: '全市总体：牵头单位负责总量，各单位填报本单位完成量，汇总后与总量比较；可分解到单位。',
    en: 'City-wide: the lead holds the total; each unit reports its contribution, summed against the total; shares may be set per unit.',
  },
  switchLabel: { zh: '全市总体指标', en: 'City-wide target' },
  backToRule: { zh: '恢复按文字判定', en: 'Back to the reading of the text' },
  shares: { zh: '分解到单位', en: 'Shares per unit' },
  sharesTitle: { zh: '分解目标', en: 'Shares of the target' },
  sharesHelp: {
    zh: '为承担本措施的单位填写分解目标（不填则不分解，该单位不以全市总量考核）。',
    en: 'Set a share for the units that carry the measure (left blank: no share, the unit is not judged by the total).',
  },
  sharesTotal: { zh: '分解合计 {total}，指标 {target}', en: 'Shares total {total}, target {target}' },
  sharesDiffer: {
    zh: '分解合计与指标不一致（相差 {gap}），可以保存。',
    en: 'The shares do not add up to the target (off by {gap}); you may still save.',
  },
  sharesInvalid: { zh: '分解目标不能为负数', en: 'A share cannot be negative' },
  sharesCount: { zh: '已分解 {n} 个单位', en: '{n} units have shares' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  contribution: { zh: '本单位完成量', en: 'This unit’s contribution' },
  contributionShare: { zh: '本单位分解目标 {share}', en: 'This unit’s share: {share}' },
  contributionNoShare: {
    zh: '全市总体指标 {goal}（牵头单位汇总各单位完成量；本单位未分解目标）',
    en: 'City-wide target {goal} (the lead sums every unit’s contribution; no share set for this unit)',
  },
  totalsTitle: { zh: '全市汇总', en: 'City-wide totals' },
  totalsSum: { zh: '各单位合计 {sum} / 指标 {target}', en: 'Units’ sum {sum} / target {target}' },
  totalsReported: { zh: '{reported}/{units} 个单位已报', en: '{reported} of {units} units reported' },
  unitCol: { zh: '单位', en: 'Unit' },
  valueCol: { zh: '完成量', en: 'Contribution' },
  shareCol: { zh: '分解目标', en: 'Share' },
  lightCol: { zh: '预警', en: 'Light' },
  notReported: { zh: '未报', en: 'Not reported' },
});
