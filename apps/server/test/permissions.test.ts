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
const WORKERS: UserRole[] = ['unit_staff', 'unit_leader'];
const REVIEWERS: UserRole[] = ['supervisor', 'unit_leader', 'unit_staff'];
const DECIDERS: UserRole[] = ['supervisor', 'unit_leader'];
/** An id nobody has: allowed roles get past the route's policy (to a 404), the others get 403 first. */
const NONE = '00000000-0000-4000-8000-000000000000';
const none = (path: string) => () => `/api/v1${path.replaceAll(':id', NONE)}`;

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
  /** `apiKey`: a monitoring system's key, never a session (every role gets 401 without a key). */
  allowed: readonly UserRole[] | 'public' | 'apiKey';
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
  'POST /api/v1/plans/:planId/withdraw': { allowed: ['supervisor'] },
  'GET /api/v1/users': { allowed: ['sysadmin', 'secadmin'] },
  'POST /api/v1/users': {
    allowed: ['sysadmin'],
    payload: (f) => ({
      username: `u_${Math.random().toString(36).slice(2, 10)}`,
      unitId: f.unitId,
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
  // Progress reporting and supervision (issue 5).
  'GET /api/v1/plans/:planId/reporting-settings': { allowed: BUSINESS },
  'PUT /api/v1/plans/:planId/reporting-settings': {
    allowed: ['supervisor'],
    payload: () => ({
      version: 999,
      cycle: 'monthly',
      dueDay: 25,
      start: '2022-01-01',
      reminderDays: [7, 3, 1],
    }),
  },
  'GET /api/v1/assignments/:assignmentId/report-form': {
    allowed: BUSINESS,
    url: none('/assignments/:id/report-form'),
  },
  'GET /api/v1/assignments/:assignmentId/reports': {
    allowed: BUSINESS,
    url: none('/assignments/:id/reports'),
  },
  'PUT /api/v1/assignments/:assignmentId/reports/:period': {
    allowed: WORKERS,
    url: none('/assignments/:id/reports/2022-06'),
    payload: () => ({ version: 0, status: 'on_track', summary: '', targetValues: [], milestonesReached: [] }),
  },
  'POST /api/v1/assignments/:assignmentId/reports/:period/submit': {
    allowed: WORKERS,
    url: none('/assignments/:id/reports/2022-06/submit'),
  },
  'GET /api/v1/reports/queue': { allowed: REVIEWERS },
  'GET /api/v1/reports/:reportId': { allowed: BUSINESS, url: none('/reports/:id') },
  'POST /api/v1/reports/:reportId/signoff': {
    allowed: ['unit_leader'],
    url: none('/reports/:id/signoff'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/reports/:reportId/review': {
    allowed: REVIEWERS,
    url: none('/reports/:id/review'),
    payload: () => ({ version: 1, decision: 'accept' }),
  },
  'POST /api/v1/reports/:reportId/evidence': { allowed: WORKERS, url: none('/reports/:id/evidence') },
  'POST /api/v1/notices/:noticeId/evidence': { allowed: WORKERS, url: none('/notices/:id/evidence') },
  'POST /api/v1/closures/:closureId/evidence': { allowed: WORKERS, url: none('/closures/:id/evidence') },
  'GET /api/v1/evidence/:evidenceId': { allowed: BUSINESS, url: none('/evidence/:id') },
  'DELETE /api/v1/evidence/:evidenceId': { allowed: WORKERS, url: none('/evidence/:id') },
  'GET /api/v1/plans/:planId/status': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/measures/:measureId': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/units': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/assignments': { allowed: BUSINESS },
  'GET /api/v1/plans/:planId/status/trend': { allowed: BUSINESS },
  'POST /api/v1/audit/exports': {
    allowed: ALL,
    payload: () => ({ page: '/my-work', title: '我的任务', fileName: '我的任务.xlsx', rows: 3, filters: [] }),
  },
  'GET /api/v1/assignments/:assignmentId/status': { allowed: BUSINESS, url: none('/assignments/:id/status') },
  'GET /api/v1/board': { allowed: ['supervisor'] },
  'GET /api/v1/board/export': { allowed: ['supervisor'] },
  'GET /api/v1/notifications': { allowed: ALL },
  'GET /api/v1/notifications/unread-count': { allowed: ALL },
  'GET /api/v1/notifications/groups': { allowed: ALL },
  'POST /api/v1/notifications/read': { allowed: ALL, payload: () => ({ all: true }) },
  'GET /api/v1/me/notification-settings': { allowed: ALL },
  'PUT /api/v1/me/notification-settings': {
    allowed: ALL,
    payload: () => ({ email: null, emailEnabled: false }),
  },
  'POST /api/v1/notices': { allowed: ['supervisor'], payload: () => ({}) },
  'POST /api/v1/notices/batch': { allowed: ['supervisor'], payload: () => ({}) },
  'GET /api/v1/notices': { allowed: BUSINESS },
  'GET /api/v1/notices/:noticeId': { allowed: BUSINESS, url: none('/notices/:id') },
  'POST /api/v1/notices/:noticeId/reply': {
    allowed: WORKERS,
    url: none('/notices/:id/reply'),
    payload: () => ({ version: 1, text: '已整改' }),
  },
  'POST /api/v1/notices/:noticeId/decision': {
    allowed: ['supervisor'],
    url: none('/notices/:id/decision'),
    payload: () => ({ version: 1, decision: 'accept' }),
  },
  'POST /api/v1/assignments/:assignmentId/extensions': {
    allowed: WORKERS,
    url: none('/assignments/:id/extensions'),
    payload: () => ({ milestoneId: null, requestedDue: '2022-12-31', reason: '理由' }),
  },
  'GET /api/v1/extensions': { allowed: BUSINESS },
  'GET /api/v1/extensions/:extensionId': { allowed: BUSINESS, url: none('/extensions/:id') },
  'POST /api/v1/extensions/:extensionId/decision': {
    allowed: DECIDERS,
    url: none('/extensions/:id/decision'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  'POST /api/v1/assignments/:assignmentId/closure': {
    allowed: WORKERS,
    url: none('/assignments/:id/closure'),
    payload: () => ({ summary: '已完成' }),
  },
  'GET /api/v1/closures': { allowed: BUSINESS },
  'GET /api/v1/closures/:closureId': { allowed: BUSINESS, url: none('/closures/:id') },
  'POST /api/v1/closures/:closureId/submit': {
    allowed: WORKERS,
    url: none('/closures/:id/submit'),
    payload: () => ({ version: 1 }),
  },
  'POST /api/v1/closures/:closureId/decision': {
    allowed: DECIDERS,
    url: none('/closures/:id/decision'),
    payload: () => ({ version: 1, decision: 'approve' }),
  },
  // Measured data (issue 9).
  'GET /api/v1/areas': { allowed: BUSINESS },
  'POST /api/v1/areas/import': { allowed: ['supervisor'] },
  'GET /api/v1/indicators': { allowed: BUSINESS },
  'POST /api/v1/indicators': { allowed: ['supervisor'], payload: () => ({}) },
  'PUT /api/v1/indicators/:code/goals': {
    allowed: ['supervisor'],
    url: () => '/api/v1/indicators/none/goals',
    payload: () => ({ goals: [] }),
  },
  'POST /api/v1/indicators/:code/values/import': {
    allowed: ['supervisor'],
    url: () => '/api/v1/indicators/none/values/import',
  },
  'POST /api/v1/monitoring/values': {
    allowed: 'apiKey',
    payload: () => ({ indicator: 'none', values: [{ area: '东城区', period: '2022-01', value: 1 }] }),
  },
  'GET /api/v1/rankings': {
    allowed: BUSINESS,
    url: () => '/api/v1/rankings?indicator=none&period=2022-01&level=district',
  },
  'POST /api/v1/rankings/publish': {
    allowed: ['supervisor'],
    payload: () => ({ indicator: 'none', period: '2022-01', level: 'district' }),
  },
  'GET /api/v1/rankings/published/:rankingId': { allowed: BUSINESS, url: none('/rankings/published/:id') },
  'GET /api/v1/rankings/district-extremes': {
    allowed: BUSINESS,
    url: () => '/api/v1/rankings/district-extremes?indicator=none&period=2022-01',
  },
  'GET /api/v1/rankings/series': {
    allowed: BUSINESS,
    url: () => `/api/v1/rankings/series?indicator=none&area=${NONE}&year=2022`,
  },
  'PUT /api/v1/targets/:targetId/binding': {
    allowed: ['supervisor'],
    url: none('/targets/:id/binding'),
    payload: () => ({ indicator: 'none' }),
  },
  'DELETE /api/v1/targets/:targetId/binding': { allowed: ['supervisor'], url: none('/targets/:id/binding') },
  'GET /api/v1/plans/:planId/measures/:measureId/measured': { allowed: BUSINESS },
  'GET /api/v1/monitoring/rules': { allowed: ['supervisor'] },
  'POST /api/v1/monitoring/rules': { allowed: ['supervisor'], payload: () => ({}) },
  'POST /api/v1/monitoring/rules/:ruleId/evaluate': {
    allowed: ['supervisor'],
    url: none('/monitoring/rules/:id/evaluate'),
    payload: () => ({ period: '2022-01' }),
  },
  'GET /api/v1/monitoring/proposals': { allowed: ['supervisor'] },
  'POST /api/v1/monitoring/proposals/:proposalId/confirm': {
    allowed: ['supervisor'],
    url: none('/monitoring/proposals/:id/confirm'),
    payload: () => ({ replyDue: '2030-01-01' }),
  },
  'POST /api/v1/monitoring/proposals/:proposalId/dismiss': {
    allowed: ['supervisor'],
    url: none('/monitoring/proposals/:id/dismiss'),
  },
  'GET /api/v1/api-keys': { allowed: ['secadmin'] },
  'POST /api/v1/api-keys': { allowed: ['secadmin'], payload: () => ({}) },
  'POST /api/v1/api-keys/:apiKeyId/revoke': { allowed: ['secadmin'], url: none('/api-keys/:id/revoke') },
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
        if (c.allowed === 'apiKey') {
          if (res.status !== 401) failures.push(`${route} as ${role} (session, no key) → ${res.status}`);
          continue;
        }
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
