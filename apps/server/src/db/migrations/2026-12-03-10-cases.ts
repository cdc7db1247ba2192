/**
 * Problem cases (issue 10): a case found by an alarm, an inspection, a complaint or by hand, moving
 * through the workflow engine's states; its timeline, its evidence files, the reminder keys of the
 * jobs, configurable categories and time limits (category × severity), running numbers per year.
 * Frozen once shipped; takes Kysely<any> and imports nothing from the app.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
type AnyDb = Kysely<any>;

const STATES =
  "'reported','verified','voided','dispatched','signed','returned','rectifying','feedback','closed','rework','reopened'";

const CATEGORIES: [string, string][] = [
  ['vocs', 'VOCs'],
  ['construction_dust', '施工扬尘'],
  ['road_dust', '道路扬尘'],
  ['vehicles', '机动车'],
  ['burning', '露天焚烧'],
  ['other', '其他'],
];
/** Days to rectify by severity (high, medium, low) unless the office sets otherwise. */
const DAYS: Record<string, number> = { high: 3, medium: 7, low: 15 };

export async function up(db: AnyDb): Promise<void> {
  const blob = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) =>
      c.notNull().check(sql`origin in ('monitoring','alarm','inspection','complaint','manual')`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low','medium','high')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql.raw(`state in (${STATES})`)))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('street', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('place_key', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text', (c) => c.references('areas.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'text', (c) => c.references('measures.id'))
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_day', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'text', (c) => c.references('users.id'))
    .addColumn('dispatched_at', 'text')
    .addColumn('dispatched_by', 'text', (c) => c.references('users.id'))
    .addColumn('time_limit_days', 'integer')
    .addColumn('due_on', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text', (c) => c.references('users.id'))
    .addColumn('feedback_at', 'text')
    .addColumn('feedback_by', 'text', (c) => c.references('users.id'))
    .addColumn('feedback_text', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_on', 'text')
    .addColumn('revisit_on', 'text')
    .addColumn('revisited_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('extension_state', 'text', (c) =>
      c.check(sql`extension_state is null or extension_state in ('pending','approved','refused')`),
    )
    .addColumn('extension_due', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extension_by', 'text', (c) => c.references('users.id'))
    .addColumn('extension_at', 'text')
    .addColumn('extension_decided_at', 'text')
    .addColumn('extension_comment', 'text')
    // Links to earlier cases: no foreign key, so a backup restores rows in any order.
    .addColumn('duplicate_of', 'text')
    .addColumn('repeat_of', 'text')
    .addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ever_fed_back', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Idempotent ingest: one case per (source, externalId); hand-made cases have no external id.
  await db.schema
    .createIndex('cases_source_external_key')
    .on('cases')
    .columns(['source', 'external_id'])
    .unique()
    .execute();
  await db.schema.createIndex('cases_reported_idx').on('cases').columns(['reported_at']).execute();
  await db.schema.createIndex('cases_state_idx').on('cases').columns(['state', 'reported_at']).execute();
  await db.schema
    .createIndex('cases_unit_idx')
    .on('cases')
    .columns(['unit_id', 'state', 'reported_at'])
    .execute();
  await db.schema
    .createIndex('cases_place_idx')
    .on('cases')
    .columns(['place_key', 'category', 'reported_at'])
    .execute();
  await db.schema.createIndex('cases_due_idx').on('cases').columns(['due_on', 'state']).execute();
  // The lists' orders within a state filter and within a unit.
  await db.schema.createIndex('cases_state_due_idx').on('cases').columns(['state', 'due_on']).execute();
  await db.schema
    .createIndex('cases_unit_time_idx')
    .on('cases')
    .columns(['unit_id', 'reported_at'])
    .execute();
  await db.schema.createIndex('cases_day_idx').on('cases').columns(['reported_day']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('user_name', 'text')
    .addColumn('unit_name', 'text')
    .addColumn('comment', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('case_events_case_idx')
    .on('case_events')
    .columns(['case_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('case_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_evidence_case_idx').on('case_evidence').columns(['case_id']).execute();

  await db.schema
    .createTable('case_reminders')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('remind','escalate','revisit')`))
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('case_time_limits')
    .addColumn('category', 'text', (c) => c.notNull().references('case_categories.code'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_time_limits_pk', ['category', 'severity'])
    .execute();
  await db.schema
    .createTable('case_numbers')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();

  await db
    .insertInto('case_categories')
    .values(CATEGORIES.map(([code, name], i) => ({ code, name, active: 1, position: i })))
    .execute();
  await db
    .insertInto('case_time_limits')
    .values(
      CATEGORIES.flatMap(([code]) =>
        Object.entries(DAYS).map(([severity, days]) => ({ category: code, severity, days })),
      ),
    )
    .execute();
  await db
    .insertInto('meta')
    .values({
      key: 'case_settings',
      value: JSON.stringify({ repeatWindowDays: 30, revisitAfterDays: 30, remindDaysBefore: 1 }),
    })
    .execute();
}
