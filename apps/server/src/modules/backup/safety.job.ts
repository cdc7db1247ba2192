/**
 * The data-safety jobs, under the same database lease mechanism as the supervision jobs (each its own
 * lease name, so one instance at a time): a signed audit checkpoint every `checkpointMinutes` when
 * records were added, and a scheduled backup every `backupIntervalHours` into the backup directory,
 * keeping the newest `backupKeep`. On shutdown a backup in progress stops at its next row: its partial
 * file is removed, its lease released, and the stop logged.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { HOUR, MINUTE } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { systemActor } from '../audit/actor.ts';
import { writeCheckpoint } from '../audit/audit.checkpoint.ts';
import { acquireLease, releaseLease } from '../jobs/lease.ts';
import { BackupStopped, writeBackup } from './backup.write.ts';

export const CHECKPOINT_LEASE = 'audit-checkpoint';
export const BACKUP_LEASE = 'scheduled-backup';
const BACKUP_NAME = /^lantian-\d{8}T\d{6}Z\.jsonl\.gz$/;
/** A scheduled backup being written (`writeBackup` writes `<file>.<pid>.tmp`, renamed when complete). */
const PARTIAL_NAME = /^lantian-\d{8}T\d{6}Z\.jsonl\.gz\.\d+\.tmp$/;
const LEASE_SECONDS = 3600;

/**
 * Remove what a backup killed outright (SIGKILL, power loss) left half-written: partial files older than
 * the backup lease, which no running backup can still own.
 */
export function removeStalePartials(dir: string, now: Date): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => PARTIAL_NAME.test(n));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const removed: string[] = [];
  for (const n of names) {
    const file = path.join(dir, n);
    if (now.getTime() - fs.statSync(file).mtimeMs < LEASE_SECONDS * 1000) continue;
    fs.rmSync(file, { force: true });
    removed.push(n);
  }
  return removed;
}

/** Scheduled backups in the directory, oldest first. */
export function scheduledBackups(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => BACKUP_NAME.test(n))
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** When a scheduled backup was taken, from its name (lantian-20261201T020000Z.jsonl.gz). */
function takenAt(name: string): number {
  const m = /^lantian-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/.exec(name);
  return m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : 0;
}

async function underLease<T>(
  ctx: AppContext,
  name: string,
  holder: string,
  seconds: number,
  fn: () => Promise<T>,
) {
  if (!(await acquireLease(ctx.db.kysely, name, holder, ctx.clock.now(), seconds))) return null;
  try {
    return await fn();
  } finally {
    await releaseLease(ctx.db.kysely, name, holder);
  }
}

/**
 * Take a scheduled backup if the newest is older than the interval; prune beyond the retention count.
 * `signal` stops a backup in progress (BackupStopped: the partial file removed, the lease released).
 */
export async function runScheduledBackup(
  ctx: AppContext,
  holder: string,
  opts: { signal?: AbortSignal } = {},
): Promise<string | null> {
  const s = ctx.config.safety;
  if (s.backupIntervalHours <= 0) return null;
  const now = ctx.clock.now();
  const newest = scheduledBackups(s.backupDir).at(-1);
  if (newest && now.getTime() - takenAt(newest) < s.backupIntervalHours * HOUR) return null;
  return underLease(ctx, BACKUP_LEASE, holder, LEASE_SECONDS, async () => {
    removeStalePartials(s.backupDir, now);
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const file = path.join(s.backupDir, `lantian-${stamp}.jsonl.gz`);
    await writeBackup(ctx, systemActor(), file, { signal: opts.signal });
    const all = scheduledBackups(s.backupDir);
    for (const old of all.slice(0, Math.max(0, all.length - s.backupKeep)))
      fs.rmSync(path.join(s.backupDir, old));
    return file;
  });
}

export async function runCheckpointJob(ctx: AppContext, holder: string): Promise<void> {
  await underLease(ctx, CHECKPOINT_LEASE, holder, 120, () => writeCheckpoint(ctx));
}

/**
 * Start both jobs; returns stop(), which makes a backup in progress stop at its next row (its partial
 * file removed, its lease released) and resolves once the job has finished.
 */
export function startSafetyJobs(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void },
): () => Promise<void> {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const timers: NodeJS.Timeout[] = [];
  const stopping = new AbortController();
  let running: Promise<unknown> | null = null;
  const every = (ms: number, job: () => Promise<unknown>, what: string) => {
    const t = setInterval(() => {
      if (running || stopping.signal.aborted) return;
      running = job()
        .catch((e) =>
          e instanceof BackupStopped
            ? log.info(
                { holder, lease: BACKUP_LEASE, reason: e.message },
                'scheduled backup stopped for shutdown: partial file removed, lease released',
              )
            : log.error({ err: e }, what),
        )
        .finally(() => {
          running = null;
        });
    }, ms);
    t.unref();
    timers.push(t);
  };
  const s = ctx.config.safety;
  if (s.checkpointMinutes > 0)
    every(s.checkpointMinutes * MINUTE, () => runCheckpointJob(ctx, holder), 'audit checkpoint failed');
  if (s.backupIntervalHours > 0)
    every(
      10 * MINUTE,
      () => runScheduledBackup(ctx, holder, { signal: stopping.signal }),
      'scheduled backup failed',
    );
  return async () => {
    for (const t of timers) clearInterval(t);
    stopping.abort();
    await running;
  };
}
