/**
 * The password policy checks the browser can make before asking the server (which also refuses common
 * and recently used passwords). Returns the message keys of the rules broken.
 */
export type PasswordProblem =
  | 'passwordTooShort'
  | 'passwordTooLong'
  | 'passwordClasses'
  | 'passwordHasUsername';

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < 8) problems.push('passwordTooShort');
  if (length > 128) problems.push('passwordTooLong');
  if (characterClasses(password) < 3) problems.push('passwordClasses');
  if (username?.trim() && password.toLowerCase().includes(username.trim().toLowerCase())) {
    problems.push('passwordHasUsername');
  }
  return problems;
}
