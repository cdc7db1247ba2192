/**
 * Reminder digests and grouped notifications: each account chooses whether a unit's reminders come as
 * one digest a day (the default) and from which hour (Beijing time); each notification carries its
 * Beijing day, so the notification centre groups by day and kind with an index.
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('user_contacts')
    .addColumn('digest_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('user_contacts')
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(8))
    .execute();
  await db.schema.alterTable('notifications').addColumn('day', 'text').execute();
  // Beijing day of the stored UTC instant: the first 10 characters after adding 8 hours. Existing rows
  // are few; the app writes the day itself from now on.
  const rows = await db.selectFrom('notifications').select(['id', 'created_at']).execute();
  for (const r of rows as { id: string; created_at: string }[]) {
    const day = new Date(Date.parse(r.created_at) + 8 * 3_600_000).toISOString().slice(0, 10);
    await db.updateTable('notifications').set({ day }).where('id', '=', r.id).execute();
  }
  await db.schema
    .createIndex('notifications_user_day_kind_idx')
    .on('notifications')
    .columns(['user_id', 'day', 'kind'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
