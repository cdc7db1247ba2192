import { defineMessages } from '../../i18n/messages.ts';

/** The unit leader's sign-off of held 督办单 replies, extension and closure requests. */
export const signoffMessages = defineMessages({
  card: { zh: '待签发的答复与申请', en: 'Replies and requests to sign off' },
  cardHint: {
    zh: '本计划要求督办答复、延期和销号申请经本单位领导签发后报出。',
    en: 'The plan requires a leader’s sign-off before notice replies, extension and closure requests leave the unit.',
  },
  empty: { zh: '没有待签发的答复或申请', en: 'Nothing to sign off' },
  kind: { zh: '类型', en: 'Kind' },
  kind_notice: { zh: '督办答复', en: 'Notice reply' },
  kind_extension: { zh: '延期申请', en: 'Extension request' },
  kind_closure: { zh: '销号申请', en: 'Closure request' },
  measures: { zh: '措施', en: 'Measures' },
  unit: { zh: '单位', en: 'Unit' },
  content: { zh: '内容', en: 'Content' },
  requestedDue: { zh: '申请延至 {due}：', en: 'New date {due}: ' },
  writtenBy: { zh: '经办人', en: 'Written by' },
  writtenAt: { zh: '提交时间', en: 'Submitted' },
  open: { zh: '签发', en: 'Sign off' },
  ownWork: {
    zh: '本人填写，须由本单位另一位领导签发',
    en: 'You wrote it: another leader of the unit signs it off',
  },
  drawer: { zh: '签发 · {kind} · 措施 {no}', en: 'Sign off · {kind} · measure {no}' },
  approve: { zh: '签发报出', en: 'Sign off and send' },
  reject: { zh: '退回经办人', en: 'Return to the writer' },
  rejectHint: { zh: '退回时须说明理由。', en: 'Say why it is returned.' },
  done: { zh: '已处理', en: 'Done' },
  totals: { zh: '共 {n} 项', en: '{n} in all' },
  // Shown on the request itself
  held: { zh: '待本单位领导签发', en: 'Awaiting the unit leader’s sign-off' },
  signedOff: { zh: '本单位领导已签发（{who}）', en: 'Signed off by the unit leader ({who})' },
  returned: { zh: '本单位领导退回（{who}）', en: 'Returned by the unit leader ({who})' },
  withComment: { zh: '{text}：{comment}', en: '{text}: {comment}' },
  unitSignoff: { zh: '本单位签发', en: 'Unit sign-off' },
});
