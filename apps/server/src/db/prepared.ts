/**
 * Prepared queries for the hottest paths (every authenticated request, 我的任务): the query is built
 * and compiled once per database with placeholder arguments, then run with the real arguments. Kysely
 * otherwise rebuilds and recompiles the query on every call, which costs more than SQLite running it.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './connect.ts';

const SENTINEL = (i: number) => `\u0000lantian-arg-${i}\u0000`;

export function prepared<A extends unknown[], R>(
  arity: A['length'],
  build: (db: Executor, ...args: string[]) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<R[]> {
  const cache = new WeakMap<Executor, { compiled: CompiledQuery<R>; slots: number[] }>();
  return async (db, ...args) => {
    let entry = cache.get(db);
    if (!entry) {
      const sentinels = Array.from({ length: arity }, (_, i) => SENTINEL(i));
      const compiled = build(db, ...sentinels).compile();
      const slots = compiled.parameters.map((p) => sentinels.indexOf(p as string));
      for (let i = 0; i < arity; i++) {
        if (!slots.includes(i)) throw new Error(`prepared query does not use argument ${i}`);
      }
      entry = { compiled, slots };
      cache.set(db, entry);
    }
    const { compiled, slots } = entry;
    const parameters = compiled.parameters.map((p, i) => {
      const slot = slots[i] as number;
      return slot >= 0 ? args[slot] : p;
    });
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
}
