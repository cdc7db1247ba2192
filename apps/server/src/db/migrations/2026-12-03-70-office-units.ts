/**
 * The unit directory can be edited (issue 12 item 16): a unit may be disabled (no new assignments, its
 * history stays) or merged into another (its names kept as the other's aliases, its work moved), and
 * every edit of a unit or a group is kept in `directory_changes` (who, when, what).
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('units').addColumn('disabled_reason', 'text').execute();
  await db.schema.alterTable('units').addColumn('merged_into', 'text').execute();
  await db.schema
    .createTable('directory_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text')
    .addColumn('changed_by_name', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('directory_changes_subject_idx')
    .on('directory_changes')
    .columns(['subject_id', 'changed_at'])
    .execute();
}
