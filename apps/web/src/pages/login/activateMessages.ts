import { defineMessages } from '../../i18n/messages.ts';

/** The activation page: a new account's or a reset password's owner sets their own with the code. */
export const activateMessages = defineMessages({
  title: { zh: '激活账户', en: 'Activate your account' },
  intro: {
    zh: '新开通的账户或密码被重置后，请用收到的一次性激活码设置您自己的密码。激活码 72 小时内有效，只能使用一次。',
    en: 'For a new account or after a password reset: set your own password with the one-time code you received. The code is valid for 72 hours, once.',
  },
  code: { zh: '激活码', en: 'Activation code' },
  codeRequired: { zh: '请输入激活码', en: 'Enter the activation code' },
  submit: { zh: '设置密码', en: 'Set password' },
  done: {
    zh: '密码已设置，请用新密码登录。',
    en: 'Your password is set: sign in with it.',
  },
  toLogin: { zh: '去登录', en: 'Sign in' },
  haveCode: { zh: '有激活码？激活账户', en: 'Have an activation code? Activate your account' },
});
