import { USER_ROLE_NAMES } from '@lantian/contract/names';
import { defineMessages } from '../i18n/messages.ts';

export const authMessages = defineMessages({
  appName: { zh: '蓝天', en: 'Lantian' },
  appSubtitle: { zh: '行动计划督办平台', en: 'Action plan supervision' },
  loginTitle: { zh: '登录', en: 'Sign in' },
  username: { zh: '用户名', en: 'Username' },
  usernameRequired: { zh: '请输入用户名', en: 'Enter your username' },
  password: { zh: '密码', en: 'Password' },
  passwordRequired: { zh: '请输入密码', en: 'Enter your password' },
  loginButton: { zh: '登录', en: 'Sign in' },
  loginFailed: { zh: '登录失败', en: 'Sign-in failed' },
  loginHelp: {
    zh: '忘记密码或账号被锁定，请联系本单位管理员或系统管理员重置。',
    en: 'Forgot your password or locked out? Ask your unit administrator or the system administrator to reset it.',
  },
  sessionExpiredTitle: { zh: '登录已失效', en: 'Your session has ended' },
  sessionExpiredBody: {
    zh: '长时间未操作或已在别处退出，请重新登录，登录后将回到刚才的页面。',
    en: 'You were inactive for too long or signed out elsewhere. Sign in again to return to the page you were on.',
  },
  loggedOut: { zh: '已安全退出', en: 'You have signed out' },
  changePasswordTitle: { zh: '修改密码', en: 'Change password' },
  mustChangeFirst: {
    zh: '首次登录或密码已重置，请先设置新密码后再继续使用。',
    en: 'This is your first sign-in or your password was reset: set a new password to continue.',
  },
  passwordExpired: {
    zh: '密码已过期，请设置新密码后再继续使用。',
    en: 'Your password has expired: set a new one to continue.',
  },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  currentPasswordRequired: { zh: '请输入当前密码', en: 'Enter your current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  newPasswordRequired: { zh: '请输入新密码', en: 'Enter a new password' },
  confirmPassword: { zh: '确认新密码', en: 'Confirm new password' },
  confirmPasswordRequired: { zh: '请再次输入新密码', en: 'Enter the new password again' },
  passwordMismatch: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  passwordSameAsOld: {
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  passwordRules: {
    zh: '至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 类；不能包含用户名，不能是常见密码或最近用过的密码。',
    en: 'At least 8 characters from 3 of: upper case, lower case, digits, symbols; not containing your username, not a common or recently used password.',
  },
  passwordTooShort: { zh: '至少 8 位', en: 'At least 8 characters' },
  passwordTooLong: { zh: '最多 128 位', en: 'At most 128 characters' },
  passwordClasses: {
    zh: '需包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'Use at least 3 of: upper case, lower case, digits, symbols',
  },
  passwordHasUsername: { zh: '不能包含用户名', en: 'Must not contain your username' },
  changePasswordButton: { zh: '确认修改', en: 'Change password' },
  passwordChanged: { zh: '密码已修改', en: 'Password changed' },
  cancel: { zh: '返回', en: 'Back' },
  logout: { zh: '退出登录', en: 'Sign out' },
  secondStepTitle: { zh: '双因素认证', en: 'Two-factor authentication' },
  secondStepHelp: {
    zh: '请输入身份验证器应用当前显示的 6 位验证码；手机不在身边时，可输入一个恢复码。',
    en: 'Enter the 6-digit code your authenticator app shows now, or one of your recovery codes.',
  },
  factorCode: { zh: '验证码或恢复码', en: 'Code or recovery code' },
  factorCodeRequired: { zh: '请输入验证码', en: 'Enter the code' },
  verifyButton: { zh: '验证并登录', en: 'Verify and sign in' },
  backToPassword: { zh: '返回重新输入密码', en: 'Back to the password' },
  secondStepLost: {
    zh: '手机丢失且恢复码用完时，请服务器管理员执行 npx lantian user reset-2fa 重置。',
    en: 'Lost your phone and your recovery codes? The server operator can reset it with npx lantian user reset-2fa.',
  },
});

export const roleMessages = defineMessages(USER_ROLE_NAMES);
