// Problem-case benchmark (issue 10): 1,000 alarms pushed over HTTP within one minute (20 at a time,
// every 10th pushed twice) are all accepted and none is recorded twice; the case list answers in
// under 100 ms p95 with 100,000 cases (the office's default page, a state filter, the overdue and
// awaiting-me queues, and a unit's own list), on SQLite or PostgreSQL.
// Run: npm run bench:cases -- [--dialect sqlite|postgres] [--runs 50] [--pg-url postgres://…] [--stale-statistics]
// Prints a JSON report; exits 1 when over budget. Figures depend on the machine's load.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { beijingAreas } from '@lantian/core';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import {
  type Db,
  openPostgres,
  openSqlite,
  refreshPlannerStatistics,
} from '../apps/server/src/db/connect.ts';
import type { CasesTable } from '../apps/server/src/db/schema.ts';
import { issueApiKey } from '../apps/server/src/modules/apikeys/apikeys.service.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '50' },
    alarms: { type: 'string', default: '1000' },
    cases: { type: 'string', default: '100000' },
    /** Measure the list right after the bulk seed, before any statistics (the earlier figures). */
    'stale-statistics': { type: 'boolean', default: false },
    'pg-url': {
      type: 'string',
      default: process.env.LANTIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const PUSH_BUDGET_MS = 60_000;
const LIST_P95_BUDGET_MS = 100;
const PASSWORD = 'Lantian-bench-9';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 100) / 100;
  return { n: s.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function openFresh(): Promise<{ db: Db; dir: string; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-cases-'));
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
      dir,
      async cleanup() {
        await db.close();
        await new Promise((r) => setTimeout(r, 300));
        const c = new pg.Client({ connectionString: values['pg-url'] });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = openSqlite(path.join(dir, 'lantian.db'));
  return {
    db,
    dir,
    async cleanup() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const streets = beijingAreas.areas.filter((a) => a.level === 'street');
const districts = new Map(beijingAreas.areas.filter((a) => a.level === 'district').map((d) => [d.code, d]));
const CATEGORIES = ['vocs', 'construction_dust', 'road_dust', 'vehicles', 'burning', 'other'];
const SEVERITIES = ['low', 'medium', 'high'] as const;
const STATES = [
  'reported',
  'verified',
  'dispatched',
  'signed',
  'rectifying',
  'feedback',
  'closed',
  'voided',
] as const;

function alarmBody(i: number) {
  const s = streets[i % streets.length] as (typeof streets)[number];
  const d = districts.get(s.parent ?? '') ?? { name: '' };
  return {
    source: 'dust-video',
    externalId: `BENCH-${String(i).padStart(6, '0')}`,
    category: CATEGORIES[i % CATEGORIES.length],
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    district: d.name,
    street: s.name,
    address: `${s.name}测试路${i}号`,
    description: '视频监控发现施工扬尘',
    severity: SEVERITIES[i % 3],
  };
}

/** 100,000 cases written directly (the push path is measured above), spread over two years and every unit. */
async function seedCases(db: Db, n: number, unitIds: string[]) {
  const start = Date.parse('2021-01-01T00:00:00.000Z');
  const span = Date.parse('2022-12-31T00:00:00.000Z') - start;
  const rows: CasesTable[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(start + Math.floor((span * i) / n)).toISOString();
    const state = STATES[i % STATES.length] as CasesTable['state'];
    const dispatched = !['reported', 'verified', 'voided'].includes(state);
    const due = new Date(Date.parse(at) + 7 * 86_400_000).toISOString().slice(0, 10);
    rows.push({
      id: randomUUID(),
      number: `BN-${String(i).padStart(7, '0')}`,
      origin: 'alarm',
      source: i % 4 === 0 ? 'vocs-monitor' : 'dust-video',
      external_id: `SEED-${i}`,
      category: CATEGORIES[i % CATEGORIES.length] as string,
      severity: SEVERITIES[i % 3] as CasesTable['severity'],
      state,
      version: 1,
      district: '朝阳区',
      street: null,
      address: `测试地址${i % 5000}号`,
      place_key: `bench|${i % 5000}`,
      area_id: null,
      lat: null,
      lng: null,
      description: '批量生成的问题案件',
      measure_id: null,
      unit_id: dispatched ? (unitIds[i % unitIds.length] as string) : null,
      occurred_at: at,
      reported_at: at,
      reported_day: at.slice(0, 10),
      reported_by: null,
      verified_at: null,
      verified_by: null,
      dispatched_at: dispatched ? at : null,
      dispatched_by: null,
      time_limit_days: dispatched ? 7 : null,
      due_on: dispatched ? due : null,
      signed_at: null,
      signed_by: null,
      feedback_at: null,
      feedback_by: null,
      feedback_text: null,
      closed_at: state === 'closed' ? at : null,
      closed_by: null,
      closed_on: state === 'closed' ? at.slice(0, 10) : null,
      revisit_on: null,
      revisited_at: null,
      escalated_at: null,
      extension_state: null,
      extension_due: null,
      extension_reason: null,
      extension_by: null,
      extension_at: null,
      extension_decided_at: null,
      extension_comment: null,
      duplicate_of: null,
      repeat_of: null,
      rework_count: 0,
      return_count: 0,
      reopen_count: 0,
      ever_fed_back: state === 'closed' || state === 'feedback' ? 1 : 0,
      updated_at: at,
    });
    if (rows.length === 400 || i === n - 1) {
      await db.kysely.insertInto('cases').values(rows).execute();
      rows.length = 0;
    }
  }
}

async function main() {
  const { db, dir, cleanup } = await openFresh();
  const base = loadConfig({
    LANTIAN_DATA_DIR: dir,
    LANTIAN_WEB_DIST: '/nonexistent-web-dist',
    LANTIAN_SECOND_FACTOR: 'optional',
  });
  const config = { ...base, logLevel: 'silent' as const };
  const ctx: AppContext = { db, clock: systemClock, config };
  try {
    await prepareDatabase(ctx);
    const app = await buildApp({ db, config, clock: systemClock });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const { key } = await issueApiKey(ctx, cliActor(), {
      name: 'bench-dust-video',
      scopes: ['alarms:write'],
    });

    // 1. 1,000 alarms over HTTP, 20 at a time; every 10th pushed a second time.
    const n = Number(values.alarms);
    const order = [
      ...Array.from({ length: n }, (_, i) => i),
      ...Array.from({ length: n / 10 }, (_, i) => i * 10),
    ];
    const statuses: Record<number, number> = {};
    const caseOf = new Map<number, string>();
    const twice: string[] = [];
    const pushMs: number[] = [];
    let next = 0;
    log(`pushing ${order.length} alarms (${n} distinct) on ${values.dialect}…`);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < order.length) {
          const i = order[next++] as number;
          const s = performance.now();
          const r = await fetch(`${url}/api/v1/ingest/alarms`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(alarmBody(i)),
          });
          pushMs.push(performance.now() - s);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          const body = (await r.json()) as { caseId: string };
          const seen = caseOf.get(i);
          if (seen && seen !== body.caseId) twice.push(`${i}`);
          caseOf.set(i, body.caseId);
        }
      }),
    );
    const totalPushMs = Math.round(performance.now() - t0);
    const stored = Number(
      (
        await db.kysely
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    log(`pushed in ${totalPushMs} ms: ${JSON.stringify(statuses)}, ${stored} stored`);
    const accepted =
      (statuses[201] ?? 0) === n && (statuses[200] ?? 0) === n / 10 && stored === n && twice.length === 0;

    // 2. 100,000 cases, then the list.
    const units = (
      await db.kysely.selectFrom('units').select('id').where('kind', '=', 'district').execute()
    ).map((u) => u.id);
    const total = Number(values.cases);
    log(`writing ${total - n} more cases…`);
    await seedCases(db, total - n, units);
    if (!values['stale-statistics']) {
      // 99,000 rows in a moment is the bench's shortcut: a server's cases arrive over months, while
      // PostgreSQL's autovacuum (its insert threshold, PG ≥ 13) vacuums and analyses the table, and SQLite's
      // `pragma optimize` runs each time the server opens the database. Do here what they would have done.
      // `--stale-statistics` measures right after the bulk load instead.
      const t = performance.now();
      if (db.dialect === 'postgres') await sql`vacuum analyze cases`.execute(db.kysely);
      else await refreshPlannerStatistics(db, ['cases']);
      log(`planner statistics refreshed in ${Math.round(performance.now() - t)} ms`);
    }
    const office = await db.kysely
      .selectFrom('units')
      .select('id')
      .where('kind', '=', 'city_department')
      .executeTakeFirstOrThrow();
    await createUser(ctx, cliActor(), {
      username: 'bench_sup',
      unitId: office.id,
      roles: ['supervisor'],
      password: PASSWORD,
      mustChangePassword: false,
    });
    await createUser(ctx, cliActor(), {
      username: 'bench_unit',
      unitId: units[0] as string,
      roles: ['unit_staff'],
      password: PASSWORD,
      mustChangePassword: false,
    });
    const login = async (username: string) => {
      const r = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      return (r.headers.get('set-cookie') ?? '').split(';')[0] as string;
    };
    const sup = await login('bench_sup');
    const unit = await login('bench_unit');
    const lists: Record<string, { cookie: string; path: string }> = {
      officeDefault: { cookie: sup, path: '/api/v1/cases' },
      officePage40: { cookie: sup, path: '/api/v1/cases?page=40&pageSize=50' },
      byState: { cookie: sup, path: '/api/v1/cases?state=dispatched,signed&sort=dueOn' },
      byCategoryAndUnit: { cookie: sup, path: `/api/v1/cases?category=vocs&unitId=${units[1]}` },
      overdue: { cookie: sup, path: '/api/v1/cases?overdue=true' },
      awaitingOffice: { cookie: sup, path: '/api/v1/cases?awaitingMe=true' },
      unitOwn: { cookie: unit, path: '/api/v1/cases' },
      unitInbox: { cookie: unit, path: '/api/v1/cases?awaitingMe=true' },
    };
    const runs = Number(values.runs);
    const all: number[] = [];
    const perList: Record<string, ReturnType<typeof stats> & { total: number }> = {};
    for (const [name, l] of Object.entries(lists)) {
      const times: number[] = [];
      let listed = 0;
      for (let i = 0; i < runs + 3; i++) {
        const s = performance.now();
        const r = await fetch(`${url}${l.path}`, {
          headers: { cookie: l.cookie, 'accept-encoding': 'identity' },
        });
        const body = (await r.json()) as { total: number };
        if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(body)}`);
        listed = body.total;
        if (i >= 3) times.push(performance.now() - s);
      }
      all.push(...times);
      perList[name] = { total: listed, ...stats(times) };
    }
    await app.close();
    const list = stats(all);
    const report = {
      dialect: values.dialect,
      push: {
        alarms: n,
        requests: order.length,
        ms: totalPushMs,
        budgetMs: PUSH_BUDGET_MS,
        statuses,
        stored,
        recordedTwice: twice.length,
        perRequest: stats(pushMs),
      },
      list: {
        cases: total,
        plannerStatistics: !values['stale-statistics'],
        ...list,
        budgetP95Ms: LIST_P95_BUDGET_MS,
        perList,
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!accepted || totalPushMs > PUSH_BUDGET_MS || list.p95 > LIST_P95_BUDGET_MS) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
