import { defineMessages } from '../../i18n/messages.ts';

export const proposalMessages = defineMessages({
  title: { zh: '监测规则建议（{n}）', en: 'Proposals from monitoring rules ({n})' },
  hint: {
    zh: '监测数据触发了办公室设定的规则。确认即下发督办单（或约谈通知），不采纳须说明理由。未经确认不会发给任何单位。',
    en: 'Measured data triggered the office’s rules. Confirming issues the notice (or summons); dismissing needs a reason. Nothing reaches a unit unless you confirm.',
  },
  area: { zh: '区域', en: 'Area' },
  unit: { zh: '责任单位', en: 'Unit' },
  rule: { zh: '规则', en: 'Rule' },
  period: { zh: '期间', en: 'Period' },
  evidence: { zh: '依据', en: 'Evidence' },
  evidenceItem: { zh: '{period} 第 {rank} 名（{value}）', en: '{period} rank {rank} ({value})' },
  noData: { zh: '数据不足', en: 'no data' },
  action: { zh: '建议', en: 'Proposal' },
  notice: { zh: '督办单', en: 'Notice' },
  summons: { zh: '约谈', en: 'Summons' },
  confirm: { zh: '确认下发', en: 'Confirm and issue' },
  confirmed: { zh: '已下发督办单', en: 'Notice issued' },
  dismiss: { zh: '不采纳', en: 'Dismiss' },
  dismissTitle: { zh: '不采纳：{area}', en: 'Dismiss: {area}' },
  dismissReason: { zh: '理由', en: 'Reason' },
  dismissReasonRequired: { zh: '请填写不采纳的理由', en: 'Give the reason for dismissing' },
  dismissed: { zh: '已不采纳', en: 'Dismissed' },
});
