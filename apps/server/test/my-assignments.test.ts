/**
 * `GET /me/assignments`: paged, filterable by plan, listing the unit's plans; cached per unit and plan
 * (a change in one plan rebuilds only the units of that plan, and is seen on every instance); sent
 * compressed to clients that accept it.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Db } from '../src/db/connect.ts';
import { mirrorOf } from '../src/db/read-scope-mirror.ts';
import { buildPlan, importPlanObject, makeUnit, makeUser } from './helpers/context.ts';
import { Api } from './helpers/http.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let second: FastifyInstance;
let secondDb: Db;
let other: Api;
let cookieA: string;
let planB: string;
let outsiderCookie: string;

beforeAll(async () => {
  f = await supervisionFixture();
  secondDb = f.w.testDb.reopen();
  second = await buildApp({ db: secondDb, config: f.w.ctx.config, clock: f.w.clock });
  await second.ready();
  other = new Api(second);
  // A second, newer plan where unit 甲 has three measures.
  const plan = buildPlan({
    title: '第二个计划',
    year: 2023,
    measureSpecs: [
      { task: 1, lead: [f.A.name] },
      { task: 2, lead: [f.A.name] },
      { task: 3, lead: [f.B.name], responsible: [f.A.name] },
    ],
  });
  planB = await importPlanObject(f.w.ctx, plan);
  const sup = await f.login(f.supervisor);
  expect((await f.w.api.post(`/api/v1/plans/${planB}/publish`, undefined, sup)).status).toBe(200);
  cookieA = await f.login(f.A.staff);
  const outsider = await makeUser(f.w.ctx, { unitId: (await makeUnit(f.w.ctx)).id, roles: ['unit_staff'] });
  outsiderCookie = await f.w.api.login(outsider.username, outsider.password);
});
afterAll(async () => {
  await second.close();
  await f.w.close();
});

/**
 * A write made straight in the database (as the CLI or another instance would) reaches an instance's
 * read-scope mirror (PostgreSQL) when its announcement arrives: wait for that, as a later request would.
 */
const settled = () => Promise.all([mirrorOf(f.w.ctx.db.kysely)?.sync(), mirrorOf(secondDb.kysely)?.sync()]);

const scopes = async () =>
  new Map(
    (await f.w.ctx.db.kysely.selectFrom('read_scopes').select(['scope', 'n']).execute()).map((r) => [
      r.scope,
      Number(r.n),
    ]),
  );

describe('/me/assignments', () => {
  it('pages the list and names the unit’s plans, newest first', async () => {
    const all = await f.w.api.get('/api/v1/me/assignments', cookieA);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    expect(all.body.plans.map((p: { id: string; assignments: number }) => [p.id, p.assignments])).toEqual([
      [planB, 3],
      [f.planId, 2],
    ]);
    const pages = [];
    for (const page of [1, 2, 3]) {
      const r = await f.w.api.get(`/api/v1/me/assignments?pageSize=2&page=${page}`, cookieA);
      expect(r.body).toMatchObject({ total: 5, page, pageSize: 2 });
      pages.push(...r.body.assignments.map((a: { id: string }) => a.id));
    }
    expect(pages).toEqual(all.body.assignments.map((a: { id: string }) => a.id));
    expect(pages.slice(0, 3).length).toBe(3);
  });

  it('filters by plan, still naming every plan for the picker', async () => {
    const r = await f.w.api.get(`/api/v1/me/assignments?planId=${f.planId}`, cookieA);
    expect(r.body.total).toBe(2);
    expect(r.body.assignments.every((a: { planId: string }) => a.planId === f.planId)).toBe(true);
    expect(r.body.plans).toHaveLength(2);
    const bad = await f.w.api.get('/api/v1/me/assignments?pageSize=500', cookieA);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/pageSize/);
    const none = await f.w.api.get('/api/v1/me/assignments', outsiderCookie);
    expect(none.body).toMatchObject({ total: 0, plans: [], assignments: [] });
  });

  it('scopes cache versions per unit and plan: a change to one plan moves only its units', async () => {
    const before = await scopes();
    await f.w.ctx.db.kysely
      .updateTable('measures')
      .set({ text: '改写后的措施内容' })
      .where('plan_id', '=', planB)
      .where('task_no', '=', 1)
      .execute();
    const after = await scopes();
    const moved = [...after].filter(([k, n]) => before.get(k) !== n).map(([k]) => k);
    // Only 甲 has a part in plan B's task 1… but every unit of plan B sees that plan's content.
    expect(moved.sort()).toEqual(
      [
        `unit:${f.A.id}`,
        `unit:${f.A.id}/plan:${planB}`,
        `unit:${f.B.id}`,
        `unit:${f.B.id}/plan:${planB}`,
      ].sort(),
    );
    expect(moved).not.toContain(`unit:${f.C.id}`);
    expect(moved).not.toContain(`unit:${f.A.id}/plan:${f.planId}`);
  });

  it('serves the change on every instance at once, cached or not', async () => {
    const url = `/api/v1/me/assignments?planId=${planB}`;
    await other.get(url, cookieA);
    await other.get(url, cookieA);
    await f.w.ctx.db.kysely
      .updateTable('measures')
      .set({ text: '第二次改写' })
      .where('plan_id', '=', planB)
      .where('task_no', '=', 2)
      .execute();
    await settled();
    const r = await other.get(url, cookieA);
    expect(r.body.assignments.map((a: { text: string }) => a.text)).toContain('第二次改写');
    // A plan withdrawn from publication leaves the list (its units' scopes move with it).
    await f.w.ctx.db.kysely.updateTable('plans').set({ status: 'draft' }).where('id', '=', planB).execute();
    await settled();
    const all = await other.get('/api/v1/me/assignments', cookieA);
    expect(all.body.total).toBe(2);
    expect(all.body.plans.map((p: { id: string }) => p.id)).toEqual([f.planId]);
    await f.w.ctx.db.kysely
      .updateTable('plans')
      .set({ status: 'published' })
      .where('id', '=', planB)
      .execute();
    await settled();
    expect((await other.get('/api/v1/me/assignments', cookieA)).body.total).toBe(5);
  });

  it('is sent as brotli or gzip to clients that accept them, the same JSON either way', async () => {
    const plain = await f.w.api.get('/api/v1/me/assignments', cookieA);
    const raw = await f.w.app.inject({
      url: '/api/v1/me/assignments',
      headers: { cookie: cookieA, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(raw.headers.vary).toMatch(/Accept-Encoding/);
    expect(JSON.parse(brotliDecompressSync(raw.rawPayload).toString('utf8'))).toEqual(plain.body);
    expect(Number(raw.headers['content-length'])).toBe(raw.rawPayload.length);
    expect(raw.rawPayload.length).toBeLessThan(Buffer.byteLength(JSON.stringify(plain.body)));
    const gz = await f.w.app.inject({
      url: '/api/v1/me/assignments',
      headers: { cookie: cookieA, 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.body);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });
});
