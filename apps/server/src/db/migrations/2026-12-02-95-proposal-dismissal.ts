/**
 * A rule proposal the supervisor does not take up is dismissed with a reason (shown on the board).
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rule_proposals').addColumn('dismiss_reason', 'text').execute();
}
