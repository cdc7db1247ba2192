/**
 * Row locks for check-then-write steps. SQLite's BEGIN IMMEDIATE already runs one writing transaction
 * at a time; PostgreSQL at READ COMMITTED runs them side by side, so a step that checks ("no open
 * request yet", "still pending") and then writes first locks the row it is about. A second such step
 * waits for the first to commit, then sees what it wrote.
 */
import { sql } from 'kysely';
import type { AppContext, Trx } from '../context.ts';

type LockedTable = 'assignments' | 'supervision_notices' | 'plans' | 'cases';

export async function lockRow(ctx: AppContext, trx: Trx, table: LockedTable, id: string): Promise<void> {
  if (ctx.db.dialect !== 'postgres') return;
  await sql`select id from ${sql.table(table)} where id = ${id} for update`.execute(trx);
}
