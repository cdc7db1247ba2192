/**
 * 确认为案件: a rule's proposal (a street at the bottom of the ranking two half-months running) confirmed
 * as a problem case by a supervisor — entered `reported` at the street with the ranking facts as its
 * description, verified by another supervisor and dispatched to the street's answering unit. Twice, or
 * by two supervisors at once, it gives one case; a proposal already issued as a notice or dismissed is
 * refused. Runs on SQLite and (node scripts/test-pg.mjs) PostgreSQL, where the claims really overlap.
 */
import { period, periodsToDate } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { areaViews } from '../src/modules/areas/areas.repository.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { addIndicator } from '../src/modules/indicators/indicators.service.ts';
import { recordValues } from '../src/modules/indicators/values.service.ts';
import { type CaseWorld, caseWorld, detail, ok } from './helpers/cases.ts';
import { buildPlan, createWorld, importPlanObject, type World } from './helpers/context.ts';

let w: World;
let c: CaseWorld;
let measureId: string;
type P = { id: string; area: string; district: string | null; state: string; caseId: string | null };
let proposals: P[];

/** 朝阳区 streets at the bottom of both October half-months (八里庄街道 is also a street of 海淀区). */
const BOTTOM = ['八里庄街道', '三里屯街道', '建外街道', '麦子店街道', '呼家楼街道', '左家庄街道'];

const cases = (source = 'monitoring-rule') =>
  w.ctx.db.kysely.selectFrom('cases').selectAll().where('source', '=', source).execute();
const proposal = (area: string) => {
  const p = proposals.find((x) => x.area === area && x.district === '朝阳区');
  if (!p) throw new Error(`no proposal for ${area}`);
  return p;
};
const toCase = (id: string, cookie: string, body: Record<string, unknown> = {}) =>
  w.api.post(`/api/v1/monitoring/proposals/${id}/case`, body, cookie);

beforeAll(async () => {
  w = await createWorld({ start: '2022-11-20T02:00:00.000Z' });
  c = await caseWorld(w);
  const planId = await importPlanObject(
    w.ctx,
    buildPlan({
      measureSpecs: [
        { task: 13, lead: ['市生态环境局'], groups: [{ role: 'responsible', name: '各区政府' }] },
      ],
    }),
  );
  expect((await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, c.sup1)).status).toBe(200);
  measureId = (await w.api.get(`/api/v1/plans/${planId}/measures`, c.sup1)).body.measures[0].id;
  const { list } = await areaViews(w.ctx.db.kysely);
  const chaoyang = list.find((a) => a.level === 'district' && a.name === '朝阳区');
  const streets = list.filter((a) => a.level === 'street');
  await transaction(w.ctx, async (trx) => {
    const tsp = await addIndicator(w.ctx, trx, cliActor(), {
      code: 'tsp',
      name: '粗颗粒物',
      unit: 'µg/m³',
      better: 'lower',
      resolution: 'half_month',
      decimals: 1,
      levels: ['street'],
    });
    const entries = periodsToDate(period('2022-10-H2')).flatMap((p, k) =>
      streets.map((s, i) => {
        const bottom = s.parentId === chaoyang?.id && BOTTOM.includes(s.name);
        return {
          areaId: s.id,
          period: p.key,
          value: bottom ? 300 + i / 10 : 50 + ((i + 100 * k) % 343) / 10,
        };
      }),
    );
    await recordValues(w.ctx, trx, cliActor(), tsp, entries, 'simulated');
  });
  const rule = await w.api.post(
    '/api/v1/monitoring/rules',
    {
      name: '街道排名后6名连续2期',
      indicator: 'tsp',
      kind: 'bottom_n',
      level: 'street',
      n: 6,
      periods: 2,
      action: 'notice',
      planId,
      measureId,
    },
    c.sup1,
  );
  expect(rule.status, JSON.stringify(rule.body)).toBe(200);
  const ev = await w.api.post(
    `/api/v1/monitoring/rules/${rule.body.id}/evaluate`,
    { period: '2022-10-H2' },
    c.sup1,
  );
  expect(ev.status, JSON.stringify(ev.body)).toBe(200);
  proposals = ev.body.proposals;
  expect(proposals.map((p) => `${p.district}${p.area}`).sort()).toEqual(
    BOTTOM.map((s) => `朝阳区${s}`).sort(),
  );
}, 120_000);
afterAll(async () => w?.close());

describe('确认为案件', () => {
  it('enters one reported case at the street with the ranking facts; another supervisor dispatches it to the answering unit', async () => {
    const p = proposal('八里庄街道');
    const r = await toCase(p.id, c.sup1, { category: 'road_dust', severity: 'high' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: p.id, state: 'confirmed', noticeId: null });
    const id = r.body.caseId as string;
    expect(id).toEqual(expect.any(String));
    const mine = await detail(w, c.sup1, id);
    expect(mine).toMatchObject({
      state: 'reported',
      origin: 'monitoring',
      source: 'monitoring-rule',
      externalId: p.id,
      category: 'road_dust',
      severity: 'high',
      district: '朝阳区',
      street: '八里庄街道',
      address: '朝阳区八里庄街道',
      suggestedUnit: { id: c.chaoyang.id, name: c.chaoyang.name },
    });
    expect(mine.description).toBe(
      `朝阳区八里庄街道粗颗粒物触发规则“街道排名后6名连续2期”：${r.body.evidence
        .map(
          (e: { period: string; rank: number; value: number }) => `${e.period} 第 ${e.rank} 名（${e.value}）`,
        )
        .join('；')}`,
    );
    expect(mine.description).toContain('2022-10-H1 第 ');
    expect(mine.measureId).toBe(measureId);
    // Four eyes: whoever confirmed it entered it, and does not verify it.
    expect(mine.actions.verify).toBe(false);
    expect((await detail(w, c.sup2, id)).actions.verify).toBe(true);
    // Nothing reaches the unit before the office dispatches it.
    expect((await w.api.get('/api/v1/cases', c.cyStaff)).body.total).toBe(0);
    await ok(w, c.sup2, id, 'verify', { decision: 'verify' }, 'verified');
    await ok(w, c.sup2, id, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
    const inbox = (await w.api.get('/api/v1/cases?awaitingMe=true', c.cyStaff)).body;
    expect(inbox.cases.map((x: { id: string }) => x.id)).toEqual([id]);
    const trail = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'object_id'])
      .where('action', 'in', ['proposal.toCase', 'case.report'])
      .execute();
    expect(trail).toEqual(
      expect.arrayContaining([
        { action: 'proposal.toCase', object_id: p.id },
        { action: 'case.report', object_id: id },
      ]),
    );
  });

  it('a second click answers the same case; the proposal can no longer be issued as a notice', async () => {
    const p = proposal('八里庄街道');
    const first = (await cases()).filter((x) => x.external_id === p.id);
    expect(first).toHaveLength(1);
    const again = await toCase(p.id, c.sup1);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.caseId).toBe(first[0]?.id);
    expect((await cases()).filter((x) => x.external_id === p.id)).toHaveLength(1);
    const notice = await w.api.post(
      `/api/v1/monitoring/proposals/${p.id}/confirm`,
      { replyDue: '2022-11-30' },
      c.sup2,
    );
    expect(notice.status).toBe(409);
  });

  it('two supervisors at once, twice each: one case, one audit record, no 500', async () => {
    const p = proposal('三里屯街道');
    const all = await Promise.all([c.sup1, c.sup2, c.sup1, c.sup2].map((cookie) => toCase(p.id, cookie)));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const made = (await cases()).filter((x) => x.external_id === p.id);
    expect(made).toHaveLength(1);
    expect(new Set(all.map((r) => r.body.caseId))).toEqual(new Set([made[0]?.id]));
    const claims = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'proposal.toCase')
      .where('object_id', '=', p.id)
      .execute();
    expect(claims).toHaveLength(1);
  });

  it('a case and a notice asked for at once: exactly one of them', async () => {
    const p = proposal('呼家楼街道');
    const [asCase, asNotice] = await Promise.all([
      toCase(p.id, c.sup1),
      w.api.post(`/api/v1/monitoring/proposals/${p.id}/confirm`, { replyDue: '2022-11-30' }, c.sup2),
    ]);
    expect([asCase.status, asNotice.status].sort()).toEqual([200, 409]);
    const row = await w.ctx.db.kysely
      .selectFrom('rule_proposals')
      .select(['notice_id', 'case_id'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect([row.notice_id, row.case_id].filter(Boolean)).toHaveLength(1);
    expect((await cases()).filter((x) => x.external_id === p.id)).toHaveLength(row.case_id ? 1 : 0);
  });

  it('refuses a proposal issued as a notice or dismissed, an unknown id, a bad body, and other roles', async () => {
    const issued = proposal('建外街道');
    expect(
      (
        await w.api.post(
          `/api/v1/monitoring/proposals/${issued.id}/confirm`,
          { replyDue: '2022-11-30' },
          c.sup1,
        )
      ).status,
    ).toBe(200);
    expect((await toCase(issued.id, c.sup1)).status).toBe(409);
    const dismissed = proposal('麦子店街道');
    expect(
      (
        await w.api.post(
          `/api/v1/monitoring/proposals/${dismissed.id}/dismiss`,
          { reason: '已在整改' },
          c.sup1,
        )
      ).status,
    ).toBe(200);
    const refused = await toCase(dismissed.id, c.sup1);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');
    expect((await toCase('00000000-0000-4000-8000-000000000000', c.sup1)).status).toBe(404);
    const before = (await cases()).length;
    const bad = await toCase(proposal('三里屯街道').id, c.sup1, { category: 'Road dust' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('category');
    const sev = await toCase(dismissed.id, c.sup1, { severity: 'urgent' });
    expect(sev.status).toBe(400);
    expect(sev.body.error.message).toContain('severity');
    expect((await toCase(dismissed.id, c.cyStaff)).status).toBe(403);
    // A category the settings do not know: 400 naming it, and the proposal stays open (nothing written).
    const open = proposal('左家庄街道');
    const unknown = await toCase(open.id, c.sup1, { category: 'nosuch' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('category');
    const left = await w.api.get('/api/v1/monitoring/proposals?state=proposed', c.sup1);
    expect(left.body.proposals.map((x: P) => x.id)).toEqual([open.id]);
    expect((await cases()).length).toBe(before);
  });
});
