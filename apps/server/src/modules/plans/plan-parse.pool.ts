/**
 * Where plan parses run: a piscina pool of one worker thread. From sources (tsx, tests) the worker is
 * the .ts file loaded through tsx with the workspace's source condition; from the build it is the
 * compiled .js beside this one. If a worker cannot be started at all, the parse runs in this thread
 * (said once on stderr) rather than failing the import.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plan } from '@lantian/core';
import { Piscina } from 'piscina';
import { unpackPlan } from './plan-packed.ts';
import { type ParseJob, type ParseOutcome, parseJob } from './plan-parse.worker.ts';

const fromSources = import.meta.url.endsWith('.ts');
const workerFile = fileURLToPath(
  new URL(`./plan-parse.worker.${fromSources ? 'ts' : 'js'}`, import.meta.url),
);

/** tsx's loader by absolute URL, so the worker finds it whatever the working directory. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

let pool: Piscina | null = null;
let unavailable = false;

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: workerFile,
    minThreads: 0,
    // Two cores are shared with the server's own thread: one parse at a time, the rest queue.
    maxThreads: 1,
    idleTimeout: 30_000,
    execArgv: fromSources ? ['--conditions=@lantian/source', '--import', tsxLoader()] : [],
  });
  return pool;
}

/** An error of the worker machinery itself (not of the parse): the worker could not start or load. */
function isStartFailure(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code ?? '';
  return (
    code.startsWith('ERR_WORKER') || code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_UNKNOWN_FILE_EXTENSION'
  );
}

/** Parse in this thread from now on (the benchmark's comparison). */
export function parseInThread(on: boolean): void {
  unavailable = on;
}

/** A parse's result: the plan (with its JSON text when the worker made it) or the parse error. */
export type RunOutcome = ({ plan: Plan; json?: string } | Extract<ParseOutcome, { error: unknown }>) & {
  ranIn: 'worker' | 'thread';
};

/** Parse off the event loop; how it ran is returned for the benchmark and tests. */
export async function runParse(job: ParseJob): Promise<RunOutcome> {
  if (!unavailable) {
    try {
      const outcome = (await thePool().run({ ...job, pack: true })) as ParseOutcome;
      if ('packed' in outcome) return { ...(await unpackPlan(outcome.packed)), ranIn: 'worker' };
      return { ...outcome, ranIn: 'worker' };
    } catch (e) {
      if (!isStartFailure(e)) throw e;
      unavailable = true;
      process.stderr.write(`蓝天：无法启动解析线程（${(e as Error).message}），计划解析改在主线程进行\n`);
    }
  }
  const outcome = await parseJob({ ...job, pack: false });
  if ('packed' in outcome) return { ...(await unpackPlan(outcome.packed)), ranIn: 'thread' };
  return { ...outcome, ranIn: 'thread' };
}

/** Stop the pool's threads (server shutdown). A later parse starts a new pool. */
export async function closeParsePool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
