/**
 * Load generation for the server benchmarks, kept out of the measured process: autocannon runs in its
 * own process (its CLI, JSON output), and its CPU use is sampled so the report can say whether the
 * client, not the server, was the limit. Also: raw responses as sent (no decompression), processes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const AUTOCANNON_CLI = require.resolve('autocannon/autocannon.js');

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  pipelining: number;
  durationSeconds: number;
  /** autocannon worker threads (more client CPU when one core is not enough). */
  workers?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Bytes per second received by the client, headers included (autocannon's throughput). */
  bytesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  /** CPU the load generator used, in cores: near its workers' count means it was the bottleneck. */
  clientCpuShare: number | null;
  /** CPU the server used per request (ms, user + system), when its pid is given. */
  serverCpuMsPerRequest: number | null;
}

/** CPU time (user + system) of a process in ms (Linux /proc; undefined elsewhere or after exit). */
export function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Run autocannon in a separate process against `opts.url`; `serverPid` for the server's CPU per request. */
export async function runLoad(opts: LoadOptions, serverPid?: number): Promise<LoadResult> {
  const args = [
    AUTOCANNON_CLI,
    '-j',
    '-c',
    String(opts.connections),
    '-p',
    String(opts.pipelining),
    '-d',
    String(opts.durationSeconds),
    ...(opts.workers && opts.workers > 1 ? ['-w', String(opts.workers)] : []),
    ...Object.entries(opts.headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    opts.url,
  ];
  const serverBefore = cpuMs(serverPid);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  // Sample the client's CPU while it runs: /proc is gone once it has exited.
  const started = performance.now();
  let clientCpu: number | undefined;
  let sampledAt = started;
  const timer = setInterval(() => {
    const c = cpuMs(child.pid);
    if (c !== undefined) {
      clientCpu = c;
      sampledAt = performance.now();
    }
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const serverAfter = cpuMs(serverPid);
  const r = JSON.parse(out) as {
    requests: { average: number; total: number };
    throughput: { average: number };
    latency: { p50: number; p90: number; p99: number; max: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: Math.round(r.requests.average),
    bytesPerSecond: Math.round(r.throughput.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    clientCpuShare: clientCpu === undefined ? null : Number((clientCpu / (sampledAt - started)).toFixed(2)),
    serverCpuMsPerRequest:
      serverBefore !== undefined && serverAfter !== undefined && r.requests.total > 0
        ? Number(((serverAfter - serverBefore) / r.requests.total).toFixed(3))
        : null,
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it came over the wire (still compressed). */
  body: Buffer;
}

/** One GET, the body kept as sent (fetch would decompress it). */
export function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/**
 * The Lantian server from the sources in a process of its own on a free port of 127.0.0.1, on the data
 * folder (and PostgreSQL database) a bench prepared: second factor optional, log level warn unless `env`
 * says otherwise. The caller waits for it (`waitFor(`${base}/api/v1/health`, server)`) and ends it (`stop`).
 */
export async function spawnServer(opts: {
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    ['-C', '@lantian/source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        LANTIAN_DATA_DIR: opts.dataDir,
        LANTIAN_SECOND_FACTOR: 'optional',
        ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
        PORT: String(port),
        HOST: '127.0.0.1',
        LANTIAN_LOG_LEVEL: 'warn',
        ...opts.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return { server, base: `http://127.0.0.1:${port}` };
}
