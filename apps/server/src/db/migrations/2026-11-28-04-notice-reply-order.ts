/** The order of a notice's replies (several can share a clock tick): 1, 2, … per notice. Takes Kysely<any>. */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notice_replies').addColumn('seq', 'integer').execute();
  // Replies written before this migration: number them by time.
  await sql`update notice_replies set seq = (select count(*) from notice_replies r2 where r2.notice_id = notice_replies.notice_id and (r2.replied_at < notice_replies.replied_at or (r2.replied_at = notice_replies.replied_at and r2.id <= notice_replies.id)))`.execute(
    db,
  );
  await db.schema
    .createIndex('notice_replies_notice_seq_uq')
    .on('notice_replies')
    .columns(['notice_id', 'seq'])
    .unique()
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
