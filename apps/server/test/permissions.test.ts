/**
 * Every registered route × every role → the expected answer. The table below is written by hand: a
 * route missing from it, or a policy that drifts from it, fails this test.
 */
import { USER_ROLES, type UserRole } from '@lantian/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  type TestUser,
  unitId,
  type World,
} from './helpers/context.ts';

const ALL = USER_ROLES;
const BUSINESS: UserRole[] = ['supervisor', 'unit_leader', 'unit_staff', 'viewer'];

interface Fixture {
  planId: string;
  draftId: string;
  measureId: string;
  draftMeasureId: string;
  draftTaskId: string;
  groupId: string;
  unitId: string;
  targetUserId: string;
  login: TestUser;
}

type Case = {
  allowed: readonly UserRole[] | 'public';
  payload?: (f: Fixture) => unknown;
  url?: (f: Fixture) => string;
};

const TABLE: Record<string, Case> = {
  'GET /api/v1/health': { allowed: 'public' },
  'POST /api/v1/auth/login': {
    allowed: 'public',
    payload: (f) => ({ username: f.login.username, password: f.login.password }),
  },
  'POST /api/v1/auth/logout': { allowed: ALL },
  'POST /api/v1/auth/password': {
    allowed: ALL,
    payload: () => ({ currentPassword: 'not-it', newPassword: 'Whatever-pass-1' }),
  },
  'GET /api/v1/me': { allowed: ALL },
  'GET /api/v1/me/assignments': { allowed: BUSINESS },
  'GET /api/v1/units': { allowed: ALL },
  'POST /api/v1/units': {
    allowed: ['sysadmin', 'supervisor'],
    payload: () => ({
      name: `单位${Math.random().toString(36).slice(2, 8)}`,
      fullName: '新单位',
      kind: 'other',
    }),
  },
  'GET /api/v1/groups': { allowed: ALL },
  'GET /api/v1/plans': { allowed: BUSINESS },
  'POST /api/v1/plans/import': { allowed: ['supervisor'] },
  'GET /api/v1/plans/:planId': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/measures': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/measures/:measureId': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/assignments': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/document': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/review': {
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/review`,
  },
  'PUT /api/v1/plans/:planId/decisions/:groupId': {
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/decisions/${f.groupId}`,
    payload: (f) => ({ unitIds: [f.unitId] }),
  },
  'POST /api/v1/plans/:planId/unknown-units': {
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/unknown-units`,
    payload: (f) => ({ name: '不存在的名称', action: 'map', unitId: f.unitId }),
  },
  'PATCH /api/v1/plans/:planId': {
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}`,
    payload: () => ({ version: 0, title: '标题' }),
  },
  'PATCH /api/v1/plans/:planId/tasks/:taskId': {
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/tasks/${f.draftTaskId}`,
    payload: () => ({ name: `任务${Math.random()}` }),
  },
  'PATCH /api/v1/plans/:planId/measures/:measureId': {
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/measures/${f.draftMeasureId}`,
    payload: () => ({ version: 0, text: '文字' }),
  },
  'GET /api/v1/plans/:planId/corrections': { allowed: ['supervisor'] },
  'POST /api/v1/plans/:planId/publish': { allowed: ['supervisor'] },
  'POST /api/v1/plans/:planId/archive': { allowed: ['supervisor'] },
  'GET /api/v1/users': { allowed: ['sysadmin', 'secadmin'] },
  'POST /api/v1/users': {
    allowed: ['sysadmin'],
    payload: (f) => ({
      username: `u_${Math.random().toString(36).slice(2, 10)}`,
      unitId: f.unitId,
      roles: ['viewer'],
      password: 'Initial-pass-1',
    }),
  },
  'POST /api/v1/users/:userId/disable': { allowed: ['sysadmin'] },
  'POST /api/v1/users/:userId/enable': { allowed: ['sysadmin'] },
  'POST /api/v1/users/:userId/roles': { allowed: ['secadmin'], payload: () => ({ roles: ['viewer'] }) },
  'POST /api/v1/users/:userId/password-reset': {
    allowed: ['sysadmin'],
    payload: () => ({ newPassword: 'Reset-pass-123' }),
  },
  'POST /api/v1/users/:userId/unlock': { allowed: ['secadmin'] },
  'GET /api/v1/audit': { allowed: ['auditor'] },
  'GET /api/v1/audit/verify': { allowed: ['auditor'] },
};

let w: World;
let f: Fixture;
const users = new Map<UserRole, TestUser>();

beforeAll(async () => {
  w = await createWorld();
  const unit = await makeUnit(w.ctx);
  for (const role of USER_ROLES) users.set(role, await makeUser(w.ctx, { unitId: unit.id, roles: [role] }));
  const planId = await importPlanObject(
    w.ctx,
    buildPlan({ measureSpecs: [{ task: 1, lead: ['市水务局'], responsible: [unit.name] }] }),
  );
  const draftId = await importPlanObject(w.ctx);
  const sup = users.get('supervisor') as TestUser;
  const cookie = await w.api.login(sup.username, sup.password);
  await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
  const measures = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures;
  const draft = (await w.api.get(`/api/v1/plans/${draftId}`, cookie)).body;
  const draftMeasures = (await w.api.get(`/api/v1/plans/${draftId}/measures`, cookie)).body.measures;
  const review = (await w.api.get(`/api/v1/plans/${draftId}/review`, cookie)).body;
  f = {
    planId,
    draftId,
    measureId: measures[0].id,
    draftMeasureId: draftMeasures[0].id,
    draftTaskId: draft.tasks[0].id,
    groupId: review.decisions[0].groupId,
    unitId: await unitId(w.ctx, '怀柔区政府'),
    targetUserId: (await makeUser(w.ctx, { unitId: unit.id, roles: ['viewer'] })).id,
    login: await makeUser(w.ctx, { unitId: unit.id, roles: ['viewer'] }),
  };
});
afterAll(() => w.close());

function urlFor(route: string, c: Case): string {
  if (c.url) return c.url(f);
  return route
    .split(' ')[1]
    ?.replace(':planId', f.planId)
    .replace(':measureId', f.measureId)
    .replace(':userId', f.targetUserId) as string;
}

describe('permission table', () => {
  it('lists every registered route', () => {
    const registered = w.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(TABLE).sort());
  });

  it('names an access rule on every route that matches the table', () => {
    for (const r of w.app.apiRoutes) {
      const c = TABLE[`${r.method} ${r.url}`];
      expect(r.access === 'public', `${r.method} ${r.url}`).toBe(c?.allowed === 'public');
    }
  });

  it('gives every role the expected answer on every route, and 401 without a session', async () => {
    const failures: string[] = [];
    const sessions = new Map<UserRole, string>();
    for (const role of USER_ROLES) {
      const user = users.get(role) as TestUser;
      sessions.set(role, await w.api.login(user.username, user.password));
    }
    for (const [route, c] of Object.entries(TABLE)) {
      const method = route.split(' ')[0] as 'GET';
      const url = urlFor(route, c);
      const payload = c.payload?.(f) as object | undefined;
      const anonymous = await w.api.request({ method, url, payload });
      if (c.allowed !== 'public' && anonymous.status !== 401)
        failures.push(`${route} anonymous → ${anonymous.status}`);
      for (const role of USER_ROLES) {
        const user = users.get(role) as TestUser;
        // Logging out ends the session: that route gets a session of its own.
        const cookie = route.endsWith('/logout')
          ? await w.api.login(user.username, user.password)
          : sessions.get(role);
        const res = await w.api.request({
          method,
          url,
          payload: c.payload?.(f) as object | undefined,
          cookie,
        });
        const allowed = c.allowed === 'public' || c.allowed.includes(role);
        const ok = allowed ? res.status !== 401 && res.status !== 403 : res.status === 403;
        if (!ok)
          failures.push(
            `${route} as ${role} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)} (expected ${allowed ? 'allowed' : '403'})`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
