#!/usr/bin/env node
// `npm run test:pg`: the server's test files against PostgreSQL. Each test file creates its own
// database (lantian_t_<random>, UTF8, from template0) on the server named by LANTIAN_TEST_PG_URL and
// drops it afterwards. Extra arguments go to vitest (e.g. a file filter).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const url = process.env.LANTIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const root = fileURLToPath(new URL('..', import.meta.url));

try {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  await client.end();
} catch (e) {
  console.error(`PostgreSQL is not reachable at ${url}: ${e.message}`);
  console.error('Start it (pg_ctlcluster 15 main start) or set LANTIAN_TEST_PG_URL.');
  process.exit(1);
}

const args = process.argv.slice(2);
// The PostgreSQL suite waits on the database more than it computes: use both cores even on two-core machines.
const workers = args.some((a) => a.startsWith('--maxWorkers'))
  ? []
  : [`--maxWorkers=${Math.max(2, availableParallelism() - 1)}`];
const child = spawn('npx', ['vitest', 'run', ...workers, ...(args.length ? args : ['apps/server'])], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LANTIAN_TEST_PG_URL: url },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
