/**
 * A version number the database bumps itself whenever what a unit's task list shows changes (plans,
 * tasks, measures, milestones, targets, unit mentions, assignments, groups). Readers cache by it, and
 * every instance sees every writer's bump — the CLI's included — because triggers do it, not the app.
 * Frozen: add a new migration to cover more tables.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = [
  'plans',
  'plan_tasks',
  'measures',
  'milestones',
  'targets',
  'measure_units',
  'assignments',
  'unit_groups',
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('read_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('read_version').values({ id: 1, n: 0 }).execute();
  if (pg) {
    await sql`
      create function lantian_bump_read_version() returns trigger language plpgsql as $$
      begin
        update read_version set n = n + 1 where id = 1;
        return null;
      end;
      $$`.execute(db);
    for (const t of TABLES) {
      await sql
        .raw(
          `create trigger ${t}_read_version after insert or update or delete or truncate on ${t}
           for each statement execute function lantian_bump_read_version()`,
        )
        .execute(db);
    }
  } else {
    for (const t of TABLES) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(
            `create trigger ${t}_read_version_${op} after ${op} on ${t}
             begin update read_version set n = n + 1 where id = 1; end`,
          )
          .execute(db);
      }
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
