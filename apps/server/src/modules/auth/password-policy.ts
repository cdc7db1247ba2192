import type { SecurityConfig } from '../../config.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** What is wrong with a new password, in words; empty when it is acceptable. */
export function passwordProblems(password: string, username: string, policy: SecurityConfig): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.passwordMinLength) problems.push(`密码至少 ${policy.passwordMinLength} 个字符`);
  if (length > policy.passwordMaxLength) problems.push(`密码最多 ${policy.passwordMaxLength} 个字符`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.passwordMinClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类`);
  }
  const lower = password.normalize('NFKC').toLowerCase();
  const user = username.normalize('NFKC').toLowerCase();
  if (user.length >= 3 && lower.includes(user)) problems.push('密码不能包含用户名');
  if (COMMON_PASSWORDS.has(lower)) problems.push('密码过于常见，请换一个');
  return problems;
}
