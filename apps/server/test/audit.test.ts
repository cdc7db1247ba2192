import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { audit, transaction } from '../src/context.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUnit, makeUser, type World } from './helpers/context.ts';
import { DIALECT, pgOnly } from './helpers/db.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const count = async () =>
  Number(
    (
      await w.ctx.db.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Change one stored record behind the trigger's back, as an attacker with database access would. */
async function tamper(seq: number, set: string) {
  const db = w.ctx.db.kysely;
  if (DIALECT === 'postgres') {
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(db);
    await sql.raw(`update audit_events set ${set} where seq = ${seq}`).execute(db);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(db);
    await sql.raw(`update audit_events set ${set} where seq = ${seq}`).execute(db);
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only (UPDATE refused)'); end`.execute(db);
  }
}

describe('audit trail', () => {
  it('records logins, failures and account changes with who, unit, role, IP and outcome', async () => {
    const unit = await makeUnit(w.ctx);
    const admin = await makeUser(w.ctx, { unitId: unit.id, roles: ['sysadmin'] });
    await w.api.post('/api/v1/auth/login', { username: admin.username, password: 'Wrong-pass-1' });
    const cookie = await w.api.login(admin.username, admin.password);
    const created = await w.api.post('/api/v1/users', { username: 'audited_user', unitId: unit.id }, cookie);
    expect(created.status).toBe(200);
    const events = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('username', '=', admin.username)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'auth.login:failure',
      'auth.login:success',
      'user.create:success',
      // No initial password: the account's activation code was issued (and where it went recorded).
      'user.activation_issued:success',
    ]);
    const create = events[2];
    expect(create?.unit_id).toBe(unit.id);
    expect(JSON.parse(create?.roles ?? '[]')).toEqual(['sysadmin']);
    expect(create?.ip).toBe('127.0.0.1');
    expect(JSON.parse(create?.after ?? '{}')).toMatchObject({
      username: 'audited_user',
      roles: [],
    });
    expect(create?.at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it('is written in the same transaction as the change: a failed change leaves no record', async () => {
    const before = await count();
    const name = '回滚测试单位';
    await expect(
      transaction(w.ctx, async (trx) => {
        await trx.insertInto('meta').values({ key: 'rollback-probe', value: '1' }).execute();
        await audit(w.ctx, trx, cliActor(), { action: 'test.probe', detail: { name } });
        throw new Error('fail after the audit record');
      }),
    ).rejects.toThrow('fail after the audit record');
    expect(await count()).toBe(before);
    expect(
      await w.ctx.db.kysely.selectFrom('meta').selectAll().where('key', '=', 'rollback-probe').execute(),
    ).toEqual([]);
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const db = w.ctx.db.kysely;
    await expect(
      db.updateTable('audit_events').set({ action: 'x' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    if (DIALECT === 'postgres')
      await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('chains every record to the previous one', async () => {
    const result = await verifyAuditChain(w.ctx);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(await count());
    const rows = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute();
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
  });

  it('is readable by the audit administrator only, through the API', async () => {
    const unit = await makeUnit(w.ctx);
    const auditor = await makeUser(w.ctx, { unitId: unit.id, roles: ['auditor'] });
    const sysadmin = await makeUser(w.ctx, { unitId: unit.id, roles: ['sysadmin'] });
    const cookie = await w.api.login(auditor.username, auditor.password);
    const page = await w.api.get('/api/v1/audit?limit=5', cookie);
    expect(page.status).toBe(200);
    expect(page.body.events).toHaveLength(5);
    expect(page.body.events[0].seq).toBeGreaterThan(page.body.events[4].seq);
    const next = await w.api.get(`/api/v1/audit?limit=5&before=${page.body.nextBefore}`, cookie);
    expect(next.body.events[0].seq).toBeLessThan(page.body.events[4].seq);
    const logins = await w.api.get('/api/v1/audit?action=auth.login', cookie);
    expect(logins.body.events.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    expect((await w.api.get('/api/v1/audit/verify', cookie)).body.ok).toBe(true);
    const other = await w.api.login(sysadmin.username, sysadmin.password);
    expect((await w.api.get('/api/v1/audit', other)).status).toBe(403);
  });

  it('`audit verify` finds a record altered directly in the database', async () => {
    const ok = cliIo(w.testDb.env);
    expect(await main(['audit', 'verify'], ok)).toBe(0);
    expect(ok.out()).toMatch(/审计链完整/);

    const total = await count();
    const target = Math.max(2, total - 3);
    await tamper(target, 'detail = \'{"forged":true}\'');
    const io = cliIo(w.testDb.env);
    expect(await main(['audit', 'verify'], io)).toBe(1);
    expect(io.out()).toContain(`第一处在第 ${target} 条记录`);
    const api = await verifyAuditChain(w.ctx);
    expect(api.firstBroken?.seq).toBe(target);
    expect(api.breaks).toEqual([expect.objectContaining({ kind: 'rewritten', seq: target })]);
  });

  it('reports a rewritten link (hash recomputed by the forger) at the next record', async () => {
    const { auditHash } = await import('../src/modules/audit/audit.hash.ts');
    const rows = await w.ctx.db.kysely.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    const victim = rows[1];
    if (!victim) throw new Error('no records');
    const forged = { ...victim, action: 'forged.action' };
    const { hash: _h, ...rest } = forged;
    await tamper(victim.seq, `action = 'forged.action', hash = '${auditHash(rest)}'`);
    const result = await verifyAuditChain(w.ctx);
    // The forger's hash is not the keyed one, and the next record no longer links to it.
    expect(result.firstBroken?.seq).toBe(victim.seq);
    expect(result.breaks).toContainEqual(expect.objectContaining({ kind: 'rewritten', seq: victim.seq }));
    const link = result.breaks.find((b) => b.kind === 'broken_link');
    expect(link?.seq).toBe(victim.seq + 1);
    expect(link?.reason).toMatch(/前序哈希/);
  });
});

describe.skipIf(pgOnly())('audit trail on PostgreSQL with concurrent writers', () => {
  it('serialises the chain: parallel transactions from two instances all link', async () => {
    const world = await createWorld();
    const second = world.testDb.reopen();
    try {
      const ctx2 = { ...world.ctx, db: second };
      const writes = Array.from({ length: 40 }, (_, i) =>
        transaction(i % 2 ? ctx2 : world.ctx, async (trx) => {
          await audit(i % 2 ? ctx2 : world.ctx, trx, cliActor(), {
            action: 'test.concurrent',
            detail: { i },
          });
          await sql`select pg_sleep(0.002)`.execute(trx);
        }),
      );
      await Promise.all(writes);
      const result = await verifyAuditChain(world.ctx);
      expect(result.ok).toBe(true);
      const n = await world.ctx.db.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .where('action', '=', 'test.concurrent')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(40);
    } finally {
      await world.close();
    }
  });
});
