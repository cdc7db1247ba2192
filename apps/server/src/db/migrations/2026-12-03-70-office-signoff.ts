/**
 * Own-unit sign-off of requests (issue 12 item 15): a plan may require that a 督办单 reply, an
 * extension request and a closure request leave the unit only once its leader signs them off.
 * The requests' state columns keep their CHECK constraints (SQLite cannot alter them without a table
 * rebuild): a request held for sign-off is marked in `signoff_state` instead of a new state.
 * Frozen: add a new migration to change it.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('request_signoff', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`request_signoff in (0, 1)`),
    )
    .execute();
  for (const table of ['extension_requests', 'closure_requests', 'notice_replies']) {
    await db.schema
      .alterTable(table)
      .addColumn('signoff_state', 'text', (c) =>
        c.check(sql`signoff_state in ('pending', 'approved', 'returned')`),
      )
      .execute();
    await db.schema.alterTable(table).addColumn('signed_off_by', 'text').execute();
    await db.schema.alterTable(table).addColumn('signed_off_at', 'text').execute();
    await db.schema.alterTable(table).addColumn('signoff_comment', 'text').execute();
  }
  // The unit leader's queue: what is held in a unit.
  await db.schema
    .createIndex('extension_requests_signoff_idx')
    .on('extension_requests')
    .columns(['unit_id', 'signoff_state'])
    .execute();
  await db.schema
    .createIndex('closure_requests_signoff_idx')
    .on('closure_requests')
    .columns(['unit_id', 'signoff_state'])
    .execute();
}
