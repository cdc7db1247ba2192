/**
 * A fresh database for each test file: a temporary SQLite file, or — when LANTIAN_TEST_PG_URL is set —
 * a new PostgreSQL database created for the file and dropped after it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Db, openPostgres, openSqlite } from '../../src/db/connect.ts';

export const PG_URL = process.env.LANTIAN_TEST_PG_URL || undefined;
export const DIALECT: 'sqlite' | 'postgres' = PG_URL ? 'postgres' : 'sqlite';

export interface TestDb {
  db: Db;
  /** Environment that points the CLI (and a server) at this database. */
  env: Record<string, string>;
  /** Open another connection to the same database (a second instance). */
  reopen(): Db;
  cleanup(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Drop a test database once its connections are gone. pg's pool.end() resolves before its sockets are
 * gone: wait for them, so that FORCE never kills a connection a client still listens on (that surfaces
 * as an uncaught error, in whichever test file runs next).
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        name,
      ]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  } finally {
    await c.end();
  }
}

export async function createTestDb(): Promise<TestDb> {
  if (PG_URL) {
    const name = `lantian_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name} with encoding 'UTF8' template template0`);
    await admin.end();
    const url = withDatabase(PG_URL, name);
    const opened: Db[] = [];
    const open = () => {
      const d = openPostgres(url, 5);
      opened.push(d);
      return d;
    };
    const db = open();
    // Keys, audit checkpoints and archives live in a data directory even on PostgreSQL.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-t-'));
    return {
      db,
      env: { DATABASE_URL: url, LANTIAN_DATA_DIR: dataDir },
      reopen: open,
      async cleanup() {
        for (const d of opened) await d.close().catch(() => {});
        await dropDatabase(PG_URL, name);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-t-'));
  const file = path.join(dir, 'lantian.db');
  const opened: Db[] = [];
  const open = () => {
    const d = openSqlite(file);
    opened.push(d);
    return d;
  };
  const db = open();
  return {
    db,
    env: { LANTIAN_DATA_DIR: dir },
    reopen: open,
    async cleanup() {
      for (const d of opened) await d.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Declare a PostgreSQL-only suite: it says loudly when it is skipped. */
export function pgOnly(): boolean {
  if (!PG_URL) console.warn('SKIPPED: PostgreSQL tests need LANTIAN_TEST_PG_URL');
  return !PG_URL;
}
