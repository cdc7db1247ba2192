/**
 * Measured data (issue 9): areas with their codes and answering units, indicators and their goals,
 * values per (indicator, area, period) with the history of corrections, published rankings frozen with
 * their data, API keys of monitoring systems (hashes only), target ↔ indicator bindings, the office's
 * rules and what they propose. Frozen once shipped; takes Kysely<any> and imports nothing from the app.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('district', 'street')`))
    .addColumn('parent_id', 'text', (c) => c.references('areas.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('areas_level_idx').on('areas').columns(['level', 'parent_id']).execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('better', 'text', (c) => c.notNull().check(sql`better in ('lower', 'higher')`))
    .addColumn('resolution', 'text', (c) =>
      c.notNull().check(sql`resolution in ('day', 'half_month', 'month', 'quarter', 'year')`),
    )
    .addColumn('decimals', 'integer', (c) => c.notNull().check(sql`decimals between 0 and 6`))
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('aggregate', 'text', (c) => c.notNull().check(sql`aggregate in ('mean', 'sum')`))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('area_id', 'text', (c) => c.references('areas.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_goals_key')
    .on('indicator_goals')
    .columns(['indicator_id', 'period', 'area_id'])
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('quality', 'text', (c) => c.notNull().check(sql`quality in ('ok', 'invalid')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_values_pk', ['indicator_id', 'period', 'area_id'])
    .execute();
  // Covers a ranking's read (the values of some periods): no table lookups for 8,000 rows.
  await db.schema
    .createIndex('indicator_values_rank_idx')
    .on('indicator_values')
    .columns(['indicator_id', 'period', 'area_id', 'value'])
    .execute();
  await db.schema
    .createIndex('indicator_values_area_idx')
    .on('indicator_values')
    .columns(['indicator_id', 'area_id', 'period'])
    .execute();

  await db.schema
    .createTable('indicator_value_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('indicator_value_history_idx')
    .on('indicator_value_history')
    .columns(['indicator_id', 'area_id', 'period'])
    .execute();

  await db.schema
    .createTable('published_rankings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('ranking_key', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('within_area_id', 'text', (c) => c.references('areas.id'))
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('cumulative', 'integer', (c) => c.notNull())
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('published_rankings_edition', ['indicator_id', 'ranking_key', 'edition'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('indicators', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('target_bindings')
    .addColumn('target_id', 'text', (c) => c.primaryKey().references('targets.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('monitoring_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bottom_n', 'above_goal')`))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('district', 'street')`))
    .addColumn('n', 'integer')
    .addColumn('periods', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('notice', 'summons')`))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measures.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rule_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull().references('monitoring_rules.id'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('proposed', 'confirmed', 'dismissed')`),
    )
    .addColumn('notice_id', 'text', (c) => c.references('supervision_notices.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rule_proposals_once', ['rule_id', 'area_id', 'period'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
