import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { openPostgres, openSqlite } from '../apps/server/src/db/connect.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { loadDemo } from '../apps/server/src/modules/demo/demo.service.ts';
import { unitByName } from '../apps/server/src/modules/directory/directory.repository.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { pickReportingAssignments } from './deadline-day-users.ts';
import { generatePlan } from './generate-plan.ts';
import { spawnServer, stop, waitFor } from './http-load.ts';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    users: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '3' },
    import: { type: 'boolean', default: false },
    measures: { type: 'string', default: '6000' },
    'pg-url': {
      type: 'string',
      default: process.env.LANTIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const USERS = Number(values.users);
const ROUNDS = Number(values.rounds);
const PG = values.dialect === 'postgres';
const PASSWORD = 'Bench-user-pass-1';
const log = (s: string) => process.stderr.write(`${s}\n`);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 10) / 10;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

async function pgAdmin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: values['pg-url'] });
  await c.connect();
  await c.query(query);
  await c.end();
}

interface Slot {
  username: string;
  assignmentId: string;
  cookie?: string;
  periods?: string[];
}

/** A fresh database with the seed published, `USERS` staff on assignments of their own, and a supervisor. */
async function prepare(dir: string, databaseUrl?: string): Promise<Slot[]> {
  const config = {
    ...loadConfig({ LANTIAN_DATA_DIR: dir, LANTIAN_SECOND_FACTOR: 'optional' }),
    adminPassword: 'Bench-root-pass-1',
  };
  const db = databaseUrl ? openPostgres(databaseUrl) : openSqlite(path.join(dir, 'lantian.db'));
  const ctx: AppContext = { db, clock: systemClock, config };
  try {
    await prepareDatabase(ctx);
    const { planId } = await loadDemo(ctx, cliActor());
    const picks = await pickReportingAssignments(db.kysely, planId, USERS);
    const slots: Slot[] = [];
    for (const p of picks) {
      const username = `bench_unit_${slots.length + 1}`;
      await createUser(ctx, cliActor(), {
        username,
        unitId: p.unitId,
        roles: ['unit_staff'],
        password: PASSWORD,
        mustChangePassword: false,
      });
      slots.push({ username, assignmentId: p.assignmentId });
    }
    const office = await unitByName(db.kysely, '市生态环境局');
    if (!office) throw new Error('no 市生态环境局 in the directory');
    await createUser(ctx, cliActor(), {
      username: 'bench_supervisor',
      unitId: office.id,
      roles: ['supervisor'],
      password: PASSWORD,
      mustChangePassword: false,
    });
    log(
      `prepared: seed published, ${slots.length} unit users on ${new Set(picks.map((p) => p.unitId)).size} units`,
    );
    return slots;
  } finally {
    await db.close();
  }
}

interface Timed {
  ms: number;
  status: number;
  error?: string;
  body?: unknown;
}

async function timed(url: string, init: RequestInit): Promise<Timed & { res?: Response }> {
  const t = performance.now();
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    const body = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { ms: performance.now() - t, status: res.status, body, res };
  } catch (e) {
    return { ms: performance.now() - t, status: 0, error: e instanceof Error ? e.message : String(e) };
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-deadline-'));
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (PG) {
    dbName = `lantian_bench_${randomBytes(5).toString('hex')}`;
    await pgAdmin(`create database ${dbName} with encoding 'UTF8' template template0`);
    const u = new URL(values['pg-url'] as string);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const slots = await prepare(dir, databaseUrl);
  const { server, base } = await spawnServer({
    dataDir: dir,
    databaseUrl,
    env: { LANTIAN_JOBS_INTERVAL_MINUTES: '0', LANTIAN_UPLOAD_MAX_BYTES: String(20 * 1024 * 1024) },
  });
  const json = (cookie?: string) => ({
    'content-type': 'application/json',
    origin: base,
    ...(cookie ? { cookie } : {}),
  });
  try {
    await waitFor(`${base}/api/v1/health`, server);
    const loginOf = (username: string) =>
      timed(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: json(),
        body: JSON.stringify({ username, password: PASSWORD }),
      });
    // The login burst: every user at once (scrypt N=2^15 on libuv's threads), before the deadline moment.
    const t0 = performance.now();
    const logins = await Promise.all(slots.map((s) => loginOf(s.username)));
    const loginWallMs = performance.now() - t0;
    for (const [i, l] of logins.entries()) {
      const cookie = (l.res?.headers.get('set-cookie') ?? '').split(';')[0];
      if (l.status !== 200 || !cookie)
        throw new Error(`login ${slots[i]?.username}: ${l.status} ${l.error ?? ''}`);
      (slots[i] as Slot).cookie = cookie;
    }
    const supervisor = await loginOf('bench_supervisor');
    const supCookie = (supervisor.res?.headers.get('set-cookie') ?? '').split(';')[0] as string;
    // Each user opens the report form (as the page does) and learns the periods owed.
    for (const s of slots) {
      const form = await timed(`${base}/api/v1/assignments/${s.assignmentId}/report-form`, {
        headers: json(s.cookie),
      });
      const body = form.body as { periods?: { key: string }[]; actions?: { submit: boolean } };
      if (form.status !== 200 || !body.actions?.submit || !body.periods?.length)
        throw new Error(`${s.username}: the report form of ${s.assignmentId} offers no submit`);
      s.periods = body.periods.map((p) => p.key);
    }
    log(`signed in ${slots.length} users in ${Math.round(loginWallMs)} ms; rounds: ${ROUNDS}`);

    let importRun:
      | Promise<{ ms: number; status: number; measures?: number; overlappedRounds: number }>
      | undefined;
    let importDone = false;
    if (values.import) {
      const bytes = Buffer.from(generatePlan(Number(values.measures)), 'utf8');
      const body = new FormData();
      body.set('file', new Blob([bytes], { type: 'text/plain' }), 'big-plan.txt');
      // Another year than the published seed's (a plan of the same title and year would be a duplicate).
      importRun = timed(`${base}/api/v1/plans/import?year=2023`, {
        method: 'POST',
        headers: { cookie: supCookie, origin: base },
        body,
      }).then((r) => {
        importDone = true;
        return {
          ms: Math.round(r.ms),
          status: r.status,
          measures: (r.body as { plan?: { measureCount: number } }).plan?.measureCount,
          ...(r.status === 200 ? {} : { error: r.error ?? (r.body as { error?: unknown }).error }),
          fileBytes: bytes.length,
          overlappedRounds: 0,
        };
      });
      // Let the upload reach the server before the deadline moment.
      await new Promise((r) => setTimeout(r, 200));
    }

    const save: number[] = [];
    const submit: number[] = [];
    const failures: { user: string; step: string; status: number; error?: string; body?: unknown }[] = [];
    const roundsWall: number[] = [];
    let overlapped = 0;
    const tAll = performance.now();
    for (let r = 0; r < ROUNDS; r++) {
      const tr = performance.now();
      const during = values.import && !importDone;
      await Promise.all(
        slots.map(async (s) => {
          const period = (s.periods as string[]).at(-1 - r);
          if (!period) throw new Error(`${s.username}: fewer than ${ROUNDS} periods owed`);
          const url = `${base}/api/v1/assignments/${s.assignmentId}/reports/${period}`;
          const content = {
            status: 'on_track',
            summary: `${period} 按计划推进`,
            targetValues: [],
            milestonesReached: [],
          };
          const saved = await timed(url, {
            method: 'PUT',
            headers: json(s.cookie),
            body: JSON.stringify({ version: 0, ...content }),
          });
          save.push(saved.ms);
          if (saved.status !== 200) {
            failures.push({
              user: s.username,
              step: 'save',
              status: saved.status,
              error: saved.error,
              body: saved.body,
            });
            return;
          }
          const version = (saved.body as { report: { version: number } }).report.version;
          const sub = await timed(`${url}/submit`, {
            method: 'POST',
            headers: json(s.cookie),
            body: JSON.stringify({ version, requestId: randomUUID(), ...content }),
          });
          submit.push(sub.ms);
          if (sub.status !== 200)
            failures.push({
              user: s.username,
              step: 'submit',
              status: sub.status,
              error: sub.error,
              body: sub.body,
            });
        }),
      );
      roundsWall.push(Math.round(performance.now() - tr));
      // A round that began while the import was still running.
      if (during) overlapped++;
    }
    const allMs = performance.now() - tAll;
    const imported = importRun ? { ...(await importRun), overlappedRounds: overlapped } : undefined;
    const requests = save.length + submit.length;
    const report = {
      dialect: PG ? 'postgres' : 'sqlite',
      users: slots.length,
      rounds: ROUNDS,
      loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
      cores: os.cpus().length,
      loginBurst: {
        wallMs: Math.round(loginWallMs),
        errors: logins.filter((l) => l.status !== 200).length,
        ms: stats(logins.map((l) => l.ms)),
      },
      requests,
      errors: failures.length,
      failures: failures.slice(0, 5),
      latencyMs: { all: stats([...save, ...submit]), save: stats(save), submit: stats(submit) },
      throughputPerSecond: Math.round((requests / allMs) * 1000),
      reportsPerSecond: Math.round(
        ((submit.length - failures.filter((f) => f.step === 'submit').length) / allMs) * 1000,
      ),
      roundWallMs: roundsWall,
      import: imported,
    };
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = failures.length === 0 && (!imported || imported.status === 200) ? 0 : 1;
  } finally {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
    if (dbName) await pgAdmin(`drop database if exists ${dbName} with (force)`);
  }
}

await main();
