/** Usernames compare after NFKC and lower-casing: `Zhang`, `zhang` and `Ｚhang` are one name. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

const USERNAME = /^[\p{L}\p{N}][\p{L}\p{N}_.@-]{1,63}$/u;

/** What is wrong with a username, or null. */
export function usernameProblem(username: string): string | null {
  const n = username.normalize('NFKC').trim();
  if (!USERNAME.test(n)) return '用户名须为 2 到 64 个字母、数字或 _ . @ -，以字母或数字开头';
  return null;
}
