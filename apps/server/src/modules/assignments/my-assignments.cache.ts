/**
 * 我的任务 is the page every unit opens first and most: its JSON is kept per unit (and plan filter) and
 * served again while the database's read version has not moved. The version is bumped by triggers in the
 * same transaction as any change to what the page shows, so a cached body is never older than the data
 * it came from, on any instance.
 */
import { MyAssignmentsResponse } from '@lantian/contract';
import type { Executor } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';
import type { Principal } from '../auth/principal.ts';
import { myAssignments } from './my-assignments.ts';

const MAX_ENTRIES = 500;

const readVersion = prepared<[], { n: number }>(0, (db) =>
  db.selectFrom('read_version').select('n').where('id', '=', 1),
);

interface Entry {
  version: number;
  /** UTF-8 bytes: encoding a 24 KB Chinese JSON string again on every response costs more than the rest. */
  body: Buffer;
}

const caches = new WeakMap<Executor, Map<string, Entry>>();

/** The response body of `GET /me/assignments` (JSON, UTF-8), validated by its zod schema when built. */
export async function myAssignmentsJson(db: Executor, user: Principal, planId?: string): Promise<Buffer> {
  // Read before the data (at authentication, usually): a write landing in between only makes the next
  // request rebuild, never serves old data under a new version.
  const version = user.readVersion ?? Number((await readVersion(db))[0]?.n ?? -1);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${user.unitId}\u0000${planId ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.body;
  const encoded = MyAssignmentsResponse.encode({ assignments: await myAssignments(db, user, planId) });
  const body = Buffer.from(JSON.stringify(encoded));
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.delete(key);
  cache.set(key, { version, body });
  return body;
}
