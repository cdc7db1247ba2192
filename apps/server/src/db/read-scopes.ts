/**
 * Reading the database's read scopes (see migration 2026-12-01-11-read-scopes): from the instance's
 * mirror on PostgreSQL when it is live (read-scope-mirror.ts), else one indexed query for up to four
 * scopes, prepared once per database. Caches compare the numbers with the ones they were built under; a
 * scope never bumped reads as 0.
 */
import type { Executor } from './connect.ts';
import { prepared } from './prepared.ts';
import { mirrorOf } from './read-scope-mirror.ts';

export const MAX_SCOPES_PER_READ = 4;

const readFour = prepared<[string, string, string, string], { scope: string; n: number }>(
  4,
  (db, a, b, c, d) =>
    db
      .selectFrom('read_scopes')
      .select(['scope', 'n'])
      .where('scope', 'in', [a as string, b as string, c as string, d as string]),
);

export type ScopeVersions = ReadonlyMap<string, number>;

/** The current number of each scope (at most four), in one round trip. */
export async function readScopes(db: Executor, scopes: readonly string[]): Promise<ScopeVersions> {
  if (scopes.length === 0 || scopes.length > MAX_SCOPES_PER_READ) {
    throw new Error(`readScopes takes 1 to ${MAX_SCOPES_PER_READ} scopes, got ${scopes.length}`);
  }
  const mirror = mirrorOf(db);
  if (mirror?.live) {
    const out = new Map<string, number>();
    for (const s of scopes) out.set(s, mirror.get(s) ?? 0);
    if (mirror.live) return out;
  }
  const first = scopes[0] as string;
  const args = [0, 1, 2, 3].map((i) => scopes[i] ?? first) as [string, string, string, string];
  const rows = await readFour(db, ...args);
  const out = new Map<string, number>(scopes.map((s) => [s, 0]));
  for (const r of rows) out.set(r.scope, Number(r.n));
  return out;
}
