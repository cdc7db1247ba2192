// Browser timing (issue 12 item 3), a benchmark rather than a test: from a cold start of a server
// seeded with the published seed plan, how long Chromium takes to show
//   我的任务's table (a district unit, 36 assignments): target 1 s,
//   the plan view and the supervisor's board: target 1.5 s each,
// measured from navigation start to the first table row visible, each page opened fresh (cold
// caches in a new browser context) and again (warm), median of --runs. Prints the figures as JSON.
// Run: node -C @lantian/source --import tsx bench/web-timing.bench.ts [--runs 3] [--skip-build]
// (Debian's Chromium at /usr/bin/chromium; the web app is built first unless --skip-build.)
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from '@playwright/test';
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
import { spawnServer, stop, waitFor } from './http-load.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'skip-build': { type: 'boolean', default: false },
    /** Print each cold load's requests (start, end in ms from navigation, size) to stderr. */
    waterfall: { type: 'boolean', default: false },
    /** Write each page's cold-load CPU profile (Chromium's .cpuprofile) into this folder, and print its top self times. */
    profile: { type: 'string' },
    /** Save a full-page screenshot of each page after its warm load into this folder (to compare looks). */
    shots: { type: 'string' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench-user-pass-1';
/** The 25 functions with the most self time in a CPU profile, as `ms  function  file:line`. */
function topSelfTimes(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): string[] {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++)
    byNode.set(samples[i] as number, (byNode.get(samples[i] as number) ?? 0) + (deltas[i] ?? 0));
  const byFrame = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = byNode.get(n.id) ?? 0;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + us);
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}
/** Total duration of the renderer's main-thread trace events by name (complete events only, not nested sums). */
function topEvents(events: { name: string; ph: string; dur?: number; tid: number }[]): string[] {
  const names = [
    'Layout',
    'UpdateLayoutTree',
    'ParseHTML',
    'EvaluateScript',
    'v8.compile',
    'v8.compileModule',
    'FunctionCall',
    'Paint',
    'PrePaint',
    'Layerize',
    'ParseAuthorStyleSheet',
    'RunTask',
    'TimerFire',
    'EventDispatch',
    'v8.evaluateModule',
    'HitTest',
    'ScheduleStyleRecalculation',
    'MajorGC',
    'MinorGC',
    'V8.GCScavenger',
    'V8.GCFinalizeMC',
    'CommitLoad',
    'ResourceReceivedData',
  ];
  const sums = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || !names.includes(e.name)) continue;
    const s = sums.get(e.name) ?? { ms: 0, n: 0 };
    s.ms += (e.dur ?? 0) / 1000;
    s.n += 1;
    sums.set(e.name, s);
  }
  return [...sums.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([k, v]) => `${v.ms.toFixed(1).padStart(8)} ms  ${String(v.n).padStart(4)}×  ${k}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

if (!values['skip-build']) execSync('npm run build -w @lantian/web', { cwd: root, stdio: 'ignore' });

// Seed: the published seed plan, a 延庆区政府 staff member and a supervisor.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-webbench-'));
const config = {
  ...loadConfig({ LANTIAN_DATA_DIR: dir, LANTIAN_SECOND_FACTOR: 'optional' }),
  adminPassword: 'Bench-root-pass-1',
};
const ctx: AppContext = { db: openSqlite(path.join(dir, 'lantian.db')), clock: systemClock, config };
await prepareDatabase(ctx);
const planId = await importPlanDocument(ctx, cliActor(), {
  fileName: 'beijing-air-2022.txt',
  mediaType: 'text/plain',
  bytes: fs.readFileSync(DEMO_PLAN_FILE),
});
await decideGroupsOfKind(ctx, cliActor(), planId, 'district', DEMO_RELEVANT_DISTRICTS);
await publishPlan(ctx, cliActor(), planId);
const unitId = async (name: string) => {
  const u = await unitByName(ctx.db.kysely, name);
  if (!u) throw new Error(`no ${name}`);
  return u.id;
};
for (const [username, unit, role] of [
  ['bench_yanqing', '延庆区政府', 'unit_staff'],
  ['bench_office', '市生态环境局', 'supervisor'],
] as const) {
  await createUser(ctx, cliActor(), {
    username,
    unitId: await unitId(unit),
    roles: [role],
    password: PASSWORD,
    mustChangePassword: false,
  });
}
await ctx.db.close();

const t0 = performance.now();
const { server, base } = await spawnServer({ dataDir: dir });
let browser: Browser | undefined;
try {
  await waitFor(`${base}/api/v1/health`, server);
  const serverStartMs = Math.round(performance.now() - t0);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });

  /** ms from navigation start to the first table row on `url`, in a fresh context (cold) and again (warm). */
  async function time(username: string, url: string): Promise<{ coldMs: number; warmMs: number }> {
    const context = await (browser as Browser).newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const login = await context.request.post(`${base}/api/v1/auth/login`, {
      data: { username, password: PASSWORD },
      headers: { origin: base },
    });
    if (!login.ok()) throw new Error(`login ${username}: ${login.status()}`);
    const page = await context.newPage();
    const waterfall: string[] = [];
    let startedAt = 0;
    if (values.waterfall)
      page.on('requestfinished', async (req) => {
        const t = req.timing();
        const size = (await req.sizes().catch(() => undefined))?.responseBodySize ?? 0;
        const from = Math.round(t.startTime - startedAt);
        waterfall.push(
          `${String(from).padStart(5)} → ${String(Math.round(from + t.responseEnd)).padStart(5)} ms ${String(Math.round(size / 1024)).padStart(5)} KB ${req.url().replace(base, '')}`,
        );
      });
    const once = async () => {
      startedAt = Date.now();
      const start = performance.now();
      await page.goto(`${base}${url}`, { waitUntil: 'commit' });
      await page.locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 30_000 });
      return performance.now() - start;
    };
    const cdp = values.profile ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (values.profile)
      await (browser as Browser).startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'],
      });
    const coldMs = await once();
    if (values.profile) {
      const trace = JSON.parse((await (browser as Browser).stopTracing()).toString()) as {
        traceEvents: { name: string; ph: string; dur?: number; tid: number }[];
      };
      process.stderr.write(`${url} cold main-thread events:\n${topEvents(trace.traceEvents).join('\n')}\n`);
    }
    if (cdp && values.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.mkdirSync(values.profile, { recursive: true });
      const file = path.join(values.profile, `${url.replace(/\W+/g, '_')}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      process.stderr.write(`${url} cold profile ${file}:\n${topSelfTimes(profile).join('\n')}\n`);
    }
    if (values.waterfall)
      process.stderr.write(`${url} cold, ${Math.round(coldMs)} ms:\n${waterfall.join('\n')}\n`);
    const warmMs = await once();
    if (values.shots) {
      await page.waitForLoadState('networkidle');
      fs.mkdirSync(values.shots, { recursive: true });
      await page.screenshot({ path: path.join(values.shots, `${url.split(/[/?]/)[1]}.png`), fullPage: true });
    }
    await context.close();
    return { coldMs: Math.round(coldMs), warmMs: Math.round(warmMs) };
  }

  const pages = {
    myWork: { user: 'bench_yanqing', url: '/my-work', targetMs: 1000 },
    planView: { user: 'bench_office', url: `/plans/${planId}`, targetMs: 1500 },
    board: { user: 'bench_office', url: `/board?planId=${planId}`, targetMs: 1500 },
  };
  const results: Record<
    string,
    { coldMs: number[]; warmMs: number[]; medianColdMs: number; targetMs: number }
  > = {};
  for (const [name, p] of Object.entries(pages)) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const r = await time(p.user, p.url);
      cold.push(r.coldMs);
      warm.push(r.warmMs);
    }
    results[name] = { coldMs: cold, warmMs: warm, medianColdMs: median(cold), targetMs: p.targetMs };
  }
  const report = {
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))) },
    serverStartMs,
    pages: results,
    withinTargets: Object.values(results).every((r) => r.medianColdMs <= r.targetMs),
  };
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.withinTargets ? 0 : 1;
} finally {
  await browser?.close();
  await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
}
