/**
 * A plan's period and end of life, city-wide targets. Takes Kysely<any>.
 * - `plans.period_start` / `period_end`: the plan period (null: the plan year); reports are owed only
 *   inside it. `plans.archive_reason`, `withdrawn_at`, `withdrawn_by`: archive or withdraw with a reason
 *   (a withdrawn plan is archived and taken out of the units' lists).
 * - `targets.city_wide`: a target the lead holds for the whole city (1), one each unit holds (0), or not
 *   decided (null: the rule decides). `target_shares`: per-unit shares the office sets in review.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('period_start', 'text').execute();
  await db.schema.alterTable('plans').addColumn('period_end', 'text').execute();
  await db.schema.alterTable('plans').addColumn('archive_reason', 'text').execute();
  await db.schema.alterTable('plans').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('plans').addColumn('withdrawn_by', 'text').execute();
  await db.schema.alterTable('targets').addColumn('city_wide', 'integer').execute();
  await db.schema
    .createTable('target_shares')
    .addColumn('target_id', 'text', (c) => c.notNull().references('targets.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('target_shares_pk', ['target_id', 'unit_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
