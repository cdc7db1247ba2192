// Does a large import block the server? (issue 8): the server listens on a SQLite database; while a
// supervisor imports a generated plan of 6,000 measures (the seed's table repeated, ~2.9 MB) over HTTP,
// a client asks GET /api/v1/health every 10 ms (open loop) and records each latency. Budget: p99 of
// those latencies < 100 ms. The parse runs in a piscina worker; `--in-thread` parses on the event loop
// instead, for comparison. Prints a JSON report; exits 1 when over budget.
// Run: npm run bench:import-blocking [-- --measures 6000] [--in-thread]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.ts';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { openSqlite } from '../apps/server/src/db/connect.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { unitByName } from '../apps/server/src/modules/directory/directory.repository.ts';
import { closeParsePool, parseInThread } from '../apps/server/src/modules/plans/plan-parse.pool.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { generatePlan } from './generate-plan.ts';

const { values } = parseArgs({
  options: {
    measures: { type: 'string', default: '6000' },
    'in-thread': { type: 'boolean', default: false },
  },
});
const BUDGET_P99_MS = 100;
const PASSWORD = 'Bench-user-pass-1';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-import-bench-'));
const config = {
  ...loadConfig({
    LANTIAN_DATA_DIR: dir,
    // Benchmarks sign the office in with a password only.
    LANTIAN_SECOND_FACTOR: 'optional',
    LANTIAN_LOG_LEVEL: 'silent',
    LANTIAN_UPLOAD_MAX_BYTES: String(20 * 1024 * 1024),
  }),
  adminPassword: 'Bench-root-pass-1',
};
const db = openSqlite(path.join(dir, 'lantian.db'));
const ctx: AppContext = { db, clock: systemClock, config };
await prepareDatabase(ctx);
const office = await unitByName(db.kysely, '市生态环境局');
if (!office) throw new Error('no 市生态环境局 in the directory');
await createUser(ctx, cliActor(), {
  username: 'bench_supervisor',
  unitId: office.id,
  roles: ['supervisor'],
  password: PASSWORD,
  mustChangePassword: false,
});
if (values['in-thread']) parseInThread(true);
const app = await buildApp({ db, config });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench_supervisor', password: PASSWORD }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);

const text = generatePlan(Number(values.measures));
const bytes = Buffer.from(text, 'utf8');

const health = async () => {
  const t = performance.now();
  const r = await fetch(`${base}/api/v1/health`);
  await r.arrayBuffer();
  return performance.now() - t;
};
for (let i = 0; i < 50; i++) await health(); // warm up

// The prober is its own process (so its timers do not wait on the server's event loop), open loop:
// a probe every 10 ms whether or not the last one answered, so a stall shows in every probe that
// waited on it, not in a single slow sample. It prints its latencies when told to stop.
const PROBER = `
let stop = false; const ms = []; const pending = [];
process.on('message', async () => { stop = true; clearInterval(t); await Promise.all(pending); process.send(ms); process.exit(0); });
const t = setInterval(() => {
  if (stop) return;
  const s = performance.now();
  pending.push(fetch(process.argv[1] + '/api/v1/health').then((r) => r.arrayBuffer()).then(() => ms.push(performance.now() - s)));
}, 10);
process.send('ready');`;
const prober = spawn(process.execPath, ['-e', PROBER, base], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
await new Promise<void>((resolve) => prober.once('message', () => resolve()));
const t0 = performance.now();
const body = new FormData();
body.set('file', new Blob([bytes], { type: 'text/plain' }), 'big-plan.txt');
const res = await fetch(`${base}/api/v1/plans/import`, {
  method: 'POST',
  headers: { cookie, origin: base },
  body,
});
const answer = (await res.json()) as { plan?: { measureCount: number }; error?: unknown };
const importMs = performance.now() - t0;
const latencies = await new Promise<number[]>((resolve) => {
  prober.once('message', (m) => resolve(m as number[]));
  prober.send('stop');
});
if (res.status !== 200) throw new Error(`import failed: ${res.status} ${JSON.stringify(answer)}`);

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const report = {
  parse: values['in-thread'] ? 'in-thread' : 'worker',
  measures: answer.plan?.measureCount,
  fileBytes: bytes.length,
  importMs: Math.round(importMs),
  healthRequests: latencies.length,
  healthMs: { p50: +pct(50).toFixed(1), p99: +pct(99).toFixed(1), max: +(sorted.at(-1) ?? 0).toFixed(1) },
  budgetP99Ms: BUDGET_P99_MS,
};
console.log(JSON.stringify(report, null, 2));
await app.close();
await closeParsePool();
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = report.healthMs.p99 < BUDGET_P99_MS ? 0 : 1;
