/** Unit A cannot read or change unit B's data through any route. */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorOf } from '../src/db/read-scope-mirror.ts';
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

let w: World;
let A: string;
let B: string;
let aUser: TestUser;
let bUser: TestUser;
let aCookie: string;
let bCookie: string;
let supCookie: string;
let planId: string;
let draftId: string;
const measure: Record<string, string> = {};

beforeAll(async () => {
  w = await createWorld();
  const a = await makeUnit(w.ctx, '甲单位');
  const b = await makeUnit(w.ctx, '乙单位');
  A = a.id;
  B = b.id;
  const plan = buildPlan({
    measureSpecs: [
      { task: 1, lead: ['甲单位'], responsible: ['乙单位'] }, // A leads, B carries out
      { task: 2, lead: ['乙单位'], responsible: ['甲单位'] }, // B leads, A carries out
      { task: 3, lead: ['市水务局'], responsible: ['乙单位'] }, // A has no part
    ],
  });
  planId = await importPlanObject(w.ctx, plan);
  draftId = await importPlanObject(w.ctx, buildPlan({ measureSpecs: [{ task: 1, lead: ['甲单位'] }] }));
  const sup = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市生态环境局'), roles: ['supervisor'] });
  supCookie = await w.api.login(sup.username, sup.password);
  expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, supCookie)).status).toBe(200);
  for (const m of (await w.api.get(`/api/v1/plans/${planId}/measures`, supCookie)).body.measures)
    measure[m.task] = m.id;
  aUser = await makeUser(w.ctx, { unitId: A, roles: ['unit_leader', 'unit_staff'] });
  bUser = await makeUser(w.ctx, { unitId: B, roles: ['unit_staff'] });
  aCookie = await w.api.login(aUser.username, aUser.password);
  bCookie = await w.api.login(bUser.username, bUser.password);
});
afterAll(() => w.close());

type Row = { unitId: string; task: number; role: string };
const summary = (rows: Row[]) =>
  rows.map((r) => `${r.task}:${r.unitId === A ? 'A' : r.unitId === B ? 'B' : 'other'}:${r.role}`).sort();

describe('reading', () => {
  it("my assignments are my unit's only", async () => {
    const mine = (await w.api.get('/api/v1/me/assignments', aCookie)).body.assignments;
    expect(mine.map((a: { task: number; role: string }) => `${a.task}:${a.role}`).sort()).toEqual([
      '1:lead',
      '2:responsible',
    ]);
    const theirs = (await w.api.get('/api/v1/me/assignments', bCookie)).body.assignments;
    expect(theirs.map((a: { task: number; role: string }) => `${a.task}:${a.role}`).sort()).toEqual([
      '1:responsible',
      '2:lead',
      '3:responsible',
    ]);
  });

  it("a plan's assignments: my own, plus the others' on measures I lead — nothing else", async () => {
    const forA = (await w.api.get(`/api/v1/plans/${planId}/assignments`, aCookie)).body.assignments;
    expect(summary(forA)).toEqual(['1:A:lead', '1:B:responsible', '2:A:responsible']);
    const forB = (await w.api.get(`/api/v1/plans/${planId}/assignments`, bCookie)).body.assignments;
    expect(summary(forB)).toEqual(['1:B:responsible', '2:A:responsible', '2:B:lead', '3:B:responsible']);
    const all = (await w.api.get(`/api/v1/plans/${planId}/assignments`, supCookie)).body.assignments;
    expect(all).toHaveLength(6);
  });

  it('swapping the unit id in the query does not widen what I see', async () => {
    const res = await w.api.get(`/api/v1/plans/${planId}/assignments?unitId=${B}`, aCookie);
    expect(res.status).toBe(200);
    expect(summary(res.body.assignments)).toEqual(['1:B:responsible']);
    const onlyB3 = await w.api.get(
      `/api/v1/plans/${planId}/assignments?unitId=${B}&role=responsible`,
      aCookie,
    );
    expect(summary(onlyB3.body.assignments)).toEqual(['1:B:responsible']);
  });

  it("a measure I have no part in shows its text but none of the other units' assignments", async () => {
    const res = await w.api.get(`/api/v1/plans/${planId}/measures/${measure[3]}`, aCookie);
    expect(res.status).toBe(200);
    expect(res.body.measure.task).toBe(3);
    expect(res.body.assignments).toEqual([]);
    const led = await w.api.get(`/api/v1/plans/${planId}/measures/${measure[1]}`, aCookie);
    expect(summary(led.body.assignments)).toEqual(['1:A:lead', '1:B:responsible']);
    const notLed = await w.api.get(`/api/v1/plans/${planId}/measures/${measure[2]}`, aCookie);
    expect(summary(notLed.body.assignments)).toEqual(['2:A:responsible']);
  });

  it('a measure id from another plan is not found', async () => {
    const res = await w.api.get(`/api/v1/plans/${draftId}/measures/${measure[1]}`, supCookie);
    expect(res.status).toBe(404);
  });

  it('drafts do not exist for unit users', async () => {
    const list = (await w.api.get('/api/v1/plans', aCookie)).body.plans.map((p: { id: string }) => p.id);
    expect(list).toContain(planId);
    expect(list).not.toContain(draftId);
    for (const path of ['', '/measures', '/assignments', '/document']) {
      const res = await w.api.get(`/api/v1/plans/${draftId}${path}`, aCookie);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('my task list', () => {
  it('follows publishing and archiving at once, even when another instance or the CLI writes', async () => {
    const tasks = async () =>
      (await w.api.get('/api/v1/me/assignments', aCookie)).body.assignments.map(
        (a: { planId: string }) => a.planId,
      );
    expect(new Set(await tasks())).toEqual(new Set([planId]));
    // Another instance: its own connection, its own app.
    const other = w.testDb.reopen();
    const ctx2 = { ...w.ctx, db: other };
    const second = await importPlanObject(
      ctx2,
      buildPlan({ measureSpecs: [{ task: 1, lead: ['市水务局'], assisting: ['甲单位'] }] }),
    );
    expect((await tasks()).filter((id: string) => id === second)).toEqual([]);
    const { publishPlan, archivePlan } = await import('../src/modules/plans/plan-publish.service.ts');
    const { cliActor } = await import('../src/modules/audit/actor.ts');
    // On PostgreSQL this instance learns of another's commit from its announcement (milliseconds):
    // wait for it as the next request would (see db/read-scope-mirror.ts; LANTIAN_STRICT_READS=1 makes it immediate).
    const seen = () => mirrorOf(w.ctx.db.kysely)?.sync();
    await publishPlan(ctx2, cliActor(), second);
    await seen();
    expect((await tasks()).filter((id: string) => id === second)).toHaveLength(1);
    await archivePlan(ctx2, cliActor(), second);
    await seen();
    expect((await tasks()).filter((id: string) => id === second)).toEqual([]);
  });
});

describe('changing', () => {
  it('no plan, review, user or audit route accepts a unit user', async () => {
    const attempts: [string, string, unknown][] = [
      ['POST', `/api/v1/plans/${planId}/publish`, undefined],
      ['POST', `/api/v1/plans/${planId}/archive`, undefined],
      ['PATCH', `/api/v1/plans/${draftId}`, { version: 1, title: 'x' }],
      ['PATCH', `/api/v1/plans/${draftId}/measures/${measure[1]}`, { version: 1, text: 'x' }],
      ['POST', `/api/v1/plans/${draftId}/unknown-units`, { name: 'x', action: 'map', unitId: A }],
      ['POST', '/api/v1/units', { name: '丙单位', fullName: '丙单位', kind: 'other' }],
      ['POST', '/api/v1/users', { username: 'sneaky', unitId: B }],
      ['POST', `/api/v1/users/${bUser.id}/disable`, undefined],
      ['POST', `/api/v1/users/${bUser.id}/password-reset`, {}],
      ['POST', `/api/v1/users/${aUser.id}/roles`, { roles: ['supervisor'] }],
      ['GET', '/api/v1/users', undefined],
      ['GET', '/api/v1/audit', undefined],
    ];
    for (const [method, url, payload] of attempts) {
      const res = await w.api.request({
        method: method as 'POST',
        url,
        payload: payload as object,
        cookie: aCookie,
      });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    // Nothing changed.
    const b = await w.ctx.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', bUser.id)
      .executeTakeFirstOrThrow();
    expect(b.disabled).toBe(0);
    expect((await w.api.get('/api/v1/me', bCookie)).status).toBe(200);
    const roles = (await w.api.get('/api/v1/me', aCookie)).body.roles;
    expect(roles.sort()).toEqual(['unit_leader', 'unit_staff']);
  });

  it('refusals are audited', async () => {
    const denied = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('user_id', '=', aUser.id)
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true);
  });
});
