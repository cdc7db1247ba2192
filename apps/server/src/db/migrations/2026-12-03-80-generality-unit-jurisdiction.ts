/**
 * Units of another jurisdiction (issue 8 §3): a unit the office creates in the review of another city's
 * plan (`成都市`'s 市城管委) records that jurisdiction; plans are matched only against their own
 * jurisdiction's units. Null: the directory's own. `''`: made for plans that name no place.
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('jurisdiction', 'text').execute();
}
