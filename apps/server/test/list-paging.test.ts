// Issue #12 item 3: the directory, group and account lists are paged, searched and filtered on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  type World,
} from './helpers/context.ts';

let w: World;
let cookie: string;
let unitId: string;
beforeAll(async () => {
  w = await createWorld();
  unitId = (await makeUnit(w.ctx, '分页测试单位')).id;
  const sys = await makeUser(w.ctx, { unitId, roles: ['sysadmin'] });
  cookie = await w.api.login(sys.username, sys.password);
});
afterAll(() => w.close());

const get = async (url: string) => {
  const res = await w.api.get(url, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const q = encodeURIComponent;

describe('GET /units', () => {
  it('pages the directory: a total, disjoint pages in a stable order', async () => {
    const all = await get('/api/v1/units?pageSize=200');
    expect(all.total).toBeGreaterThan(10);
    expect(all.units).toHaveLength(Math.min(all.total, 200));
    const one = await get('/api/v1/units?page=1&pageSize=5');
    const two = await get('/api/v1/units?page=2&pageSize=5');
    expect(one).toMatchObject({ total: all.total, page: 1, pageSize: 5 });
    expect(one.units).toHaveLength(5);
    const ids = (r: { units: { id: string }[] }) => r.units.map((u) => u.id);
    expect(ids(one)).toEqual(ids(all).slice(0, 5));
    expect(ids(two)).toEqual(ids(all).slice(5, 10));
    const beyond = await get(`/api/v1/units?page=${Math.ceil(all.total / 5) + 1}&pageSize=5`);
    expect(beyond.units).toEqual([]);
  });

  it('defaults to 50 a page and refuses a page larger than 200, naming the field', async () => {
    const d = await get('/api/v1/units');
    expect(d.pageSize).toBe(50);
    expect(d.units.length).toBeLessThanOrEqual(50);
    const res = await w.api.get('/api/v1/units?pageSize=201', cookie);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('pageSize');
  });

  it('searches names, full names and aliases, with % and _ taken literally', async () => {
    const byName = await get(`/api/v1/units?q=${q('分页测试')}`);
    expect(byName.total).toBe(1);
    expect(byName.units[0].id).toBe(unitId);
    const byFull = await get(`/api/v1/units?q=${q('北京市分页测试单位')}`);
    expect(byFull.units.map((u: { id: string }) => u.id)).toEqual([unitId]);
    const literal = await get(`/api/v1/units?q=${q('%')}`);
    expect(literal.total).toBe(0);
    const underscore = await get(`/api/v1/units?q=${q('_')}`);
    expect(underscore.total).toBe(0);
  });

  it('filters by kind', async () => {
    const districts = await get('/api/v1/units?kind=district&pageSize=200');
    expect(districts.total).toBeGreaterThan(0);
    expect(districts.units.every((u: { kind: string }) => u.kind === 'district')).toBe(true);
    const all = await get('/api/v1/units?pageSize=200');
    expect(districts.total).toBeLessThan(all.total);
  });
});

describe('GET /groups', () => {
  it('pages the groups with their members', async () => {
    const all = await get('/api/v1/groups?pageSize=200');
    expect(all.total).toBe(all.groups.length);
    expect(all.total).toBeGreaterThan(1);
    const first = await get('/api/v1/groups?pageSize=1');
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 1 });
    expect(first.groups).toEqual([all.groups[0]]);
    const second = await get('/api/v1/groups?page=2&pageSize=1');
    expect(second.groups).toEqual([all.groups[1]]);
  });
});

describe('GET /users', () => {
  it('pages, searches and filters by role (or none yet)', async () => {
    const staff = [];
    for (let i = 0; i < 3; i++)
      staff.push(await makeUser(w.ctx, { unitId, roles: ['unit_staff'], username: `page_staff_${i}` }));
    const waiting = await makeUser(w.ctx, { unitId, roles: [], username: 'page_waiting' });
    const all = await get('/api/v1/users?pageSize=200');
    expect(all.total).toBe(all.users.length);
    const two = await get('/api/v1/users?q=page_staff&pageSize=2');
    expect(two.total).toBe(3);
    expect(two.users.map((u: { username: string }) => u.username)).toEqual(['page_staff_0', 'page_staff_1']);
    const rest = await get('/api/v1/users?q=page_staff&pageSize=2&page=2');
    expect(rest.users.map((u: { username: string }) => u.username)).toEqual(['page_staff_2']);
    const byUnit = await get(`/api/v1/users?q=${q('分页测试单位')}&pageSize=200`);
    expect(byUnit.total).toBe(5);
    const staffOnly = await get('/api/v1/users?role=unit_staff&pageSize=200');
    expect(staffOnly.users.every((u: { roles: string[] }) => u.roles.includes('unit_staff'))).toBe(true);
    expect(staffOnly.total).toBeGreaterThanOrEqual(3);
    const awaiting = await get('/api/v1/users?role=awaiting&pageSize=200');
    expect(awaiting.users.map((u: { id: string }) => u.id)).toContain(waiting.id);
    expect(awaiting.users.every((u: { roles: string[] }) => u.roles.length === 0)).toBe(true);
    const bad = await w.api.get('/api/v1/users?role=king', cookie);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('role');
    expect(staff).toHaveLength(3);
  });
});

describe('GET /plans', () => {
  it("pages the plans newest first; drafts are the office's alone, also through the status filter", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await importPlanObject(w.ctx, buildPlan({ title: `分页计划${i}` })));
      w.clock.advance(60_000);
    }
    const sup = await makeUser(w.ctx, { unitId, roles: ['supervisor'] });
    const office = await w.api.login(sup.username, sup.password);
    const first = await w.api.get('/api/v1/plans?pageSize=2', office);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.plans.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    const second = await w.api.get('/api/v1/plans?pageSize=2&page=2', office);
    expect(second.body.plans.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    expect((await w.api.get('/api/v1/plans?status=draft', office)).body.total).toBe(3);
    expect((await w.api.get('/api/v1/plans?status=published', office)).body.total).toBe(0);
    const staff = await makeUser(w.ctx, { unitId, roles: ['unit_staff'] });
    const unit = await w.api.login(staff.username, staff.password);
    expect((await w.api.get('/api/v1/plans', unit)).body).toMatchObject({ total: 0, plans: [] });
    expect((await w.api.get('/api/v1/plans?status=draft', unit)).body).toMatchObject({ total: 0, plans: [] });
    expect((await w.api.get('/api/v1/plans?status=bogus', office)).status).toBe(400);
  });
});
