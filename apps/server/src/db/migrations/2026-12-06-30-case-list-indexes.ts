/**
 * The case list at 100,000 cases (bench/cases.bench.ts): two covering indexes, so that the list's page of
 * ids and its count can be read from an index rather than the wide rows — the office's state, overdue and
 * awaiting-me filters (`state`, `due_on`, `closed_on`, `extension_state`, `revisit_on`: their ORs can
 * only be counted by a scan; SQLite now scans the index, PostgreSQL's planner still prefers a parallel
 * scan of the table) and a unit's own list (`unit_id`, newest first, with the
 * columns its filters name). They replace the two indexes that are their leading columns.
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('cases_list_cover_idx')
    .on('cases')
    .columns(['state', 'due_on', 'closed_on', 'extension_state', 'revisit_on', 'id'])
    .execute();
  await db.schema.dropIndex('cases_state_due_idx').execute();
  await db.schema
    .createIndex('cases_unit_cover_idx')
    .on('cases')
    .columns(['unit_id', 'reported_at', 'dispatched_at', 'state', 'category', 'id'])
    .execute();
  await db.schema.dropIndex('cases_unit_time_idx').execute();
}
