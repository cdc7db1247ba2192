/**
 * Every way an attacker with database access might rewrite the audit trail is caught by `audit
 * verify`: the tests tamper as such an attacker would, dropping (SQLite) or disabling (PostgreSQL) the
 * append-only triggers first.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/bootstrap.ts';
import { main } from '../src/cli/main.ts';
import { DAY, FakeClock } from '../src/clock.ts';
import { audit, transaction } from '../src/context.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AuditEventsTable } from '../src/db/schema.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { archiveAudit } from '../src/modules/audit/audit.archive.ts';
import {
  CHECKPOINT_FILE,
  checkpointsSettled,
  writeCheckpoint,
} from '../src/modules/audit/audit.checkpoint.ts';
import { auditHash, GENESIS_HASH } from '../src/modules/audit/audit.hash.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, testConfig, type World } from './helpers/context.ts';
import { createTestDb, DIALECT } from './helpers/db.ts';

let w: World | undefined;
afterEach(async () => {
  if (w) await checkpointsSettled(w.ctx);
  await w?.close();
  w = undefined;
});

async function world(config: Parameters<typeof createWorld>[0] = {}): Promise<World> {
  w = await createWorld(config);
  return w;
}

/** Run one statement with the append-only triggers out of the way, as an attacker with DB access. */
async function behindTriggers(world: World, statement: string): Promise<void> {
  const db = world.ctx.db.kysely;
  if (DIALECT === 'postgres') {
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(db);
    await sql.raw(statement).execute(db);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(db);
  } else {
    await sql`drop trigger if exists audit_events_no_update`.execute(db);
    await sql`drop trigger if exists audit_events_no_delete`.execute(db);
    await sql.raw(statement).execute(db);
  }
}

async function addRecords(world: World, n: number, action = 'test.event'): Promise<void> {
  for (let i = 0; i < n; i++)
    await transaction(world.ctx, (trx) => audit(world.ctx, trx, cliActor(), { action, detail: { i } }));
  await checkpointsSettled(world.ctx);
}

const rows = (world: World) =>
  world.ctx.db.kysely.selectFrom('audit_events').selectAll().orderBy('seq').execute();

const kinds = async (world: World) => (await verifyAuditChain(world.ctx)).breaks.map((b) => b.kind);

/** The unkeyed hash an attacker without the key would compute. */
function rehash(e: Omit<AuditEventsTable, 'hash'>): string {
  return auditHash(e);
}

async function verifyCli(world: World) {
  const io = cliIo(world.testDb.env);
  const code = await main(['audit', 'verify'], io);
  return { code, out: io.out() };
}

describe('the keyed audit chain', () => {
  it('verifies clean, with a checkpoint outside the database, through the API and the CLI', async () => {
    const x = await world();
    await addRecords(x, 3);
    await writeCheckpoint(x.ctx);
    const r = await verifyAuditChain(x.ctx);
    expect(r).toMatchObject({ ok: true, breaks: [] });
    expect(r.checkpoints).toBeGreaterThanOrEqual(1);
    const file = path.join(x.ctx.config.safety.checkpointDir, CHECKPOINT_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(x.ctx.config.safety.auditKeyFile).mode & 0o777).toBe(0o600);
    const cli = await verifyCli(x);
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/审计链完整/);
  });

  it('detects a record rewritten and rehashed without the key (rewritten + broken link)', async () => {
    const x = await world();
    await addRecords(x, 4);
    await writeCheckpoint(x.ctx);
    const victim = (await rows(x)).at(-3) as AuditEventsTable;
    const forged = { ...victim, detail: '{"i":999}' };
    const { hash: _h, ...rest } = forged;
    await behindTriggers(
      x,
      `update audit_events set detail = '{"i":999}', hash = '${rehash(rest)}' where seq = ${victim.seq}`,
    );
    const r = await verifyAuditChain(x.ctx);
    expect(r.ok).toBe(false);
    expect(r.breaks).toContainEqual(expect.objectContaining({ kind: 'rewritten', seq: victim.seq }));
    expect(r.breaks).toContainEqual(expect.objectContaining({ kind: 'broken_link', seq: victim.seq + 1 }));
    const cli = await verifyCli(x);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('[记录被改写]');
    expect(cli.out).toContain('[断链]');
  });

  it('detects a rewritten tail rehashed and relinked to the end, against the checkpoint', async () => {
    const x = await world();
    await addRecords(x, 5);
    await writeCheckpoint(x.ctx);
    const all = await rows(x);
    const from = (all.at(-4) as AuditEventsTable).seq;
    let prev = (all.find((e) => e.seq === from - 1) as AuditEventsTable).hash;
    for (const e of all.filter((r) => r.seq >= from)) {
      const { hash: _h, ...rest } = { ...e, action: 'forged.action', prev_hash: prev };
      const h = rehash(rest);
      await behindTriggers(
        x,
        `update audit_events set action = 'forged.action', prev_hash = '${prev}', hash = '${h}' where seq = ${e.seq}`,
      );
      prev = h;
    }
    const r = await verifyAuditChain(x.ctx);
    const rewritten = r.breaks.filter((b) => b.kind === 'rewritten');
    expect(rewritten[0]?.seq).toBe(from);
    // The checkpoint remembers the last record's real hash.
    expect(rewritten.some((b) => /检查点不符/.test(b.reason))).toBe(true);
    expect(r.breaks.some((b) => b.kind === 'broken_link')).toBe(false);
  });

  it('detects the last records deleted after a checkpoint (truncation)', async () => {
    const x = await world();
    await addRecords(x, 4);
    await writeCheckpoint(x.ctx);
    const last = (await rows(x)).at(-1) as AuditEventsTable;
    await behindTriggers(x, `delete from audit_events where seq > ${last.seq - 2}`);
    const r = await verifyAuditChain(x.ctx);
    expect(r.breaks).toEqual([expect.objectContaining({ kind: 'truncated', seq: last.seq - 1 })]);
    expect((await verifyCli(x)).out).toContain('[检查点之后被截断]');
  });

  it('detects a forged record appended with a valid link but no key', async () => {
    const x = await world();
    await addRecords(x, 2);
    const last = (await rows(x)).at(-1) as AuditEventsTable;
    const forged: Omit<AuditEventsTable, 'hash'> = {
      ...last,
      seq: last.seq + 1,
      id: 'forged-record',
      action: 'user.create',
      prev_hash: last.hash,
    };
    await x.ctx.db.kysely
      .insertInto('audit_events')
      .values({ ...forged, hash: rehash(forged) })
      .execute();
    const r = await verifyAuditChain(x.ctx);
    expect(r.breaks).toEqual([
      expect.objectContaining({ kind: 'forged', seq: last.seq + 1, id: 'forged-record' }),
    ]);
    expect((await verifyCli(x)).out).toContain('[伪造记录]');
  });

  it('detects a wipe of every record', async () => {
    const x = await world();
    await addRecords(x, 3);
    await writeCheckpoint(x.ctx);
    await behindTriggers(x, 'delete from audit_events');
    const r = await verifyAuditChain(x.ctx);
    expect(r.breaks.map((b) => b.kind)).toContain('wiped');
    expect((await verifyCli(x)).out).toContain('[被清空]');
  });

  it('detects records deleted from the middle and from the start', async () => {
    const x = await world();
    await addRecords(x, 4);
    const all = await rows(x);
    const mid = (all.at(-2) as AuditEventsTable).seq;
    await behindTriggers(x, `delete from audit_events where seq = ${mid} or seq = 1`);
    const r = await verifyAuditChain(x.ctx);
    const missing = r.breaks.filter((b) => b.kind === 'missing_records').map((b) => b.seq);
    expect(missing).toEqual([1, mid]);
  });

  it('detects missing and forged checkpoints', async () => {
    const x = await world({ config: { safety: { checkpointEveryRecords: 5 } } });
    await addRecords(x, 30);
    expect((await verifyAuditChain(x.ctx)).ok).toBe(true);
    const file = path.join(x.ctx.config.safety.checkpointDir, CHECKPOINT_FILE);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    fs.writeFileSync(file, `${lines[0]}\n`);
    expect(await kinds(x)).toEqual(['missing_checkpoint']);
    const c = JSON.parse(lines.at(-1) as string);
    fs.appendFileSync(file, `${JSON.stringify({ ...c, seq: c.seq + 50 })}\nnot json\n`);
    const r = await verifyAuditChain(x.ctx);
    expect(r.breaks.filter((b) => b.kind === 'bad_checkpoint')).toHaveLength(2);
    const io = cliIo({ ...x.testDb.env, LANTIAN_AUDIT_CHECKPOINT_RECORDS: '5' });
    expect(await main(['audit', 'verify'], io)).toBe(1);
    expect(io.out()).toContain('[缺少检查点]');
    expect(io.out()).toContain('[检查点无效]');
  });

  it('detects a moved or deleted keying boundary', async () => {
    const x = await world();
    await addRecords(x, 2);
    await x.ctx.db.kysely.updateTable('audit_keying').set({ boundary_seq: 10_000 }).execute();
    expect(await kinds(x)).toEqual(['keying']);
    await x.ctx.db.kysely.deleteFrom('audit_keying').execute();
    expect(await kinds(x)).toEqual(['keying']);
  });

  it('sends each checkpoint to syslog over UDP', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    const port = socket.address().port;
    const got: string[] = [];
    socket.on('message', (m) => got.push(m.toString()));
    try {
      const x = await world({ config: { safety: { syslogUrl: `udp://127.0.0.1:${port}` } } });
      await addRecords(x, 1);
      const cp = await writeCheckpoint(x.ctx);
      expect(cp).not.toBeNull();
      for (let i = 0; i < 100 && !got.some((m) => m.includes(`seq=${cp?.seq} `)); i++)
        await new Promise((r) => setTimeout(r, 10));
      const msg = got.find((m) => m.includes(`seq=${cp?.seq} `)) as string;
      expect(msg).toMatch(/^<110>1 \S+ \S+ lantian \d+ audit-checkpoint - /);
      expect(msg).toContain(`seq=${cp?.seq} hash=${cp?.hash}`);
    } finally {
      socket.close();
    }
  });
});

describe('records written before the chain was keyed', () => {
  it('verify the old way up to the boundary, keyed after it; tampering on either side shows', async () => {
    const t = await createTestDb();
    const clock = new FakeClock('2022-01-10T01:00:00.000Z');
    const ctx = { db: t.db, clock, config: testConfig({}, t.env) };
    try {
      await migrateToLatest(t.db);
      // What an older Lantian wrote: an unkeyed SHA-256 chain.
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const e: Omit<AuditEventsTable, 'hash'> = {
          seq,
          id: `old-${seq}`,
          at: '2021-12-01T00:00:00.000Z',
          user_id: null,
          username: 'cli',
          roles: '[]',
          unit_id: null,
          unit_name: null,
          ip: null,
          action: 'old.event',
          object_type: null,
          object_id: null,
          outcome: 'success',
          before: null,
          after: null,
          detail: null,
          prev_hash: prev,
        };
        prev = auditHash(e);
        await t.db.kysely
          .insertInto('audit_events')
          .values({ ...e, hash: prev })
          .execute();
      }
      await prepareDatabase(ctx);
      const keying = await t.db.kysely.selectFrom('audit_keying').selectAll().executeTakeFirstOrThrow();
      expect(keying.boundary_seq).toBe(4);
      expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true });
      const fake = { testDb: t, ctx } as unknown as World;
      await behindTriggers(fake, `update audit_events set action = 'x' where seq = 2`);
      const r = await verifyAuditChain(ctx);
      expect(r.breaks).toEqual([expect.objectContaining({ kind: 'rewritten', seq: 2 })]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('audit archive', () => {
  it('moves records older than 180 days to a signed file the chain still verifies across', async () => {
    const x = await world();
    await addRecords(x, 5, 'old.event');
    x.clock.advance(200 * DAY);
    await addRecords(x, 2, 'new.event');
    const before = new Date(x.clock.now().getTime() - 190 * DAY).toISOString().slice(0, 10);
    const total = (await rows(x)).length;

    // Younger than the retention period: refused, nothing moves.
    const young = new Date(x.clock.now().getTime() - 10 * DAY).toISOString().slice(0, 10);
    await expect(archiveAudit(x.ctx, cliActor(), young)).rejects.toThrow(/至少保留 180 天/);
    const refused = cliIo(x.testDb.env);
    refused.clock = x.clock;
    expect(await main(['audit', 'archive', '--before', young], refused)).toBe(1);

    const io = cliIo(x.testDb.env);
    io.clock = x.clock;
    expect(await main(['audit', 'archive', '--before', before], io)).toBe(0);
    expect(io.out()).toMatch(/已归档第 1–\d+ 条/);
    const left = await rows(x);
    expect(left.every((e) => e.action !== 'old.event')).toBe(true);
    expect(left.some((e) => e.action === 'audit.archive')).toBe(true);
    const r = await verifyAuditChain(x.ctx);
    expect(r).toMatchObject({ ok: true, breaks: [] });
    expect(r.archived).toBe(total - left.length + 1);

    // An edited archive file is caught.
    const dir = x.ctx.config.safety.archiveDir;
    const file = path.join(dir, fs.readdirSync(dir)[0] as string);
    const text = gunzipSync(fs.readFileSync(file)).toString('utf8').replace('old.event', 'mod.event');
    fs.writeFileSync(file, gzipSync(Buffer.from(text)));
    expect(await kinds(x)).toContain('bad_archive');
    // A removed archive shows as records missing from the start.
    fs.rmSync(file);
    expect(await kinds(x)).toContain('missing_records');
  });
});
