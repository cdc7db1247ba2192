/**
 * Backup and restore: a snapshot of a live system under concurrent writes, restored into the OTHER
 * dialect (SQLite → PostgreSQL, or PostgreSQL → SQLite), has every row and every evidence byte, and
 * its audit chain verifies. A restore refuses a non-empty database and a damaged file.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { HOUR } from '../src/clock.ts';
import type { Config } from '../src/config.ts';
import { audit, transaction } from '../src/context.ts';
import { type Db, openPostgres, openSqlite } from '../src/db/connect.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { checkpointsSettled } from '../src/modules/audit/audit.checkpoint.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.ts';
import { writeBackup } from '../src/modules/backup/backup.write.ts';
import { runScheduledBackup, scheduledBackups } from '../src/modules/backup/safety.job.ts';
import { writeDraft } from '../src/modules/plans/plan-draft-writer.ts';
import { auditKey, dataKey, secretKey } from '../src/secrets.ts';
import { cliIo } from './helpers/cli.ts';
import { buildPlan, createWorld, makeUnit, testConfig, type World } from './helpers/context.ts';
import { DIALECT, dropDatabase } from './helpers/db.ts';

const PG = process.env.LANTIAN_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

interface Target {
  db: Db;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * An empty database of the other dialect, with its own data directory and the source's keys (audit,
 * data, second-factor secret): the keys an operator keeps beside the backup (README › Operations).
 */
async function otherDialect(config: Config): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-restore-'));
  const base = {
    LANTIAN_DATA_DIR: dir,
    LANTIAN_AUDIT_KEY: auditKey(config).toString('hex'),
    LANTIAN_DATA_KEY: dataKey(config).toString('hex'),
    LANTIAN_SECRET_KEY: secretKey(config).toString('hex'),
  };
  if (DIALECT === 'postgres') {
    const file = path.join(dir, 'lantian.db');
    const db = openSqlite(file);
    return {
      db,
      env: base,
      async cleanup() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `lantian_r_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`create database ${name} with encoding 'UTF8' template template0`);
  await admin.end();
  const u = new URL(PG);
  u.pathname = `/${name}`;
  const db = openPostgres(u.toString(), 3);
  return {
    db,
    env: { ...base, DATABASE_URL: u.toString() },
    async cleanup() {
      await db.close();
      await dropDatabase(PG, name);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function counts(db: Db, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db.kysely
      .selectFrom(t as 'units')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

function readBackup(file: string) {
  const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
  return lines.map((l) => JSON.parse(l));
}

let w: World;
const documents = new Map<string, Buffer>();
beforeAll(async () => {
  w = await createWorld();
  // Binary plan documents (bytes that are not text, zeros included) and an evidence file.
  for (let i = 0; i < 3; i++) {
    const bytes = Buffer.concat([Buffer.from([0, 255, 0, 1]), randomBytes(5000 + i * 100_000)]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const planId = await writeDraft(
      w.ctx,
      cliActor(),
      buildPlan({ title: `备份测试计划 ${i}` }),
      { fileName: `plan-${i}.xlsx`, mediaType: 'application/octet-stream', bytes, sha256 },
      async () => {},
    );
    const doc = await w.ctx.db.kysely
      .selectFrom('plans')
      .select('document_id')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    documents.set(doc.document_id as string, bytes);
  }
});
afterAll(async () => {
  await checkpointsSettled(w.ctx);
  await w.close();
});

// Real backups and restores across two databases: slower than most tests when the machine is busy.
describe('backup and restore', { timeout: 60_000 }, () => {
  it('snapshots a live system under writes and restores it into the other dialect', async () => {
    const file = path.join(w.testDb.env.LANTIAN_DATA_DIR as string, 'out', 'snapshot.jsonl.gz');
    // Writers go on while the backup reads.
    let stop = false;
    const writer = (async () => {
      let n = 0;
      while (!stop && n < 200) {
        await makeUnit(w.ctx);
        await transaction(w.ctx, (trx) =>
          audit(w.ctx, trx, cliActor(), { action: 'test.write', detail: { n } }),
        );
        n++;
        await new Promise((r) => setImmediate(r));
      }
      return n;
    })();
    const result = await writeBackup(w.ctx, cliActor(), file);
    stop = true;
    const written = await writer;
    expect(written).toBeGreaterThan(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const lines = readBackup(file);
    const manifest = lines[0];
    const end = lines.at(-1);
    expect(manifest).toMatchObject({ kind: 'lantian-backup', version: 1, sourceDialect: DIALECT });
    expect(manifest.migrations).toContain('2026-12-01-41-audit-keying');
    expect(end.kind).toBe('end');
    expect(end.counts).toEqual(result.counts);
    // Dependency order: a table comes after those it refers to.
    expect(manifest.tables.indexOf('units')).toBeLessThan(manifest.tables.indexOf('users'));
    expect(manifest.tables.indexOf('plans')).toBeLessThan(manifest.tables.indexOf('measures'));
    expect(manifest.tables).not.toContain('kysely_migration');

    const target = await otherDialect(w.ctx.config);
    try {
      const io = cliIo(target.env);
      const code = await main(['restore', file], io);
      expect(io.err()).toBe('');
      expect(code).toBe(0);
      expect(io.out()).toMatch(/已从 .+ 的备份/);

      const restored = await counts(target.db, manifest.tables);
      const expected = { ...end.counts, audit_events: end.counts.audit_events + 1 };
      // read_version is a counter the restore's own inserts move; every other table matches row for row.
      delete restored.read_version;
      delete expected.read_version;
      expect(restored).toEqual(expected);
      expect(end.counts.plan_documents).toBe(3);

      for (const [id, bytes] of documents) {
        const row = await target.db.kysely
          .selectFrom('plan_documents')
          .select('content')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(Buffer.from(row.content).equals(bytes)).toBe(true);
      }

      const verifyIo = cliIo(target.env);
      expect(await main(['audit', 'verify'], verifyIo)).toBe(0);
      expect(verifyIo.out()).toMatch(/审计链完整/);
      const ctx = { db: target.db, clock: w.clock, config: testConfig({}, target.env) };
      expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true });

      // A second restore into the same (now non-empty) database is refused and changes nothing.
      const again = cliIo(target.env);
      expect(await main(['restore', file], again)).toBe(1);
      expect(again.err()).toMatch(/不是空的/);
      expect((await counts(target.db, ['units'])).units).toBe(end.counts.units);
    } finally {
      await target.cleanup();
    }
  });

  it('refuses a damaged backup and leaves the empty database empty', async () => {
    const file = path.join(w.testDb.env.LANTIAN_DATA_DIR as string, 'out', 'damaged.jsonl.gz');
    const backup = cliIo(w.testDb.env);
    expect(await main(['backup', '--out', file], backup)).toBe(0);
    expect(backup.out()).toMatch(/已备份 \d+ 张表/);
    const text = gunzipSync(fs.readFileSync(file)).toString('utf8');
    const lines = text.trimEnd().split('\n');
    const i = lines.findIndex((l) => l.startsWith('{"t":"units"'));
    lines[i] = (lines[i] as string).replace('"name":"', '"name":"X');
    fs.writeFileSync(file, gzipSync(Buffer.from(`${lines.join('\n')}\n`)));

    const target = await otherDialect(w.ctx.config);
    try {
      const io = cliIo(target.env);
      expect(await main(['restore', file], io)).toBe(1);
      expect(io.err()).toMatch(/units 表的行数或校验和不符/);
      expect(await counts(target.db, ['units', 'users', 'audit_events'])).toEqual({
        units: 0,
        users: 0,
        audit_events: 0,
      });
      fs.writeFileSync(file, gzipSync(Buffer.from('{"kind":"something-else"}\n')));
      const other = cliIo(target.env);
      expect(await main(['restore', file], other)).toBe(1);
      expect(other.err()).toMatch(/不是蓝天备份文件/);
    } finally {
      await target.cleanup();
    }
  });

  it('takes scheduled backups at the interval and keeps only the newest few', async () => {
    const dir = path.join(w.testDb.env.LANTIAN_DATA_DIR as string, `scheduled-${randomUUID().slice(0, 6)}`);
    const ctx = {
      ...w.ctx,
      config: {
        ...w.ctx.config,
        safety: { ...w.ctx.config.safety, backupDir: dir, backupIntervalHours: 6, backupKeep: 2 },
      },
    };
    // What a backup killed outright left behind: a partial file older than the lease goes with the next
    // scheduled run; a recent one (a backup that may still be writing it) stays.
    fs.mkdirSync(dir, { recursive: true });
    const stale = path.join(dir, 'lantian-20220101T000000Z.jsonl.gz.4242.tmp');
    const recent = path.join(dir, 'lantian-20220101T000001Z.jsonl.gz.4243.tmp');
    for (const f of [stale, recent]) fs.writeFileSync(f, 'partial');
    const now = w.clock.now().getTime();
    fs.utimesSync(stale, new Date(now - 2 * HOUR), new Date(now - 2 * HOUR));
    fs.utimesSync(recent, new Date(now - 10 * 60_000), new Date(now - 10 * 60_000));
    expect(await runScheduledBackup(ctx, 'test')).toMatch(/lantian-\d{8}T\d{6}Z\.jsonl\.gz$/);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    // Not yet due.
    w.clock.advance(2 * HOUR);
    expect(await runScheduledBackup(ctx, 'test')).toBeNull();
    for (let i = 0; i < 3; i++) {
      w.clock.advance(6 * HOUR);
      expect(await runScheduledBackup(ctx, 'test')).not.toBeNull();
    }
    expect(scheduledBackups(dir)).toHaveLength(2);
    const off = {
      ...ctx,
      config: { ...ctx.config, safety: { ...ctx.config.safety, backupIntervalHours: 0 } },
    };
    w.clock.advance(24 * HOUR);
    expect(await runScheduledBackup(off, 'test')).toBeNull();
  });
});
