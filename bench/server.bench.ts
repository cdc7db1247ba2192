// Server benchmarks on SQLite (issue 3):
//  1. import + publish of the seed plan (parse, store the draft, decide 相关区政府, expand, publish): budget < 1 s;
//  2. GET /api/v1/me/assignments for a district user (延庆区政府) against a server in its own process, driven
//     by autocannon over loopback: budget ≥ 2,000 requests/s with p99 < 20 ms.
// Run: node -C @lantian/source --import tsx bench/server.bench.ts [--duration 15] [--connections 10] [--log-level info]
// Prints a JSON report; exits 1 when over budget. Figures depend on what else the machine is doing.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { systemClock } from '../apps/server/src/clock.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { AppContext } from '../apps/server/src/context.ts';
import { openSqlite } from '../apps/server/src/db/connect.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { DEMO_PLAN_FILE, DEMO_RELEVANT_DISTRICTS } from '../apps/server/src/modules/demo/demo.service.ts';
import { unitByName } from '../apps/server/src/modules/directory/directory.repository.ts';
import { importPlanDocument } from '../apps/server/src/modules/plans/plan-import.service.ts';
import { publishPlan } from '../apps/server/src/modules/plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../apps/server/src/modules/plans/plan-review.service.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '10' },
    runs: { type: 'string', default: '5' },
    /** The server's LANTIAN_LOG_LEVEL (production default: info, which logs every request). */
    'log-level': { type: 'string', default: 'info' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench-user-pass-1';

async function freshContext(): Promise<{ ctx: AppContext; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bench-'));
  const config = { ...loadConfig({ LANTIAN_DATA_DIR: dir }), adminPassword: 'Bench-root-pass-1' };
  const ctx: AppContext = { db: openSqlite(path.join(dir, 'lantian.db')), clock: systemClock, config };
  await prepareDatabase(ctx);
  return { ctx, dir };
}

/** Import + publish the seed, as `lantian plan import --publish --relevant-districts …` does. */
async function importAndPublish(
  ctx: AppContext,
): Promise<{ ms: number; planId: string; assignments: number }> {
  const bytes = fs.readFileSync(DEMO_PLAN_FILE);
  const actor = cliActor();
  const t0 = performance.now();
  const planId = await importPlanDocument(ctx, actor, {
    fileName: 'beijing-air-2022.txt',
    mediaType: 'text/plain',
    bytes,
  });
  await decideGroupsOfKind(ctx, actor, planId, 'district', DEMO_RELEVANT_DISTRICTS);
  const published = await publishPlan(ctx, actor, planId);
  return { ms: performance.now() - t0, planId, assignments: published.assignmentsCreated };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** CPU time (user + system) the server process has used, in ms (Linux /proc; undefined elsewhere). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return undefined;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// 1. Import + publish, each on a fresh database (the first run includes module warm-up).
const times: number[] = [];
let assignments = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const { ctx, dir } = await freshContext();
  const r = await importAndPublish(ctx);
  times.push(r.ms);
  assignments = r.assignments;
  await ctx.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// 2. The server on a database holding the published seed and a 延庆区政府 user.
const { ctx, dir } = await freshContext();
const { planId } = await importAndPublish(ctx);
const yanqing = await unitByName(ctx.db.kysely, '延庆区政府');
if (!yanqing) throw new Error('no 延庆区政府 in the directory');
await createUser(ctx, cliActor(), {
  username: 'bench_yanqing',
  unitId: yanqing.id,
  roles: ['unit_staff'],
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
      PORT: String(port),
      HOST: '127.0.0.1',
      LANTIAN_LOG_LEVEL: values['log-level'],
      // The supervision jobs run once at start and then every 15 minutes; they are not what is measured here.
      LANTIAN_JOBS_INTERVAL_MINUTES: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
try {
  await waitForHealth(base, server);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'bench_yanqing', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const probe = await fetch(`${base}/api/v1/me/assignments`, { headers: { cookie } });
  const body = (await probe.json()) as { assignments: { measureId: string }[] };
  const measures = new Set(body.assignments.map((a) => a.measureId)).size;
  const bytes = JSON.stringify(body).length;

  // Warm-up, then the measured run.
  await autocannon({
    url: `${base}/api/v1/me/assignments`,
    headers: { cookie },
    connections: 4,
    duration: 3,
  });
  const cpuBefore = cpuMs(server.pid);
  const result = await autocannon({
    url: `${base}/api/v1/me/assignments`,
    headers: { cookie },
    connections: Number(values.connections),
    duration: Number(values.duration),
  });
  const cpuAfter = cpuMs(server.pid);
  const cpuPerRequest =
    cpuBefore !== undefined && cpuAfter !== undefined
      ? (cpuAfter - cpuBefore) / result.requests.total
      : undefined;
  const report = {
    machine: { cpus: os.cpus().length, node: process.version },
    importAndPublish: {
      runsMs: times.map((t) => Math.round(t)),
      medianMs: Math.round(median(times)),
      assignmentsCreated: assignments,
      budgetMs: 1000,
    },
    myAssignments: {
      planId,
      unit: '延庆区政府',
      assignmentsReturned: body.assignments.length,
      distinctMeasures: measures,
      responseBytes: bytes,
      connections: Number(values.connections),
      serverLogLevel: values['log-level'],
      durationSeconds: Number(values.duration),
      requestsPerSecond: Math.round(result.requests.average),
      /** Server CPU per request (user + system): what the figure would be with a core to itself is about 1000 / this. */
      serverCpuMsPerRequest: cpuPerRequest === undefined ? null : Number(cpuPerRequest.toFixed(3)),
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      non2xx: result.non2xx,
      errors: result.errors,
      budget: { requestsPerSecond: 2000, p99Ms: 20 },
    },
  };
  console.log(JSON.stringify(report, null, 2));
  const ok =
    report.importAndPublish.medianMs < 1000 &&
    report.myAssignments.requestsPerSecond >= 2000 &&
    result.latency.p99 < 20;
  console.log(ok ? 'within budget' : 'OVER BUDGET');
  process.exitCode = ok && result.non2xx === 0 ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
}
