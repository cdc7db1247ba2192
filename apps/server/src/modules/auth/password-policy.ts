import type { SecurityConfig } from '../../config.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { ownWords, passwordScore } from './password-strength.ts';

/**
 * What is wrong with a new password, in words; empty when it is acceptable. `ownData`: the account's
 * other words (display name, unit) that a password should not be built from.
 */
export function passwordProblems(
  password: string,
  username: string,
  policy: SecurityConfig,
  ownData: readonly (string | null | undefined)[] = [],
): string[] {
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
  else if (
    ownWords(ownData).some(
      (word) => [...word].length >= (/^[\x20-\x7e]+$/.test(word) ? 4 : 3) && lower.includes(word),
    )
  )
    problems.push('密码不能包含姓名或单位名称');
  if (COMMON_PASSWORDS.has(lower)) problems.push('密码过于常见，请换一个');
  else if (
    problems.length === 0 &&
    passwordScore(password, [username, ...ownData]) < policy.passwordMinScore
  ) {
    problems.push(
      '密码容易被猜中（常见单词、拼音、城市名、年份、“520/1314”或与账户信息相近），请换一个更长、更少规律的密码',
    );
  }
  return problems;
}
