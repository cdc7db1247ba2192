/** Opening the database: SQLite (a file under LANTIAN_DATA_DIR) or PostgreSQL (DATABASE_URL). */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** SQLite file path, for tools that need it (backups, tests). */
  file?: string;
  /** PostgreSQL's pool, for a connection of its own (LISTEN: see read-scope-mirror.ts). */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

/** SQLite write transactions take the write lock up front (`BEGIN IMMEDIATE`), so they never deadlock on upgrade. */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

export interface SqliteOptions {
  file: string;
  busyTimeoutMs?: number;
}

/** A better-sqlite3 handle set up for a server, with prepared statements reused across queries. */
export function openSqliteHandle(opts: SqliteOptions): SQLite.Database {
  fs.mkdirSync(path.dirname(opts.file), { recursive: true });
  const handle = new SQLite(opts.file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  // The planner's statistics, refreshed where they are missing or stale (bounded work; SQLite's advice for long-lived connections).
  handle.pragma('optimize = 0x10002');
  return handle;
}

function cachingSqlite(handle: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        stmt = handle.prepare(sqlText);
        if (cache.size > 1000) cache.clear();
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
    close() {
      cache.clear();
      handle.close();
    },
  };
}

export function openSqlite(file: string): Db {
  const handle = openSqliteHandle({ file });
  const kysely = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: cachingSqlite(handle) as unknown as SQLite.Database }),
  });
  return { kysely, dialect: 'sqlite', file, close: () => kysely.destroy() };
}

/** pg returns int8 and numeric as strings; the app wants numbers (counts, ids of sequences). */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes as pg.CustomTypesConfig });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, dialect: 'postgres', pgPool: pool, close: () => kysely.destroy() };
}

/** Open the database the configuration names. */
export function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Db {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openSqlite(path.join(opts.dataDir, 'lantian.db'));
}

/** Run `fn` in one write transaction (BEGIN IMMEDIATE on SQLite). */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(fn);
}

/**
 * Refresh SQLite's planner statistics for tables a bulk write has just grown. Without them SQLite
 * picks an index by its column order alone (a cumulative ranking then scanned every year's values:
 * 16 ms instead of 2 ms). PostgreSQL's autovacuum analyses a table after such a change by itself, and
 * an ANALYZE in the request would cost it a second.
 */
export async function refreshPlannerStatistics(db: Db, tables: readonly string[]): Promise<void> {
  if (db.dialect !== 'sqlite') return;
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    await db.kysely.executeQuery(CompiledQuery.raw(`analyze ${table}`));
  }
}
