import { defineMessages } from '../../i18n/messages.ts';

export const apiKeyMessages = defineMessages({
  title: { zh: 'API 密钥', en: 'API keys' },
  subtitle: {
    zh: '监测系统推送数据所用的密钥：由安全管理员签发与吊销；密钥只在签发时显示一次，系统只保存其摘要。',
    en: 'Keys monitoring systems push data with: issued and revoked by the security administrator; a key is shown once, only its hash is kept.',
  },
  name: { zh: '系统名称', en: 'System name' },
  scopes: { zh: '权限', en: 'Scopes' },
  indicators: { zh: '可写指标（留空为全部）', en: 'Indicators it may write (empty: all)' },
  issue: { zh: '签发密钥', en: 'Issue key' },
  issued: { zh: '新密钥（只显示这一次，请立即保存）：', en: 'New key (shown this once; save it now):' },
  revoke: { zh: '吊销', en: 'Revoke' },
  revokeConfirm: {
    zh: '吊销后该系统将无法再推送数据，确定吗？',
    en: 'The system will no longer be able to push data. Revoke?',
  },
  colPrefix: { zh: '前缀', en: 'Prefix' },
  colCreated: { zh: '签发时间', en: 'Issued' },
  colUsed: { zh: '最近使用', en: 'Last used' },
  colState: { zh: '状态', en: 'State' },
  active: { zh: '有效', en: 'Active' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  all: { zh: '全部', en: 'All' },
});
