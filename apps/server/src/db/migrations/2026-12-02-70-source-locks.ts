/**
 * Lockout per account and source address (issue #13 item 8): failures from one address no longer
 * lock the owner out from another. Each (name, address) pair has its own count, lock and number of
 * locks so far (the next lock lasts longer). The account-wide `login_locks` table goes: a lock in it
 * would be a lock for every address, the very rule this replaces. Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_source_locks')
    .addColumn('username_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locks', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addPrimaryKeyConstraint('login_source_locks_pk', ['username_key', 'source'])
    .execute();
  await db.schema.dropTable('login_locks').execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
