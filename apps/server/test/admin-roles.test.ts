/**
 * 三员 kept apart (issue 13, item 3): through the web nobody gives or takes an administrator role, and
 * the security administrator does not change an administrator's roles — exactly 403, saying where it
 * is done instead. On the server (`npx lantian user roles`) it is done, audited.
 */
import { ADMIN_ROLES } from '@lantian/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUnit, makeUser, type TestUser, type World } from './helpers/context.ts';

let w: World;
let unitId: string;
let sec: TestUser;
let secCookie: string;
beforeAll(async () => {
  w = await createWorld();
  unitId = (await makeUnit(w.ctx)).id;
  sec = await makeUser(w.ctx, { unitId, roles: ['secadmin'] });
  secCookie = await w.api.login(sec.username, sec.password);
});
afterAll(() => w.close());

const rolesOf = async (userId: string) =>
  (await w.ctx.db.kysely.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute())
    .map((r) => r.role)
    .sort();

async function refused(userId: string, roles: string[]) {
  const before = await rolesOf(userId);
  const res = await w.api.post(`/api/v1/users/${userId}/roles`, { roles }, secCookie);
  expect(res.status, JSON.stringify(roles)).toBe(403);
  expect(res.body.error).toEqual({
    code: 'FORBIDDEN',
    message: expect.stringMatching(/只能在服务器上用命令行变更（npx lantian user roles）/),
  });
  expect(await rolesOf(userId)).toEqual(before);
}

describe('role changes through the web', () => {
  it('never give an administrator role to a business account', async () => {
    const viewer = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    for (const role of ADMIN_ROLES) await refused(viewer.id, [role]);
  });

  it('never touch an administrator account: not to demote it, not to swap its role', async () => {
    const auditor = await makeUser(w.ctx, { unitId, roles: ['auditor'] });
    const sys = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
    await refused(auditor.id, ['supervisor']);
    await refused(auditor.id, ['secadmin']);
    await refused(auditor.id, ['auditor']);
    await refused(sys.id, ['viewer']);
  });

  it('still change business roles, audited', async () => {
    const staff = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const res = await w.api.post(`/api/v1/users/${staff.id}/roles`, { roles: ['unit_leader'] }, secCookie);
    expect(res.status).toBe(200);
    expect(await rolesOf(staff.id)).toEqual(['unit_leader']);
  });
});

describe('lantian user roles', () => {
  it('changes an administrator role on the server, audited as the CLI', async () => {
    const auditor = await makeUser(w.ctx, { unitId, roles: ['auditor'] });
    const io = cliIo(w.testDb.env);
    expect(
      await main(['user', 'roles', '--username', auditor.username, '--role', 'supervisor'], io),
      io.err(),
    ).toBe(0);
    expect(await rolesOf(auditor.id)).toEqual(['supervisor']);
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'username', 'before', 'after'])
      .where('object_id', '=', auditor.id)
      .where('action', '=', 'user.roles_change')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.username).toBe('cli');
    expect(audit[0]?.before).toContain('auditor');
  });

  it('refuses two administrator roles, an unknown role and an unknown user', async () => {
    const viewer = await makeUser(w.ctx, { unitId, roles: ['viewer'] });
    const two = cliIo(w.testDb.env);
    expect(
      await main(['user', 'roles', '--username', viewer.username, '--role', 'sysadmin,auditor'], two),
    ).toBe(1);
    expect(two.err()).toMatch(/兼任/);
    expect(
      await main(['user', 'roles', '--username', viewer.username, '--role', 'king'], cliIo(w.testDb.env)),
    ).toBe(2);
    expect(
      await main(['user', 'roles', '--username', 'nobody_here', '--role', 'viewer'], cliIo(w.testDb.env)),
    ).toBe(2);
    expect(await rolesOf(viewer.id)).toEqual(['viewer']);
  });
});
