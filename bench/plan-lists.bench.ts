// The plan's lists that a page asks for, on the seed plan with a year of reports (2022: two of three
// assignments owing a month report it on the 20th, every fifth sent back on the 23rd), on SQLite or
// PostgreSQL (`--db postgres`): response bytes (JSON, and as sent with br) and latency of
//   GET /plans/:id/measures       (a page of 50 and of 200, with words, with a unit),
//   GET /plans/:id/status/units   (as the 单位进展 page first asks for it, and 200 units),
//   GET /plans/:id/status/trend   (24 month ends, as the dashboard asks on every open),
// each asked `--runs` times one after the other (after one request that brings the plan's summaries to
// today), against the server in its own process on the system clock.
// `--measures N`: a plan of about N measures instead (the seed's table repeated, bench/generate-plan.ts),
// `--reports false`: without the year of reports.
// Run: node -C @lantian/source --import tsx bench/plan-lists.bench.ts [--db sqlite|postgres] [--runs 10]
//      [--measures 1200] [--reports false]
// PostgreSQL: a fresh database on LANTIAN_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// dropped at the end. Prints a JSON report. Figures depend on the machine's load.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { periodsToReport } from '@lantian/core';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { type AppContext, transaction } from '../apps/server/src/context.ts';
import { openPostgres, openSqlite } from '../apps/server/src/db/connect.ts';
import type { ProgressReportsTable, ReportEventsTable } from '../apps/server/src/db/schema.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { DEMO_RELEVANT_DISTRICTS, loadDemo } from '../apps/server/src/modules/demo/demo.service.ts';
import { unitByName } from '../apps/server/src/modules/directory/directory.repository.ts';
import { importPlanDocument } from '../apps/server/src/modules/plans/plan-import.service.ts';
import { publishPlan } from '../apps/server/src/modules/plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../apps/server/src/modules/plans/plan-review.service.ts';
import { insertMany } from '../apps/server/src/modules/plans/plans.repository.ts';
import { deadlineOf } from '../apps/server/src/modules/supervision/assignment.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { generatePlan } from './generate-plan.ts';
import { freePort, rawGet, stop, waitFor } from './http-load.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '10' },
    measures: { type: 'string' },
    reports: { type: 'string', default: 'true' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench-user-pass-1';
const PG = values.db === 'postgres';
const PG_URL = process.env.LANTIAN_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(values.runs);
let database: string | undefined;

async function pgAdmin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(query);
  await c.end();
}

async function freshContext(): Promise<{ ctx: AppContext; dir: string; databaseUrl?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-'));
  let databaseUrl: string | undefined;
  if (PG) {
    database = `lantian_bench_${randomBytes(5).toString('hex')}`;
    await pgAdmin(`create database ${database} with encoding 'UTF8' template template0`);
    const u = new URL(PG_URL);
    u.pathname = `/${database}`;
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
}

/** A year of month reports written as the units' sign-offs record them (report and its events). */
async function yearOfReports(ctx: AppContext, planId: string): Promise<number> {
  const rows = await ctx.db.kysely
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .selectAll('m')
    .select(['a.id', 'a.measure_id', 'a.unit_id'])
    .where('a.plan_id', '=', planId)
    .orderBy('a.id')
    .execute();
  const settings = { cycle: 'monthly' as const, dueDay: 25, start: '2022-01-01' };
  let written = 0;
  for (let m = 1; m <= 12; m++) {
    const month = `2022-${String(m).padStart(2, '0')}`;
    const reports: Insertable<ProgressReportsTable>[] = [];
    const events: Insertable<ReportEventsTable>[] = [];
    rows.forEach((a, i) => {
      if (i % 3 === 2) return;
      const owed = periodsToReport(deadlineOf(a), 2022, settings, `${month}-20`);
      if (!owed.some((p) => p.key === month)) return;
      const id = randomUUID();
      const at = `${month}-20T02:00:00.000Z`;
      const returned = i % 5 === 0;
      const status = i % 7 === 0 ? ('behind' as const) : ('on_track' as const);
      reports.push({
        id,
        plan_id: planId,
        assignment_id: a.id,
        measure_id: a.measure_id,
        unit_id: a.unit_id,
        period: month,
        period_start: `${month}-01`,
        period_end: `${month}-28`,
        period_due: `${month}-25`,
        state: returned ? 'returned' : 'submitted',
        status,
        summary: `${month} 推进`,
        target_values: '[]',
        milestones_reached: '[]',
        review_route: 'lead',
        version: returned ? 3 : 2,
        created_by: null,
        created_at: at,
        updated_by: null,
        updated_at: at,
        submitted_by: null,
        submitted_at: at,
        signed_off_by: null,
        signed_off_at: at,
        reviewed_by: null,
        reviewed_at: null,
        review_decision: returned ? 'returned' : null,
        review_comment: null,
        signoff_comment: null,
        last_request_id: null,
      });
      const event = (seq: number, when: string, to: 'submitted' | 'returned') => ({
        id: randomUUID(),
        report_id: id,
        seq,
        plan_id: planId,
        at: when,
        user_id: null,
        action: to === 'submitted' ? 'signoff' : 'review',
        from_state: to === 'submitted' ? 'pending_signoff' : 'submitted',
        to_state: to,
        status,
        milestones_reached: '[]',
        target_values: '[]',
        comment: null,
      });
      events.push(event(1, at, 'submitted'));
      if (returned) events.push(event(2, `${month}-23T02:00:00.000Z`, 'returned'));
    });
    await transaction(ctx, async (trx) => {
      await insertMany(trx, 'progress_reports', reports);
      await insertMany(trx, 'report_events', events);
    });
    written += reports.length;
  }
  return written;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number) => Math.round(x * 10) / 10;

const { ctx, dir, databaseUrl } = await freshContext();
/** The seed, or a generated plan of about `--measures` measures, imported and published. */
async function publishedPlan(): Promise<{ planId: string; assignments: number }> {
  if (!values.measures) return loadDemo(ctx, cliActor());
  const planId = await importPlanDocument(ctx, cliActor(), {
    fileName: 'generated.txt',
    mediaType: 'text/plain',
    bytes: Buffer.from(generatePlan(Number(values.measures))),
  });
  await decideGroupsOfKind(ctx, cliActor(), planId, 'district', DEMO_RELEVANT_DISTRICTS);
  return { planId, assignments: (await publishPlan(ctx, cliActor(), planId)).assignmentsCreated };
}
const { planId, assignments } = await publishedPlan();
const reports = values.reports === 'false' ? 0 : await yearOfReports(ctx, planId);
const office = await unitByName(ctx.db.kysely, '市生态环境局');
const yanqing = await unitByName(ctx.db.kysely, '延庆区政府');
if (!office || !yanqing) throw new Error('the directory lacks 市生态环境局 or 延庆区政府');
await createUser(ctx, cliActor(), {
  username: 'bench_office',
  unitId: office.id,
  roles: ['supervisor'],
  password: PASSWORD,
  mustChangePassword: false,
});
await ctx.db.close();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  process.execPath,
  ['-C', '@lantian/source', '--import', 'tsx', 'apps/server/src/main.ts'],
  {
    cwd: root,
    env: {
      ...process.env,
      LANTIAN_DATA_DIR: dir,
      LANTIAN_SECOND_FACTOR: 'optional',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      LANTIAN_LOG_LEVEL: 'warn',
      LANTIAN_JOBS_INTERVAL_MINUTES: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
try {
  await waitFor(`${base}/api/v1/health`, server);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'bench_office', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const plan = `${base}/api/v1/plans/${planId}`;
  // The plan's summaries brought to today once (the first status read of the day does it).
  await rawGet(`${plan}/status`, { cookie });
  const words = encodeURIComponent('区政府');
  const endpoints: [string, string][] = [
    ['measures (page of 50)', `${plan}/measures`],
    ['measures (page of 200)', `${plan}/measures?pageSize=200`],
    ['measures (words 区政府)', `${plan}/measures?q=${words}`],
    ['measures (unit 延庆区政府, deadline kind date)', `${plan}/measures?unitId=${yanqing.id}&kind=date`],
    ['status/units (first page)', `${plan}/status/units`],
    ['status/units (pageSize 200)', `${plan}/status/units?pageSize=200`],
    ['status/trend', `${plan}/status/trend`],
  ];
  const results = [];
  for (const [name, url] of endpoints) {
    const first = performance.now();
    const identity = await rawGet(url, { cookie });
    const firstMs = performance.now() - first;
    if (identity.status !== 200) throw new Error(`${name}: ${identity.status} ${identity.body}`);
    const br = await rawGet(url, { cookie, 'accept-encoding': 'br, gzip' });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await rawGet(url, { cookie, 'accept-encoding': 'br, gzip' });
      times.push(performance.now() - t);
    }
    const body = JSON.parse(identity.body.toString('utf8')) as Record<string, unknown>;
    const listed = ['measures', 'units', 'months']
      .map((k) => body[k])
      .find((v): v is unknown[] => Array.isArray(v));
    results.push({
      endpoint: name,
      path: url.slice(base.length),
      rows: listed?.length ?? null,
      total: typeof body.total === 'number' ? body.total : null,
      bytes: { json: identity.body.length, sent: br.body.length, encoding: br.headers['content-encoding'] },
      latencyMs: { first: round(firstMs), median: round(median(times)), max: round(Math.max(...times)) },
    });
  }
  console.log(
    JSON.stringify(
      {
        machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map(round) },
        database: PG ? 'postgres' : 'sqlite',
        plan: { planId, measures: values.measures ?? 'seed (60)', assignments, reports },
        runs: RUNS,
        results,
      },
      null,
      2,
    ),
  );
} finally {
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
  if (database) await pgAdmin(`drop database if exists ${database} with (force)`);
}
