/**
 * On PostgreSQL the values' primary key carries the value itself (`include (value)`), so a ranking
 * reads it from the key alone and the separate covering index goes: one index fewer to maintain
 * on an import of 100,000 values (issue 9's budget). SQLite has no `include`; it keeps its index.
 * Frozen: add a new migration to change it.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop index indicator_values_rank_idx`.execute(db);
  await sql`alter table indicator_values drop constraint indicator_values_pk,
    add constraint indicator_values_pk primary key (indicator_id, period, area_id) include (value)`.execute(
    db,
  );
}
