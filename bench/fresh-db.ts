/**
 * A fresh, migrated Lantian database for a bench: a temporary data folder (SQLite's file, uploads) and, on
 * PostgreSQL, a new database on `pgUrl`. `dropAll` removes the PostgreSQL databases made here.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { openPostgres, openSqlite } from '../apps/server/src/db/connect.ts';

export const BENCH_PG_URL = process.env.LANTIAN_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function pgAdmin(url: string, query: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(query);
  await c.end();
}

export function freshDatabases(pgUrl?: string) {
  const made: string[] = [];
  return {
    /** A fresh database: its directory and, on PostgreSQL, its URL; migrated, administrators created. */
    async context(): Promise<{ ctx: AppContext; dir: string; databaseUrl?: string }> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-'));
      let databaseUrl: string | undefined;
      if (pgUrl) {
        const name = `lantian_bench_${randomBytes(5).toString('hex')}`;
        await pgAdmin(pgUrl, `create database ${name} with encoding 'UTF8' template template0`);
        made.push(name);
        const u = new URL(pgUrl);
        u.pathname = `/${name}`;
        databaseUrl = u.toString();
      }
      const config = {
        ...loadConfig({ LANTIAN_DATA_DIR: dir, LANTIAN_SECOND_FACTOR: 'optional' }),
        adminPassword: 'Bench-root-pass-1',
      };
      const db = databaseUrl ? openPostgres(databaseUrl) : openSqlite(path.join(dir, 'lantian.db'));
      const ctx: AppContext = { db, clock: systemClock, config };
      await prepareDatabase(ctx);
      return { ctx, dir, databaseUrl };
    },
    async dropAll(): Promise<void> {
      if (!pgUrl) return;
      for (const name of made.splice(0)) await pgAdmin(pgUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
