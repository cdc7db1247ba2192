/**
 * The unit directory as a table (issue 8 §3: import and export as CSV/xlsx): a unit's remark (备注),
 * written by the office or by an imported directory, read back by the export so export → import is a no-op.
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('note', 'text').execute();
}
