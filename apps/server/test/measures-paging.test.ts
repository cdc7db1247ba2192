/**
 * A plan's measures (`GET /plans/:id/measures`) are filtered, counted and paged in SQL. On the seed plan,
 * published and as a draft, for the office and for a unit, each filter of the plan view (words, section,
 * task, a unit in a role, deadline kind, due window, and combinations) gives, page after page, exactly
 * the measures — same order, same content — that the former code gave: the whole plan read and
 * filtered in memory by the contract's `applyFilters` (kept below as the reference).
 */
import fs from 'node:fs';
import {
  applyFilters,
  type Measure,
  type MeasuresQuery,
  measuresOfUnit,
  type PlanFilters,
  sectionOf,
} from '@lantian/contract';
import { parsePlan, searchTerms } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../src/db/connect.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import type { Principal } from '../src/modules/auth/principal.ts';
import { DEMO_PLAN_FILE, loadDemo } from '../src/modules/demo/demo.service.ts';
import { readDirectory } from '../src/modules/directory/directory.service.ts';
import { planAssignments, planDetail, planMeasures } from '../src/modules/plans/plans.query.ts';
import { createWorld, importPlanObject, makeUser, unitId, type World } from './helpers/context.ts';
import { testPrincipal } from './helpers/principal.ts';

/** The former `filteredMeasures`: the whole plan read, then the page's own filters applied in memory. */
async function reference(
  db: Executor,
  user: Principal,
  planId: string,
  q: Omit<MeasuresQuery, 'page' | 'pageSize'>,
) {
  const [detail, measures] = await Promise.all([
    planDetail(db, user, planId),
    planMeasures(db, user, planId),
  ]);
  const taskById = new Map(detail.tasks.map((t) => [t.id, t]));
  const assignments =
    q.unitId && detail.plan.status !== 'draft'
      ? await planAssignments(db, user, planId, { unitId: q.unitId, role: q.role })
      : undefined;
  const filters: PlanFilters = { ...q, q: q.q ?? '' };
  const visible = applyFilters(measures, filters, {
    terms: searchTerms(filters.q),
    sectionOfTask: (taskId) => sectionOf(taskById.get(taskId), detail.sections),
    unitMeasures: q.unitId ? measuresOfUnit(measures, assignments, q.unitId, q.role) : undefined,
  });
  return { planTotal: measures.length, measures: visible.sort((a, b) => a.task - b.task || a.seq - b.seq) };
}

let w: World;
const plans: Record<'published' | 'draft', string> = {} as never;
const users: Record<'office' | 'unit', { cookie: string; principal: Principal }> = {} as never;

beforeAll(async () => {
  w = await createWorld({ start: '2022-08-10T02:00:00.000Z' });
  plans.published = (await loadDemo(w.ctx, cliActor())).planId;
  const { directory } = await readDirectory(w.ctx.db.kysely);
  const parsed = parsePlan(fs.readFileSync(DEMO_PLAN_FILE), { year: 2022, directory });
  plans.draft = await importPlanObject(w.ctx, { ...parsed, title: `${parsed.title}（草稿）` });
  for (const [who, unit, roles] of [
    ['office', '市生态环境局', ['supervisor']],
    ['unit', '市交通委', ['unit_staff']],
  ] as const) {
    const u = await makeUser(w.ctx, { unitId: await unitId(w.ctx, unit), roles: [...roles] });
    users[who] = {
      cookie: await w.api.login(u.username, u.password),
      principal: testPrincipal({ userId: u.id, username: u.username, unitId: u.unitId }, [...roles], unit),
    };
  }
}, 180_000);
afterAll(() => w.close());

async function allPages(planId: string, query: string, cookie: string, pageSize: number) {
  const out: Measure[] = [];
  let total = -1;
  let planTotal = -1;
  for (let page = 1; page < 100; page++) {
    const sep = query ? '&' : '';
    const res = await w.api.get(
      `/api/v1/plans/${planId}/measures?${query}${sep}page=${page}&pageSize=${pageSize}`,
      cookie,
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    ({ total, planTotal } = res.body);
    expect(res.body.measures.length).toBeLessThanOrEqual(pageSize);
    if (res.body.measures.length === 0) break;
    out.push(...res.body.measures);
  }
  return { total, planTotal, measures: out };
}

describe('the seed plan’s measures', () => {
  // A draft is the office's alone.
  it.each([
    ['published', 'office'],
    ['published', 'unit'],
    ['draft', 'office'],
  ] as const)(
    'of the %s plan, paged in SQL as filtering the whole plan in memory gave, for the %s',
    async (which, who) => {
      const planId = plans[which];
      const { cookie, principal } = users[who];
      const db = w.ctx.db.kysely;
      const detail = await planDetail(db, principal, planId);
      const unit = async (name: string) => unitId(w.ctx, name);
      const [yanqing, transport, police] = await Promise.all([
        unit('延庆区政府'),
        unit('市交通委'),
        unit('市公安局'),
      ]);
      const second = detail.sections[1]?.id as string;
      type Case = Omit<MeasuresQuery, 'page' | 'pageSize'>;
      const cases: Case[] = [
        {},
        { q: '区政府' },
        { q: '柴油 货车' },
        { q: '6月底前 检查' },
        { q: 'ＶＯＣｓ' },
        { q: '市交通委' },
        { q: '无此词语' },
        ...detail.sections.map((s) => ({ section: s.id })),
        { task: 3 },
        { unitId: yanqing },
        { unitId: transport, role: 'lead' },
        { unitId: police, role: 'assisting' },
        { unitId: police },
        { kind: 'ongoing' },
        { kind: 'date' },
        { kind: 'milestones' },
        { from: '2022-06-01' },
        { to: '2022-06-30' },
        { from: '2022-03-01', to: '2022-09-30' },
        { section: second, kind: 'date' },
        { q: '扬尘', kind: 'ongoing' },
        { unitId: yanqing, role: 'responsible', from: '2022-01-01', to: '2022-12-31' },
        { task: 2, unitId: transport },
        { unitId: transport, from: '2022-06-01' },
      ];
      let nonEmpty = 0;
      for (const c of cases) {
        const query = new URLSearchParams(c as Record<string, string>).toString();
        const expected = await reference(db, principal, planId, c);
        if (expected.measures.length > 0) nonEmpty++;
        const got = await allPages(planId, query, cookie, 9);
        expect(got.planTotal, query).toBe(expected.planTotal);
        expect(got.total, query).toBe(expected.measures.length);
        expect(got.measures, query).toEqual(expected.measures);
      }
      expect(nonEmpty).toBeGreaterThan(cases.length - 9);
    },
    180_000,
  );
});
