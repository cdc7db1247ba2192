// Server benchmarks (issues 3 and 12), on SQLite or PostgreSQL (`--db postgres`):
//  1. import + publish of the seed plan (parse, store the draft, decide 相关区政府, expand, publish): budget < 1 s;
//  2. GET /api/v1/me/assignments for a district user (延庆区政府), cached, against the server in its own
//     process, as a browser asks for it (Accept-Encoding: br, gzip), and
//  3. a bare Fastify in its own process serving exactly the bytes the server sent (same body, type and
//     encoding), driven the same way, in the same run: Lantian should reach at least half of it.
// The load generator (autocannon's CLI) runs in a separate process with several connections and HTTP
// pipelining; its CPU share is reported (near 1.0 = the client was the limit). Bytes are the bytes sent:
// the response's content-length (compressed), and the decompressed JSON size beside it.
// Run: node -C @lantian/source --import tsx bench/server.bench.ts [--db sqlite|postgres] [--duration 10]
//      [--connections 16] [--pipelining 4] [--workers 1] [--runs 5] [--log-level info]
// PostgreSQL: a fresh database on LANTIAN_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// dropped at the end. Prints a JSON report; exits 1 when over budget. Figures depend on the machine's load.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AppContext } from '../apps/server/src/context.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { DEMO_PLAN_FILE, DEMO_RELEVANT_DISTRICTS } from '../apps/server/src/modules/demo/demo.service.ts';
import { unitByName } from '../apps/server/src/modules/directory/directory.repository.ts';
import { importPlanDocument } from '../apps/server/src/modules/plans/plan-import.service.ts';
import { publishPlan } from '../apps/server/src/modules/plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../apps/server/src/modules/plans/plan-review.service.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { BENCH_PG_URL, freshDatabases } from './fresh-db.ts';
import { freePort, rawGet, runLoad, spawnServer, stop, waitFor } from './http-load.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    pipelining: { type: 'string', default: '4' },
    /** autocannon worker threads: raise when the report's clientCpuShare is near the worker count. */
    workers: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    /** The server's LANTIAN_LOG_LEVEL (production default: info, which logs every request). */
    'log-level': { type: 'string', default: 'info' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench-user-pass-1';
const PG = values.db === 'postgres';
const databases = freshDatabases(PG ? BENCH_PG_URL : undefined);

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// 1. Import + publish, each on a fresh database (the first run includes module warm-up).
const times: number[] = [];
let assignments = 0;
for (let i = 0; i < Number(values.runs); i++) {
  const { ctx, dir } = await databases.context();
  const r = await importAndPublish(ctx);
  times.push(r.ms);
  assignments = r.assignments;
  await ctx.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// 2. The server on a database holding the published seed and a 延庆区政府 user.
const { ctx, dir, databaseUrl } = await databases.context();
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

const load = {
  connections: Number(values.connections),
  pipelining: Number(values.pipelining),
  durationSeconds: Number(values.duration),
  workers: Number(values.workers),
};
const { server, base } = await spawnServer({
  dataDir: dir,
  databaseUrl,
  env: {
    LANTIAN_LOG_LEVEL: values['log-level'] as string,
    // The supervision jobs run once at start and then every 15 minutes; they are not what is measured here.
    LANTIAN_JOBS_INTERVAL_MINUTES: '0',
  },
});
const bodyFile = path.join(dir, 'bare-body');
let bare: ReturnType<typeof spawn> | undefined;
try {
  await waitFor(`${base}/api/v1/health`, server);
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'bench_yanqing', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const url = `${base}/api/v1/me/assignments?pageSize=200`;
  const headers = { cookie, 'accept-encoding': 'br, gzip' };
  const probe = await rawGet(url, headers);
  if (probe.status !== 200) throw new Error(`/me/assignments answered ${probe.status}`);
  const encoding = probe.headers['content-encoding'];
  const json =
    encoding === 'br'
      ? brotliDecompressSync(probe.body)
      : encoding === 'gzip'
        ? gunzipSync(probe.body)
        : probe.body;
  const body = JSON.parse(json.toString('utf8')) as { total: number; assignments: { measureId: string }[] };
  const identity = await rawGet(url, { cookie });

  // The bare reference: the same bytes, type and encoding, in its own process.
  fs.writeFileSync(bodyFile, probe.body);
  const barePort = await freePort();
  bare = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/bare-fastify.ts',
      String(barePort),
      '/api/v1/me/assignments',
      bodyFile,
      String(probe.headers['content-type']),
      ...(encoding ? [String(encoding)] : []),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitFor(`http://127.0.0.1:${barePort}/health`, bare);
  const bareUrl = `http://127.0.0.1:${barePort}/api/v1/me/assignments?pageSize=200`;
  const bareProbe = await rawGet(bareUrl, headers);
  if (!bareProbe.body.equals(probe.body)) throw new Error('the bare server does not send the same bytes');

  // Warm-up of both, then the measured runs, one after the other.
  await runLoad({ url, headers, ...load, durationSeconds: 3 });
  await runLoad({ url: bareUrl, headers, ...load, durationSeconds: 3 });
  const lantian = await runLoad({ url, headers, ...load }, server.pid);
  const reference = await runLoad({ url: bareUrl, headers, ...load }, bare.pid);
  const ratio = Number((lantian.requestsPerSecond / reference.requestsPerSecond).toFixed(2));
  const report = {
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    database: PG ? 'postgres' : 'sqlite',
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
      total: body.total,
      distinctMeasures: new Set(body.assignments.map((a) => a.measureId)).size,
      bytesSent: {
        contentEncoding: encoding ?? 'identity',
        compressed: probe.body.length,
        uncompressed: identity.body.length,
      },
      load: { ...load, client: 'autocannon CLI, own process' },
      serverLogLevel: values['log-level'],
      lantian,
      bareFastifySameBytes: reference,
      ratioToBareFastify: ratio,
      budget: { requestsPerSecond: 2000, p99Ms: 20, ratioToBareFastify: 0.5 },
    },
  };
  console.log(JSON.stringify(report, null, 2));
  const ok =
    report.importAndPublish.medianMs < 1000 &&
    lantian.requestsPerSecond >= 2000 &&
    lantian.latencyMs.p99 < 20 &&
    ratio >= 0.5;
  console.log(ok ? 'within budget' : 'OVER BUDGET');
  process.exitCode = ok && lantian.non2xx === 0 && lantian.errors === 0 ? 0 : 1;
} finally {
  if (bare) await stop(bare);
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
  await databases.dropAll();
}
