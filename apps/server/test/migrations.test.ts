import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/bootstrap.ts';
import { FakeClock } from '../src/clock.ts';
import { ConfigError } from '../src/config.ts';
import { DatabaseTooNewError, MIGRATIONS, migrateToLatest } from '../src/db/migrate.ts';
import { testConfig } from './helpers/context.ts';
import { createTestDb, DIALECT, type TestDb } from './helpers/db.ts';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe(`migrations on ${DIALECT}`, () => {
  it('create the schema, and running them again changes nothing', async () => {
    t = await createTestDb();
    // Kysely applies them in name order.
    expect(await migrateToLatest(t.db)).toEqual(Object.keys(MIGRATIONS).sort());
    expect(await migrateToLatest(t.db)).toEqual([]);
    const tables = (await t.db.kysely.introspection.getTables()).map((x) => x.name);
    for (const name of ['units', 'users', 'sessions', 'plans', 'measures', 'assignments', 'audit_events']) {
      expect(tables).toContain(name);
    }
  });

  it('refuse a database written by a newer Lantian, with a clear message', async () => {
    t = await createTestDb();
    await migrateToLatest(t.db);
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01-01-from-the-future', '2099-01-01T00:00:00.000Z')`.execute(
      t.db.kysely,
    );
    const err = await migrateToLatest(t.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect((err as Error).message).toMatch(/更新版本.*2099-01-01-01-from-the-future/);
  });

  it('store doubles, not floats, and compare times as text on both dialects', async () => {
    t = await createTestDb();
    await migrateToLatest(t.db);
    const cols = (await t.db.kysely.introspection.getTables()).find((x) => x.name === 'targets')?.columns;
    const value = cols?.find((c) => c.name === 'value');
    expect(value?.dataType).toMatch(DIALECT === 'postgres' ? /float8|double/ : /double/i);
  });
});

describe('first start', () => {
  it('loads the bundled directory once and creates the three administrators, each password shown once', async () => {
    t = await createTestDb();
    const ctx = { db: t.db, clock: new FakeClock(), config: testConfig() };
    const first = await prepareDatabase(ctx);
    expect(first.directoryLoaded).toBe(true);
    expect(first.admins?.map((a) => a.username)).toEqual(['admin', 'secadmin', 'auditadmin']);
    const passwords = first.admins?.map((a) => a.password) ?? [];
    for (const p of passwords) expect(p).toMatch(/^.{20}$/);
    expect(new Set(passwords).size).toBe(3);
    const again = await prepareDatabase(ctx);
    expect(again.directoryLoaded).toBe(false);
    expect(again.admins).toBeUndefined();
    const roles = await t.db.kysely
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.username', 'r.role'])
      .orderBy('u.username')
      .execute();
    expect(roles).toEqual([
      { username: 'admin', role: 'sysadmin' },
      { username: 'auditadmin', role: 'auditor' },
      { username: 'secadmin', role: 'secadmin' },
    ]);
    const units = await t.db.kysely.selectFrom('units').select('name').execute();
    expect(units.length).toBe(57 + 1);
    const admin = await t.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(admin.must_change_password).toBe(1);
    const groups = await t.db.kysely.selectFrom('unit_groups').selectAll().execute();
    const all = groups.find((g) => g.name === '各区政府');
    const members = await t.db.kysely
      .selectFrom('unit_group_members')
      .selectAll()
      .where('group_id', '=', all?.id ?? '')
      .execute();
    expect(members).toHaveLength(17);
    expect(groups.find((g) => g.name === '相关区政府')?.decided_per_plan).toBe(1);
  });

  it('takes the administrator password from LANTIAN_ADMIN_PASSWORD, and refuses a weak one', async () => {
    t = await createTestDb();
    const weak = { db: t.db, clock: new FakeClock(), config: testConfig({ adminPassword: 'admin123' }) };
    await expect(prepareDatabase(weak)).rejects.toBeInstanceOf(ConfigError);
    const ctx = {
      db: t.db,
      clock: new FakeClock(),
      config: testConfig({ adminPassword: 'Blue-sky-pass-2022' }),
    };
    const prep = await prepareDatabase(ctx);
    expect(prep.admins?.[0]).toMatchObject({ username: 'admin', password: undefined, fromEnv: true });
    expect(prep.admins?.[1]?.fromEnv).toBe(false);
  });
});
