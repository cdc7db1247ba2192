/**
 * Imports written in steps (issue 8: the import must not stall the server): a draft is written in
 * short transactions while `plans.importing_since` is set, and is invisible until the last, small
 * transaction clears it. A failure deletes what was written; a leftover of a crash is swept later.
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('importing_since', 'text').execute();
}
