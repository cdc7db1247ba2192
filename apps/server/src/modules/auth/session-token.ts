import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'lantian_session';

/** A new session: the token goes to the browser, only its hash to the database. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
