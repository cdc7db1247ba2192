/**
 * A short-lived cache of sessions (with their user, unit and roles), so a cached read such as 我的任务
 * costs one small query instead of the session join. An entry is used only while
 * - it is younger than SESSION_CACHE_TTL_MS,
 * - the database's `session` read scope has not moved since it was read: a trigger bumps it whenever a
 *   session ends (logout, expiry, password change, sessions limit) or an account's password, state,
 *   roles or unit change — on whichever instance or CLI made the change — and
 * - the session needs no last-seen write yet and is not idle or past its lifetime: those requests go to
 *   the database, so idle expiry is decided on the stored last-seen time, never on a stale copy.
 * Code that ends sessions needs nothing more than its SQL; `forgetSession` / `forgetAllSessions` drop
 * local entries early (the scope check would refuse them anyway).
 */
import type { Executor } from '../../db/connect.ts';
import type { SessionRecord } from './auth.repository.ts';

export const SESSION_CACHE_TTL_MS = 5000;
const MAX_ENTRIES = 10_000;

/** The read scope every cached session is checked against. */
export const SESSION_SCOPE = 'session';

interface Entry {
  record: SessionRecord;
  /** The `session` scope read before the record was. */
  epoch: number;
  /** Clock time (ms) the record was read. */
  readAt: number;
}

const caches = new WeakMap<Executor, Map<string, Entry>>();

function cacheOf(db: Executor): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** A cached session still valid under `epoch` at `nowMs`, or undefined (read it from the database). */
export function cachedSession(
  db: Executor,
  sessionId: string,
  epoch: number,
  nowMs: number,
): SessionRecord | undefined {
  const cache = caches.get(db);
  const hit = cache?.get(sessionId);
  if (!hit) return undefined;
  if (hit.epoch !== epoch || nowMs - hit.readAt >= SESSION_CACHE_TTL_MS || nowMs < hit.readAt) {
    cache?.delete(sessionId);
    return undefined;
  }
  return hit.record;
}

/** The cached record of a session, unchecked: only to learn which unit's scopes to read with it. */
export function peekSession(db: Executor, sessionId: string): SessionRecord | undefined {
  return caches.get(db)?.get(sessionId)?.record;
}

/** Keep a session read under `epoch` (the scope read before the session itself). */
export function rememberSession(db: Executor, record: SessionRecord, epoch: number, nowMs: number): void {
  const cache = cacheOf(db);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.delete(record.session_id);
  cache.set(record.session_id, { record, epoch, readAt: nowMs });
}

/** Drop one session from this instance's cache (others see the `session` scope move). */
export function forgetSession(db: Executor, sessionId: string): void {
  caches.get(db)?.delete(sessionId);
}

/** Drop every cached session of this instance. */
export function forgetAllSessions(db: Executor): void {
  caches.get(db)?.clear();
}
