/** Every route × every role → the exact status, by hand (cases' rows: helpers/permissions-cases.ts); a route
 * missing, a policy drifting, or an allowed role getting anything but the stated answer (a 5xx above all) fails. */
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
import {
  ALL,
  BUSINESS,
  type Case,
  type Fixture,
  NONE,
  none,
  SUPERVISION_CASES,
} from './helpers/permission-table.ts';
import { CASE_ROUTES } from './helpers/permissions-cases.ts';
import { CASE_EXPORT_ROWS } from './permissions-cases-export.rows.ts';
import { DOCUMENT_ROWS } from './permissions-documents.rows.ts';
import { PAGE_EXPORT_ROWS } from './permissions-page-exports.rows.ts';
import { SECAUTH_ROWS } from './permissions-secauth.rows.ts';
import { FACTOR_RESET_ROWS } from './permissions-security-reset.rows.ts';

const TABLE: Record<string, Case> = {
  'GET /api/v1/health': { status: 200, allowed: 'public' },
  'POST /api/v1/auth/login': {
    status: 200,
    allowed: 'public',
    payload: (f) => ({ username: f.login.username, password: f.login.password }),
  },
  ...(SECAUTH_ROWS as unknown as Record<string, Case>),
  ...(FACTOR_RESET_ROWS as unknown as Record<string, Case>),
  'POST /api/v1/auth/logout': { status: 200, allowed: ALL },
  'POST /api/v1/auth/password': {
    status: 422,
    allowed: ALL,
    payload: () => ({ currentPassword: 'not-it', newPassword: 'Whatever-pass-1' }),
  },
  'GET /api/v1/me': { status: 200, allowed: ALL },
  'GET /api/v1/me/assignments': { status: 200, allowed: BUSINESS },
  'GET /api/v1/units': { status: 200, allowed: ALL },
  'POST /api/v1/units': {
    status: 200,
    allowed: ['sysadmin', 'supervisor'],
    payload: () => ({
      name: `单位${Math.random().toString(36).slice(2, 8)}`,
      fullName: `新单位${Math.random().toString(36).slice(2, 8)}`,
      kind: 'other',
    }),
  },
  'GET /api/v1/groups': { status: 200, allowed: ALL },
  // The directory as a table (issue 8): export for all, import only by the system administrator.
  'GET /api/v1/directory/export': {
    status: 200,
    allowed: ALL,
    url: () => '/api/v1/directory/export?format=csv',
  },
  'POST /api/v1/directory/import/preview': { status: 415, allowed: ['sysadmin'] },
  'POST /api/v1/directory/import': { status: 415, allowed: ['sysadmin'] },
  // Directory edits (issue 12 item 16): an id nobody has gets past the policy to a 404.
  'PATCH /api/v1/units/:unitId': {
    status: 404,
    allowed: ['sysadmin', 'supervisor'],
    url: none('/units/:id'),
    payload: () => ({ name: '改名' }),
  },
  'POST /api/v1/units/:unitId/disable': {
    status: 404,
    allowed: ['sysadmin', 'supervisor'],
    url: none('/units/:id/disable'),
    payload: () => ({ reason: '停用' }),
  },
  'POST /api/v1/units/:unitId/enable': {
    status: 404,
    allowed: ['sysadmin', 'supervisor'],
    url: none('/units/:id/enable'),
    payload: () => ({ reason: '启用' }),
  },
  'POST /api/v1/units/:unitId/merge': {
    status: 404,
    allowed: ['sysadmin', 'supervisor'],
    url: none('/units/:id/merge'),
    payload: (f) => ({ intoUnitId: f.unitId, reason: '合并' }),
  },
  'GET /api/v1/units/:unitId/history': {
    status: 200,
    allowed: ['sysadmin', 'supervisor', 'auditor'],
    url: none('/units/:id/history'),
  },
  'PUT /api/v1/groups/:groupId/members': {
    status: 404,
    allowed: ['sysadmin', 'supervisor'],
    url: none('/groups/:id/members'),
    payload: () => ({ unitIds: [] }),
  },
  'GET /api/v1/groups/:groupId/history': {
    status: 200,
    allowed: ['sysadmin', 'supervisor', 'auditor'],
    url: none('/groups/:id/history'),
  },
  'GET /api/v1/units/:unitId/sole-signer': {
    status: 200,
    allowed: ALL,
    url: (f) => `/api/v1/units/${f.unitId}/sole-signer`,
  },
  'PUT /api/v1/units/:unitId/sole-signer': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/units/${f.unitId}/sole-signer`,
    payload: () => ({ soleSigner: false, reason: '权限表测试' }),
  },
  'GET /api/v1/plans': { status: 200, allowed: BUSINESS },
  'POST /api/v1/plans/import': { status: 415, allowed: ['supervisor'] },
  'POST /api/v1/plans/import/preview': { status: 415, allowed: ['supervisor'] },
  'GET /api/v1/plans/:planId': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/measures': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/measures/:measureId': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/assignments': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/document': { status: 200, allowed: BUSINESS },
  'GET /api/v1/plans/:planId/review': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/review`,
  },
  'PUT /api/v1/plans/:planId/decisions/:groupId': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/decisions/${f.groupId}`,
    payload: (f) => ({ unitIds: [f.unitId] }),
  },
  'POST /api/v1/plans/:planId/unknown-units': {
    status: 404,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/unknown-units`,
    payload: (f) => ({ name: '不存在的名称', action: 'map', unitId: f.unitId }),
  },
  'PATCH /api/v1/plans/:planId': {
    status: 409,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}`,
    payload: () => ({ version: 0, title: '标题' }),
  },
  'PATCH /api/v1/plans/:planId/tasks/:taskId': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/tasks/${f.draftTaskId}`,
    payload: () => ({ name: `任务${Math.random()}` }),
  },
  'PATCH /api/v1/plans/:planId/measures/:measureId': {
    status: 409,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.draftId}/measures/${f.draftMeasureId}`,
    payload: () => ({ version: 0, text: '文字' }),
  },
  'GET /api/v1/plans/:planId/corrections': { status: 200, allowed: ['supervisor'] },
  // Whose a target is and its shares (issue 12 item 14): a target nobody has gets past the policy to a 404.
  'GET /api/v1/plans/:planId/targets/:targetId/scope': {
    status: 404,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/targets/${NONE}/scope`,
  },
  'PUT /api/v1/plans/:planId/targets/:targetId/scope': {
    status: 404,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.planId}/targets/${NONE}/scope`,
    payload: () => ({ cityWide: true }),
  },
  'POST /api/v1/plans/:planId/publish': { status: 200, allowed: ['supervisor'] },
  'POST /api/v1/plans/:planId/archive': {
    status: 200,
    allowed: ['supervisor'],
    url: (f) => `/api/v1/plans/${f.spareId}/archive`,
  },
  'GET /api/v1/users': { status: 200, allowed: ['sysadmin', 'secadmin'] },
  'POST /api/v1/plans/:planId/withdraw': { status: 400, allowed: ['supervisor'] },
  'POST /api/v1/users': {
    status: 200,
    allowed: ['sysadmin'],
    payload: (f) => ({
      username: `u_${Math.random().toString(36).slice(2, 10)}`,
      unitId: f.unitId,
    }),
  },
  'POST /api/v1/users/:userId/disable': { status: 200, allowed: ['sysadmin'] },
  'POST /api/v1/users/:userId/enable': { status: 200, allowed: ['sysadmin'] },
  'POST /api/v1/users/:userId/roles': {
    status: 200,
    allowed: ['secadmin'],
    payload: () => ({ roles: ['viewer'] }),
  },
  'POST /api/v1/users/:userId/password-reset': {
    status: 200,
    allowed: ['sysadmin'],
    payload: () => ({}),
  },
  /** Public (the owner has no session yet): a code nobody issued is refused, never a 5xx. */
  'POST /api/v1/auth/activate': {
    status: 422,
    allowed: 'public',
    payload: () => ({
      username: `nobody_${Math.random().toString(36).slice(2, 10)}`,
      code: 'AAAA-BBBB-CCCC',
      newPassword: 'Chosen-pass-word-1',
    }),
  },
  'POST /api/v1/users/:userId/unlock': { status: 200, allowed: ['secadmin'] },
  'GET /api/v1/audit': { status: 200, allowed: ['auditor'] },
  'GET /api/v1/audit/verify': { status: 200, allowed: ['auditor'] },
  ...SUPERVISION_CASES,
  ...DOCUMENT_ROWS,
  ...CASE_ROUTES,
  ...CASE_EXPORT_ROWS,
  ...PAGE_EXPORT_ROWS,
  // Measured data (issue 9).
  'GET /api/v1/areas': { status: 200, allowed: BUSINESS },
  'POST /api/v1/areas/import': { status: 415, allowed: ['supervisor'] },
  'GET /api/v1/indicators': { status: 200, allowed: BUSINESS },
  'POST /api/v1/indicators': { status: 400, allowed: ['supervisor'], payload: () => ({}) },
  'PATCH /api/v1/indicators/:code': {
    status: 404,
    allowed: ['supervisor'],
    url: () => '/api/v1/indicators/none',
    payload: () => ({ name: '无' }),
  },
  'PUT /api/v1/indicators/:code/goals': {
    status: 404,
    allowed: ['supervisor'],
    url: () => '/api/v1/indicators/none/goals',
    payload: () => ({ goals: [] }),
  },
  'POST /api/v1/indicators/:code/values/import': {
    status: 415,
    allowed: ['supervisor'],
    url: () => '/api/v1/indicators/none/values/import',
  },
  'POST /api/v1/monitoring/values': {
    status: 401,
    allowed: 'apiKey',
    payload: () => ({ indicator: 'none', values: [{ area: '东城区', period: '2022-01', value: 1 }] }),
  },
  'GET /api/v1/rankings': {
    status: 404,
    allowed: BUSINESS,
    url: () => '/api/v1/rankings?indicator=none&period=2022-01&level=district',
  },
  'POST /api/v1/rankings/publish': {
    status: 404,
    allowed: ['supervisor'],
    payload: () => ({ indicator: 'none', period: '2022-01', level: 'district' }),
  },
  'GET /api/v1/rankings/published/:rankingId': {
    status: 404,
    allowed: BUSINESS,
    url: none('/rankings/published/:id'),
  },
  'GET /api/v1/rankings/district-extremes': {
    status: 404,
    allowed: BUSINESS,
    url: () => '/api/v1/rankings/district-extremes?indicator=none&period=2022-01',
  },
  'GET /api/v1/rankings/series': {
    status: 404,
    allowed: BUSINESS,
    url: () => `/api/v1/rankings/series?indicator=none&area=${NONE}&year=2022`,
  },
  'PUT /api/v1/targets/:targetId/binding': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/targets/:id/binding'),
    payload: () => ({ indicator: 'none' }),
  },
  'DELETE /api/v1/targets/:targetId/binding': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/targets/:id/binding'),
  },
  'GET /api/v1/plans/:planId/measures/:measureId/measured': { status: 200, allowed: BUSINESS },
  'GET /api/v1/monitoring/rules': { status: 200, allowed: ['supervisor'] },
  'POST /api/v1/monitoring/rules': { status: 400, allowed: ['supervisor'], payload: () => ({}) },
  'PATCH /api/v1/monitoring/rules/:ruleId': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/monitoring/rules/:id'),
    payload: () => ({ active: false }),
  },
  'POST /api/v1/monitoring/rules/:ruleId/evaluate': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/monitoring/rules/:id/evaluate'),
    payload: () => ({ period: '2022-01' }),
  },
  'GET /api/v1/monitoring/proposals': { status: 200, allowed: ['supervisor'] },
  'POST /api/v1/monitoring/proposals/:proposalId/confirm': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/monitoring/proposals/:id/confirm'),
    payload: () => ({ replyDue: '2030-01-01' }),
  },
  'POST /api/v1/monitoring/proposals/:proposalId/case': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/monitoring/proposals/:id/case'),
    payload: () => ({}),
  },
  'POST /api/v1/monitoring/proposals/:proposalId/dismiss': {
    status: 404,
    allowed: ['supervisor'],
    url: none('/monitoring/proposals/:id/dismiss'),
    payload: () => ({ reason: '已在整改' }),
  },
  'GET /api/v1/api-keys': { status: 200, allowed: ['secadmin'] },
  'POST /api/v1/api-keys': { status: 400, allowed: ['secadmin'], payload: () => ({}) },
  'POST /api/v1/api-keys/:apiKeyId/revoke': {
    status: 404,
    allowed: ['secadmin'],
    url: none('/api-keys/:id/revoke'),
  },
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
  const spareId = await importPlanObject(
    w.ctx,
    buildPlan({
      year: 2023,
      title: '权限表备用计划',
      measureSpecs: [{ task: 1, lead: ['市水务局'], responsible: [unit.name] }],
    }),
  );
  const sup = users.get('supervisor') as TestUser;
  const cookie = await w.api.login(sup.username, sup.password);
  await w.api.post(`/api/v1/plans/${spareId}/publish`, undefined, cookie);
  await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, cookie);
  const measures = (await w.api.get(`/api/v1/plans/${planId}/measures`, cookie)).body.measures;
  const draft = (await w.api.get(`/api/v1/plans/${draftId}`, cookie)).body;
  const draftMeasures = (await w.api.get(`/api/v1/plans/${draftId}/measures`, cookie)).body.measures;
  const review = (await w.api.get(`/api/v1/plans/${draftId}/review`, cookie)).body;
  f = {
    planId,
    spareId,
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
        const ok = allowed ? res.status === c.status : res.status === 403;
        if (!ok)
          failures.push(
            `${route} as ${role} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)} (expected ${allowed ? c.status : 403})`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('administrator roles (三员) through the web', () => {
  it('are refused with exactly 403 for every role, the security administrator included', async () => {
    const unit = await makeUnit(w.ctx);
    const auditor = await makeUser(w.ctx, { unitId: unit.id, roles: ['auditor'] });
    const failures: string[] = [];
    for (const role of USER_ROLES) {
      const user = users.get(role) as TestUser;
      const cookie = await w.api.login(user.username, user.password);
      for (const [target, roles] of [
        [f.targetUserId, ['auditor']],
        [auditor.id, ['viewer']],
      ] as const) {
        const res = await w.api.post(`/api/v1/users/${target}/roles`, { roles }, cookie);
        if (res.status !== 403) failures.push(`${role} → ${roles.join(',')}: ${res.status}`);
        if (role === 'secadmin' && !/npx lantian user roles/.test(res.body.error?.message ?? ''))
          failures.push(`secadmin: message ${res.body.error?.message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
