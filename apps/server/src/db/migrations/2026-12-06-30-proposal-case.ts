/**
 * A rule proposal may also be confirmed as a problem case (问题案件): `case_id` names the case it
 * became (null: none). Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rule_proposals').addColumn('case_id', 'text').execute();
}
