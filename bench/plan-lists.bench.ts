import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { AppContext } from '../apps/server/src/context.ts';
import { cliActor } from '../apps/server/src/modules/audit/actor.ts';
import { DEMO_RELEVANT_DISTRICTS, loadDemo } from '../apps/server/src/modules/demo/demo.service.ts';
import { unitByName } from '../apps/server/src/modules/directory/directory.repository.ts';
import { importPlanDocument } from '../apps/server/src/modules/plans/plan-import.service.ts';
import { publishPlan } from '../apps/server/src/modules/plans/plan-publish.service.ts';
import { decideGroupsOfKind } from '../apps/server/src/modules/plans/plan-review.service.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { BENCH_PG_URL, freshDatabases } from './fresh-db.ts';
import { generatePlan } from './generate-plan.ts';
import { rawGet, spawnServer, stop, waitFor } from './http-load.ts';
import { deliverMonth, owingAssignments } from './month-reports.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '10' },
    measures: { type: 'string' },
    reports: { type: 'string', default: 'true' },
  },
});
const PASSWORD = 'Bench-user-pass-1';
const PG = values.db === 'postgres';
const RUNS = Number(values.runs);
const databases = freshDatabases(PG ? BENCH_PG_URL : undefined);

/** A year of month reports written as the units' sign-offs record them (report and its events). */
async function yearOfReports(ctx: AppContext, planId: string): Promise<number> {
  const plan = {
    id: planId,
    year: 2022,
    settings: { cycle: 'monthly' as const, dueDay: 25, start: '2022-01-01' },
  };
  const owing = await owingAssignments(ctx, planId);
  let written = 0;
  for (let m = 1; m <= 12; m++)
    written += await deliverMonth(ctx, plan, owing, `2022-${String(m).padStart(2, '0')}`);
  return written;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number) => Math.round(x * 10) / 10;

const { ctx, dir, databaseUrl } = await databases.context();
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

const { server, base } = await spawnServer({
  dataDir: dir,
  databaseUrl,
  env: { LANTIAN_JOBS_INTERVAL_MINUTES: '0' },
});
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
  await databases.dropAll();
}
