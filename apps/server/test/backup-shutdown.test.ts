/**
 * A scheduled backup in progress at shutdown (issue 13): stopping the safety jobs (as SIGTERM does,
 * src/main.ts) makes the backup stop at its next row. Its partial file is removed (nothing half-written
 * in the backup directory, nothing listed as a backup), its lease is released by its holder (set to the
 * epoch, not left to expire), no `backup.create` is audited, and the stop is logged. The database is
 * made big enough (tens of MB of rows) that the backup is still running when it is stopped.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MINUTE } from '../src/clock.ts';
import type { AppContext } from '../src/context.ts';
import { BackupStopped } from '../src/modules/backup/backup.write.ts';
import {
  BACKUP_LEASE,
  runScheduledBackup,
  scheduledBackups,
  startSafetyJobs,
} from '../src/modules/backup/safety.job.ts';
import { leaseHolder } from '../src/modules/jobs/lease.ts';
import { createWorld, type World } from './helpers/context.ts';

let w: World;
const ROWS = 24_000;

beforeAll(async () => {
  w = await createWorld();
  // About 24 MB of rows (hex does not compress much below half): long enough to be caught mid-way.
  for (let i = 0; i < ROWS; i += 500) {
    const batch = Array.from({ length: 500 }, (_, j) => ({
      key: `bench-bulk:${i + j}`,
      value: randomBytes(500).toString('hex'),
    }));
    await w.ctx.db.kysely.insertInto('meta').values(batch).execute();
  }
}, 120_000);
afterAll(() => w?.close());

function scheduledCtx(): { ctx: AppContext; dir: string } {
  const dir = path.join(w.testDb.env.LANTIAN_DATA_DIR as string, `stop-${randomUUID().slice(0, 6)}`);
  const ctx = {
    ...w.ctx,
    config: {
      ...w.ctx.config,
      safety: { ...w.ctx.config.safety, backupDir: dir, backupIntervalHours: 6, backupKeep: 3 },
    },
  };
  return { ctx, dir };
}

/** Resolve once the backup's temporary file holds some bytes (the backup is writing rows). */
async function writing(dir: string): Promise<string> {
  for (let i = 0; i < 4000; i++) {
    const tmp = fs.existsSync(dir) ? fs.readdirSync(dir).find((n) => n.endsWith('.tmp')) : undefined;
    if (tmp && fs.statSync(path.join(dir, tmp)).size > 0) return tmp;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the backup never started writing');
}

const backupsAudited = async () =>
  (
    await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'backup.create')
      .execute()
  ).length;

async function expectNothingLeft(dir: string, auditedBefore: number) {
  expect(fs.readdirSync(dir)).toEqual([]);
  expect(scheduledBackups(dir)).toEqual([]);
  const lease = await leaseHolder(w.ctx.db.kysely, BACKUP_LEASE);
  expect(lease?.expires_at).toBe('1970-01-01T00:00:00.000Z');
  expect(await backupsAudited()).toBe(auditedBefore);
}

describe('a scheduled backup at shutdown', () => {
  it('stops at the abort signal: partial file removed, lease released, nothing listed', async () => {
    const { ctx, dir } = scheduledCtx();
    const before = await backupsAudited();
    const stopping = new AbortController();
    const run = runScheduledBackup(ctx, 'test-holder', { signal: stopping.signal });
    const outcome = run.then(
      () => 'finished',
      (e: unknown) => e,
    );
    await writing(dir);
    // While it runs, the lease is held by this holder.
    expect(await leaseHolder(w.ctx.db.kysely, BACKUP_LEASE)).toMatchObject({ holder: 'test-holder' });
    stopping.abort();
    const e = await outcome;
    expect(e).toBeInstanceOf(BackupStopped);
    await expectNothingLeft(dir, before);
    // The next run (no shutdown) takes the lease again and completes the backup.
    const file = await runScheduledBackup(ctx, 'test-holder');
    expect(scheduledBackups(dir)).toEqual([path.basename(file as string)]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('is stopped by the safety jobs’ stop() (what SIGTERM calls), and the stop is logged', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { ctx, dir } = scheduledCtx();
      const before = await backupsAudited();
      const log = { error: vi.fn(), info: vi.fn() };
      const stop = startSafetyJobs(ctx, log);
      // The scheduler looks every ten minutes; the first look finds no backup and starts one.
      vi.advanceTimersByTime(10 * MINUTE);
      await writing(dir);
      await stop();
      expect(log.error).not.toHaveBeenCalled();
      expect(log.info).toHaveBeenCalledWith(
        expect.objectContaining({ lease: BACKUP_LEASE }),
        expect.stringMatching(/scheduled backup stopped for shutdown/),
      );
      await expectNothingLeft(dir, before);
    } finally {
      vi.useRealTimers();
    }
  }, 120_000);
});
