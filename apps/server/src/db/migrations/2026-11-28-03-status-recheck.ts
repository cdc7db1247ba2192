/**
 * The day an assignment's status may next change by the passing of time alone (a milestone coming
 * due, a report day passing, a reminder day): the daily job recomputes only the assignments whose day
 * has come, instead of every assignment of every plan. Takes Kysely<any>; imports nothing from the app.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assignment_status').addColumn('recheck_on', 'text').execute();
  await db.schema
    .createIndex('assignment_status_recheck_idx')
    .on('assignment_status')
    .columns(['plan_id', 'recheck_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
