/**
 * What a backup walks: every table but the migrator's own, with its primary key and the tables it
 * refers to, in an order where each table comes after those it references (so a restore can insert
 * them one by one on either dialect).
 */
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/connect.ts';

export interface TableInfo {
  name: string;
  primaryKey: string[];
  /** Columns referring to another row of the same table (parents must be restored first). */
  selfRefs: string[];
  refs: string[];
}

const SKIP = new Set(['kysely_migration', 'kysely_migration_lock']);

async function sqliteTables(db: Executor): Promise<TableInfo[]> {
  const names = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
    db,
  );
  const out: TableInfo[] = [];
  for (const { name } of names.rows) {
    if (SKIP.has(name)) continue;
    const cols = await sql<{
      name: string;
      pk: number;
    }>`select name, pk from pragma_table_info(${name})`.execute(db);
    const fks = await sql<{ table: string; from: string }>`
      select "table", "from" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({
      name,
      primaryKey: cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      selfRefs: fks.rows.filter((f) => f.table === name).map((f) => f.from),
      refs: fks.rows.filter((f) => f.table !== name).map((f) => f.table),
    });
  }
  return out;
}

async function postgresTables(db: Executor): Promise<TableInfo[]> {
  const names = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const pks = await sql<{ table: string; column: string }>`
    select tc.table_name as "table", kcu.column_name as "column"
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    where tc.table_schema = current_schema() and tc.constraint_type = 'PRIMARY KEY'
    order by kcu.ordinal_position`.execute(db);
  const fks = await sql<{ table: string; column: string; ref: string }>`
    select cl.relname as "table", att.attname as "column", ref.relname as ref
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_class ref on ref.oid = con.confrelid
    join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = current_schema()
    join pg_attribute att on att.attrelid = con.conrelid and att.attnum = any(con.conkey)
    where con.contype = 'f'`.execute(db);
  return names.rows
    .filter((t) => !SKIP.has(t.name))
    .map(({ name }) => ({
      name,
      primaryKey: pks.rows.filter((p) => p.table === name).map((p) => p.column),
      selfRefs: fks.rows.filter((f) => f.table === name && f.ref === name).map((f) => f.column),
      refs: fks.rows.filter((f) => f.table === name && f.ref !== name).map((f) => f.ref),
    }));
}

/** Tables in dependency order (referenced tables first), ties by name. */
export async function tablesInOrder(db: Db, executor: Executor = db.kysely): Promise<TableInfo[]> {
  const all = db.dialect === 'postgres' ? await postgresTables(executor) : await sqliteTables(executor);
  const byName = new Map(all.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name)) return;
    if (path.has(t.name)) throw new Error(`表之间存在循环引用：${[...path, t.name].join(' → ')}`);
    path.add(t.name);
    for (const r of [...new Set(t.refs)].sort()) {
      const ref = byName.get(r);
      if (ref) visit(ref, path);
    }
    path.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of all) visit(t, new Set());
  return out;
}

/** Rows ordered so that a row comes after the row of the same table it refers to. */
export function parentsFirst<T extends Record<string, unknown>>(rows: T[], table: TableInfo): T[] {
  if (table.selfRefs.length === 0 || table.primaryKey.length !== 1) return rows;
  const pk = table.primaryKey[0] as string;
  const byId = new Map(rows.map((r) => [r[pk], r]));
  const placed = new Set<unknown>();
  const out: T[] = [];
  const place = (r: T, depth: number) => {
    if (placed.has(r[pk]) || depth > rows.length) return;
    for (const c of table.selfRefs) {
      const parent = r[c] === null || r[c] === undefined ? undefined : byId.get(r[c]);
      if (parent && parent !== r) place(parent, depth + 1);
    }
    placed.add(r[pk]);
    out.push(r);
  };
  for (const r of rows) place(r, 0);
  return out;
}
