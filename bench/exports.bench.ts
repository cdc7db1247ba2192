// Exports benchmark (issue 11): the audit log's export of 10,000 records — read through the list's own
// cursor, written by the shared streaming sheet writer — timed, with the process's peak memory while it runs.
// Run: npm run bench:exports -- [--records 10000] [--dialect sqlite|postgres] [--pg-url postgres://…]
// Prints a JSON report on stdout (progress on stderr).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { FakeClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { type AppContext, audit, transaction } from '../apps/server/src/context.ts';
import { type Db, openPostgres, openSqlite } from '../apps/server/src/db/connect.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import type { Principal } from '../apps/server/src/modules/auth/principal.ts';
import { auditExport } from '../apps/server/src/modules/exports/lists-admin.ts';
import { writeWorkbook } from '../apps/server/src/modules/exports/xlsx-writer.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    dialect: { type: 'string', default: 'sqlite' },
    'pg-url': {
      type: 'string',
      default: process.env.LANTIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const RECORDS = Number(values.records);
const log = (s: string) => process.stderr.write(`${s}\n`);
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

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
        const c = new pg.Client({ connectionString: values['pg-url'] });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-exports-'));
  const db = openSqlite(path.join(dir, 'lantian.db'));
  return {
    db,
    async cleanup() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { db, cleanup } = await openFresh();
  const clock = new FakeClock('2022-06-30T02:00:00.000Z');
  const config = {
    ...loadConfig({ LANTIAN_DATA_DIR: os.tmpdir() }),
    logLevel: 'silent',
    adminPassword: 'Bench-root-pass-1',
  };
  const ctx: AppContext = { db, clock, config };
  try {
    await prepareDatabase(ctx);
    const t0 = performance.now();
    for (let done = 0; done < RECORDS; ) {
      const n = Math.min(1000, RECORDS - done);
      await transaction(ctx, async (trx) => {
        for (let i = 0; i < n; i++)
          await audit(ctx, trx, cliActor(), {
            action: i % 3 ? 'report.submit' : 'plan.correct',
            objectType: 'report',
            objectId: `r-${done + i}`,
            detail: { note: `第 ${done + i} 条`, formula: i % 50 ? null : '=1+1' },
          });
      });
      done += n;
    }
    const total = await db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow();
    log(`${values.dialect}: ${total.n} audit records written in ${Math.round(performance.now() - t0)} ms`);

    const auditor: Principal = {
      userId: 'bench',
      username: 'bench',
      displayName: '审计员',
      unitId: 'bench',
      unitName: '市生态环境局',
      unitFullName: '北京市生态环境局',
      unitKind: 'city_department',
      roles: ['auditor'],
      mustChangePassword: false,
      passwordExpired: false,
      secondFactorEnrolled: true,
      secondFactorRequired: true,
      sessionId: 'bench',
      sessionExpiresAt: '2099-01-01T00:00:00.000Z',
      ip: null,
    };
    const file = path.join(os.tmpdir(), `lantian-bench-audit-${process.pid}.xlsx`);
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 10);
    let bytes = 0;
    const out = fs.createWriteStream(file);
    const counting = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        out.write(chunk, cb);
      },
      final(cb) {
        out.end(cb);
      },
    });
    const finished = new Promise((resolve) => counting.on('finish', resolve));
    const t1 = performance.now();
    const [rows] = await writeWorkbook(counting, [
      {
        name: auditExport.title,
        title: auditExport.title,
        filters: await auditExport.filters(ctx, auditor, {}),
        columns: auditExport.columns,
        rows: auditExport.rows(ctx, auditor, {}),
      },
    ]);
    await finished;
    const ms = performance.now() - t1;
    clearInterval(sampler);

    // The file holds every record: read it back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const dataRows = (wb.worksheets[0]?.rowCount ?? 0) - 3;
    fs.rmSync(file, { force: true });
    const report = {
      dialect: values.dialect,
      records: Number(total.n),
      rowsWritten: rows,
      rowsReadBack: dataRows,
      exportMs: Math.round(ms),
      rowsPerSecond: Math.round(((rows ?? 0) / ms) * 1000),
      fileMB: mb(bytes),
      peakRssMB: mb(peakRss),
      rssGrowthMB: mb(peakRss - base.rss),
      peakHeapGrowthMB: mb(peakHeap - base.heapUsed),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (dataRows !== Number(total.n)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
