/**
 * Read scopes: version numbers the database bumps itself, in the same transaction as a change, so that
 * caches on every instance (the CLI's writes included) know what moved without asking for the data.
 * - `session`: anything a cached session depends on (a session ended, an account's password, state,
 *   roles or unit changed). Checked on every request that uses a cached session.
 * - `unit:<unitId>` and `unit:<unitId>/plan:<planId>`: what the unit's 我的任务 shows, in all plans and in
 *   one plan: changes to a plan's content bump every unit with a part in that plan, and only those.
 * - `groups`: unit group names (shown as 「via」 on assignments).
 * Triggers are per row on SQLite and per statement (with transition tables) on PostgreSQL. On PostgreSQL
 * every bump is also announced (NOTIFY lantian_read_scopes, `<n> <scope>`) at commit, so instances can
 * keep the numbers in memory instead of asking on every request.
 * Frozen: add a new migration to cover more tables.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Which scopes a change to `table` bumps: SQL selecting them (column `s`) from the changed rows `r`. */
interface ScopeRule {
  table: string;
  /** The columns of the changed rows the SQL reads (null: it reads none, a constant scope). */
  cols: string[] | null;
  /** `update of …` these columns only (absent: any update). */
  updateOf?: string[];
  ops: ('insert' | 'update' | 'delete')[];
  select: (rows: string) => string;
}

const ALL_OPS: ScopeRule['ops'] = ['insert', 'update', 'delete'];

const unitsOfPlans = (planIds: string) => `
  select distinct 'unit:' || a.unit_id as s from assignments a where a.plan_id in (${planIds})
  union select distinct 'unit:' || a.unit_id || '/plan:' || a.plan_id as s
    from assignments a where a.plan_id in (${planIds})`;

const SESSION = () => `select 'session' as s`;

const RULES: ScopeRule[] = [
  { table: 'plans', cols: ['id'], ops: ALL_OPS, select: (r) => unitsOfPlans(`select id from ${r}`) },
  ...['plan_tasks', 'measures', 'measure_units'].map(
    (table): ScopeRule => ({
      table,
      cols: ['plan_id'],
      ops: ALL_OPS,
      select: (r) => unitsOfPlans(`select plan_id from ${r}`),
    }),
  ),
  ...['milestones', 'targets'].map(
    (table): ScopeRule => ({
      table,
      cols: ['measure_id'],
      ops: ALL_OPS,
      select: (r) =>
        unitsOfPlans(`select m.plan_id from measures m where m.id in (select measure_id from ${r})`),
    }),
  ),
  {
    table: 'assignments',
    cols: ['unit_id', 'plan_id'],
    ops: ALL_OPS,
    select: (r) => `select distinct 'unit:' || unit_id as s from ${r}
      union select distinct 'unit:' || unit_id || '/plan:' || plan_id as s from ${r}`,
  },
  { table: 'unit_groups', cols: null, ops: ALL_OPS, select: () => `select 'groups' as s` },
  // Rows matter here: a login's clean-up of expired sessions often deletes none, and must not bump.
  { table: 'sessions', cols: ['id'], ops: ['delete'], select: (r) => `select 'session' as s from ${r}` },
  {
    table: 'users',
    cols: null,
    updateOf: [
      'username',
      'display_name',
      'unit_id',
      'password_hash',
      'password_changed_at',
      'must_change_password',
      'disabled',
    ],
    ops: ['update'],
    select: SESSION,
  },
  { table: 'users', cols: null, ops: ['delete'], select: SESSION },
  { table: 'user_roles', cols: ['user_id'], ops: ALL_OPS, select: (r) => `select 'session' as s from ${r}` },
  { table: 'units', cols: null, updateOf: ['name', 'full_name', 'kind'], ops: ['update'], select: SESSION },
];

const bump = (select: string) => `
  insert into read_scopes (scope, n) select distinct s, 1 from (${select}) as bumped where s is not null
  on conflict (scope) do update set n = read_scopes.n + 1`;

/** The changed rows as a FROM item, in a SQLite row trigger (`new`/`old`). */
function sqliteRows(cols: string[], op: string): string {
  const pick = (side: string) => `select ${cols.map((c) => `${side}.${c} as ${c}`).join(', ')}`;
  const body =
    op === 'insert' ? pick('new') : op === 'delete' ? pick('old') : `${pick('new')} union all ${pick('old')}`;
  return `(${body}) as r`;
}

/** The changed rows as a FROM item, in a PostgreSQL statement trigger (transition tables). */
function pgRows(cols: string[], op: string): string {
  const pick = (t: string) => `select ${cols.join(', ')} from ${t}`;
  const body =
    op === 'insert'
      ? pick('new_rows')
      : op === 'delete'
        ? pick('old_rows')
        : `${pick('new_rows')} union all ${pick('old_rows')}`;
  return `(${body}) as r`;
}

const PG_REFERENCING = {
  insert: 'referencing new table as new_rows',
  delete: 'referencing old table as old_rows',
  update: 'referencing old table as old_rows new table as new_rows',
} as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('read_scopes')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`
      create function lantian_announce_read_scope() returns trigger language plpgsql as $$
      begin
        perform pg_notify('lantian_read_scopes', new.n || ' ' || new.scope);
        return null;
      end; $$`.execute(db);
    await sql`
      create trigger read_scopes_announce after insert or update on read_scopes
      for each row execute function lantian_announce_read_scope()`.execute(db);
  }
  let k = 0;
  for (const rule of RULES) {
    for (const op of rule.ops) {
      const name = `${rule.table}_scope_${op}_${k++}`;
      const event = op === 'update' && rule.updateOf ? `update of ${rule.updateOf.join(', ')}` : op;
      if (pg) {
        const statement = rule.cols ? bump(rule.select(pgRows(rule.cols, op))) : bump(rule.select(''));
        await sql
          .raw(
            `create function lantian_${name}() returns trigger language plpgsql as $$
             begin ${statement}; return null; end; $$`,
          )
          .execute(db);
        // Transition tables cannot go with a column list; those rules read no rows anyway.
        const refs = rule.cols ? PG_REFERENCING[op] : '';
        await sql
          .raw(
            `create trigger ${name} after ${event} on ${rule.table} ${refs}
             for each statement execute function lantian_${name}()`,
          )
          .execute(db);
      } else {
        const statement = rule.cols ? bump(rule.select(sqliteRows(rule.cols, op))) : bump(rule.select(''));
        await sql
          .raw(`create trigger ${name} after ${event} on ${rule.table} for each row begin ${statement}; end`)
          .execute(db);
      }
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
