// Monitoring benchmark (issue 9): 100,000 values import from a CSV file in under 5 s (parse, area
// lookup, checks and one transaction), and a cumulative street ranking (343 streets × 24 half-months,
// plus last year's for the change) answers in under 50 ms p95, on SQLite and on PostgreSQL.
// Run: node -C @lantian/source --import tsx bench/monitoring.bench.ts [--dialect sqlite|postgres]
//        [--runs 100] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
// Prints a JSON report; exits 1 when over budget.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { beijingAreas, period, periodsToDate } from '@lantian/core';
import pg from 'pg';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { FakeClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { type AppContext, transaction } from '../apps/server/src/context.ts';
import { type Db, openPostgres, openSqlite } from '../apps/server/src/db/connect.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { addIndicator } from '../apps/server/src/modules/indicators/indicators.service.ts';
import { importValueFile } from '../apps/server/src/modules/indicators/values.service.ts';
import { computeRanking } from '../apps/server/src/modules/rankings/rankings.query.ts';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '100' },
    'pg-url': {
      type: 'string',
      default: process.env.LANTIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const IMPORT_BUDGET_MS = 5000;
const RANKING_P95_BUDGET_MS = 50;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 100) / 100;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function openFresh(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (values.dialect === 'postgres') {
    const name = `lantian_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: values['pg-url'] });
    await admin.connect();
    await admin.query(`create database ${name} with encoding 'UTF8' template template0`);
    await admin.end();
    const u = new URL(values['pg-url'] as string);
    u.pathname = `/${name}`;
    const db = openPostgres(u.toString());
    return {
      db,
      async cleanup() {
        await db.close();
        // pg's pool.end() resolves before its sockets close: let them go before FORCE drops the database.
        await new Promise((r) => setTimeout(r, 300));
        const c = new pg.Client({ connectionString: values['pg-url'] });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-mon-'));
  const db = openSqlite(path.join(dir, 'lantian.db'));
  return {
    db,
    async cleanup() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const streets = beijingAreas.areas.filter((a) => a.level === 'street');
const districtOf = new Map(
  beijingAreas.areas.filter((a) => a.level === 'district').map((d) => [d.code, d.name]),
);
/** A deterministic value for an area and period index: the shape of a year of TSP data. */
const valueAt = (i: number, k: number) =>
  Math.round((60 + ((i * 37 + k * 11) % 90) + (k % 7) * 0.3) * 10) / 10;

/** Long layout by street name with its district (八里庄街道 needs it), `year` years of half-months. */
function halfMonthCsv(years: number[]): string {
  const lines = ['所属区,街道,期间,数值'];
  for (const y of years) {
    const ps = periodsToDate(period(`${y}-12-H2`));
    streets.forEach((s, i) => {
      ps.forEach((p, k) => {
        lines.push(`${districtOf.get(s.parent ?? '')},${s.name},${p.key},${valueAt(i, k + y)}`);
      });
    });
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const { db, cleanup } = await openFresh();
  const ctx: AppContext = {
    db,
    clock: new FakeClock('2023-01-05T02:00:00.000Z'),
    config: {
      ...loadConfig({ LANTIAN_DATA_DIR: os.tmpdir(), LANTIAN_SECOND_FACTOR: 'optional' }),
      logLevel: 'silent',
    },
  };
  try {
    await prepareDatabase(ctx);
    await transaction(ctx, async (trx) => {
      await addIndicator(ctx, trx, cliActor(), {
        code: 'tsp',
        name: '粗颗粒物',
        unit: 'µg/m³',
        better: 'lower',
        resolution: 'half_month',
        decimals: 0,
        levels: ['street'],
      });
    });
    // 343 streets × 24 half-months × 12 years = 98,784 values, plus a 13th year to pass 100,000.
    const years = Array.from({ length: 13 }, (_, i) => 2010 + i);
    const csv = Buffer.from(halfMonthCsv(years));
    const rows = csv.toString().split('\n').length - 2;
    log(`importing ${rows} values (${(csv.length / 1e6).toFixed(1)} MB CSV) on ${values.dialect}…`);
    const t0 = performance.now();
    const r = await importValueFile(ctx, cliActor(), 'tsp', csv, 'tsp.csv');
    const importMs = Math.round(performance.now() - t0);
    if (r.rejected.length > 0)
      throw new Error(`import rejected rows: ${JSON.stringify(r.rejected.slice(0, 3))}`);
    const times: number[] = [];
    const runs = Number(values.runs);
    for (let i = 0; i < runs + 5; i++) {
      const s = performance.now();
      const ranking = await computeRanking(ctx.db.kysely, {
        indicator: 'tsp',
        period: '2022-12-H2',
        level: 'street',
        by: i % 2 ? 'yoy' : 'value',
        cumulative: true,
      });
      if (ranking.ranking.rows.length !== streets.length) throw new Error('ranking incomplete');
      if (i >= 5) times.push(performance.now() - s);
    }
    const ranking = stats(times);
    const report = {
      dialect: values.dialect,
      import: { values: r.imported, ms: importMs, budgetMs: IMPORT_BUDGET_MS },
      cumulativeStreetRanking: {
        streets: streets.length,
        halfMonths: 24,
        ...ranking,
        budgetP95Ms: RANKING_P95_BUDGET_MS,
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (importMs > IMPORT_BUDGET_MS || ranking.p95 > RANKING_P95_BUDGET_MS) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
