/**
 * The audit chain becomes keyed (HMAC, key outside the database). Records written before this
 * migration keep their unkeyed SHA-256 hashes; one row here names the first keyed record (the
 * boundary), signed with the key so it cannot be moved. The application writes that row at its first
 * start after this migration (a migration has no key). Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_keying')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('boundary_seq', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
