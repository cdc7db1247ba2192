/**
 * The import as users meet it. Takes Kysely<any>.
 * - `column_mappings`: the column roles a supervisor chose for a table header, by header signature
 *   (SHA-256 of the header cells in order), offered again when a document with the same header arrives.
 * - `plan_versions`: a draft imported as a new version of an existing plan; publishing it retires the
 *   plan it replaces.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('column_mappings')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'text', (c) => c.references('users.id'))
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_versions')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('replaces_plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_versions_replaces_idx')
    .on('plan_versions')
    .column('replaces_plan_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
