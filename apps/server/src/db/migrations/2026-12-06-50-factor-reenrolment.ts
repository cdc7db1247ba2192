/**
 * Re-enrolment after the security administrator's reset of a second factor (issue #13, item 3 of the
 * follow-ups): `second_factor_reenrolment` holds one row per account whose factor was reset while it
 * had one (who reset it, when, the reason given). Until the account confirms a new factor it may only
 * enrol, whatever the role policy says: a reset replaces a lost factor, it never removes it.
 * Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('second_factor_reenrolment')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('reset_by', 'text', (c) => c.references('users.id'))
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
