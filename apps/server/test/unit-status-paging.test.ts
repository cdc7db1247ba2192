/**
 * 单位进展 (`GET /plans/:id/status/units`) is tallied in SQL and paged on the server. On the seed plan, for
 * the office and for a unit, every page in every sort (both ways), with words and a light, holds what the
 * former endpoint gave (every unit of the caller's at once: lights combined, progress averaged, from the
 * assignments' own statuses) in the order the page's table showed it: the column's sort over the former
 * order (most red, most yellow, less progress), names breaking what was left tied.
 */

import { randomUUID } from 'node:crypto';
import { type Light, UNIT_STATUS_SORTS, type UnitStatusRow } from '@lantian/contract';
import { combineLights, matchesAll, searchTerms } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { overdueCaseCounts } from '../src/modules/cases/cases.overdue.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { insertMany } from '../src/modules/plans/plans.repository.ts';
import { refreshAssignments } from '../src/modules/status/summary.ts';
import { createWorld, makeUser, unitId, type World } from './helpers/context.ts';

type StatusRow = { assignmentId: string; unitId: string; unitName: string; light: Light; progress: number };

let w: World;
let planId: string;
const users: Record<'office' | 'unit', { cookie: string; unitId: string }> = {} as never;

beforeAll(async () => {
  w = await createWorld({ start: '2022-08-10T02:00:00.000Z' });
  planId = (await loadDemo(w.ctx, cliActor())).planId;
  // Closed (销号): all of 延庆区政府's work and every other assignment of 市公安局's, so lights and progress differ.
  const closed: { id: string; measure_id: string; unit_id: string }[] = [];
  for (const [name, every] of [
    ['延庆区政府', 1],
    ['市公安局', 2],
  ] as const) {
    const rows = await w.ctx.db.kysely
      .selectFrom('assignments')
      .select(['id', 'measure_id', 'unit_id'])
      .where('plan_id', '=', planId)
      .where('unit_id', '=', await unitId(w.ctx, name))
      .orderBy('id')
      .execute();
    closed.push(...rows.filter((_, i) => i % every === 0));
  }
  await transaction(w.ctx, async (trx) => {
    await insertMany(
      trx,
      'closure_requests',
      closed.map((a) => ({
        id: randomUUID(),
        plan_id: planId,
        assignment_id: a.id,
        measure_id: a.measure_id,
        unit_id: a.unit_id,
        summary: '已完成',
        state: 'closed' as const,
        requested_by: null,
        requested_at: '2022-08-01T02:00:00.000Z',
        submitted_at: '2022-08-01T02:00:00.000Z',
        lead_by: null,
        lead_at: null,
        lead_comment: null,
        decided_by: null,
        decided_at: '2022-08-05T02:00:00.000Z',
        decision_comment: null,
        closed_on: '2022-08-05',
        version: 1,
      })),
    );
    await refreshAssignments(
      w.ctx,
      trx,
      planId,
      closed.map((a) => a.id),
    );
  });
  for (const [who, unit, roles] of [
    ['office', '市生态环境局', ['supervisor']],
    ['unit', '市交通委', ['unit_staff']],
  ] as const) {
    const u = await makeUser(w.ctx, { unitId: await unitId(w.ctx, unit), roles: [...roles] });
    users[who] = { cookie: await w.api.login(u.username, u.password), unitId: u.unitId };
  }
}, 120_000);
afterAll(() => w.close());

async function pages<T>(url: string, key: string, cookie: string, pageSize: number) {
  const out: T[] = [];
  const sep = url.includes('?') ? '&' : '?';
  let body: Record<string, unknown> = {};
  for (let page = 1; page < 200; page++) {
    const res = await w.api.get(`${url}${sep}page=${page}&pageSize=${pageSize}`, cookie);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    body = res.body;
    const rows = res.body[key] as T[];
    expect(rows.length).toBeLessThanOrEqual(pageSize);
    if (rows.length === 0) break;
    out.push(...rows);
  }
  return { body, rows: out };
}

const RANK: Record<Light, number> = { red: 3, yellow: 2, green: 1, done: 0 };
const average = (xs: number[]) =>
  xs.length === 0 ? 0 : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10_000) / 10_000;

/** The former endpoint: the caller's assignment statuses grouped by unit in memory, sorted as it sorted. */
async function formerUnits(who: 'office' | 'unit'): Promise<UnitStatusRow[]> {
  const { cookie, unitId: own } = users[who];
  const { body, rows } = await pages<StatusRow>(
    `/api/v1/plans/${planId}/status/assignments`,
    'assignments',
    cookie,
    200,
  );
  const overdue = await overdueCaseCounts(w.ctx.db.kysely, body.asOf as string);
  const byUnit = new Map<string, StatusRow[]>();
  for (const r of rows) {
    if (who === 'unit' && r.unitId !== own) continue;
    byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  }
  const units = [...byUnit.values()].map((list) => {
    const first = list[0] as StatusRow;
    const lights = list.map((r) => r.light);
    const counts = { green: 0, yellow: 0, red: 0, done: 0 };
    for (const l of lights) counts[l]++;
    const overdueCases = overdue.get(first.unitId) ?? 0;
    return {
      unitId: first.unitId,
      unitName: first.unitName,
      light: overdueCases > 0 ? ('red' as const) : combineLights(lights),
      progress: average(list.map((r) => r.progress)),
      counts,
      assignments: list.length,
      overdueCases,
    };
  });
  // The former order, names breaking its ties (it left them in the order the units first came).
  return units.sort(
    (a, b) =>
      b.counts.red - a.counts.red ||
      b.counts.yellow - a.counts.yellow ||
      a.progress - b.progress ||
      a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
}

/** The table's sorters (UnitStatusPage.tsx as it was); descending reverses the sorter, not the ties. */
const SORTERS: Record<(typeof UNIT_STATUS_SORTS)[number], (a: UnitStatusRow, b: UnitStatusRow) => number> = {
  light: (a, b) => RANK[a.light] - RANK[b.light] || b.progress - a.progress,
  unit: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
  red: (a, b) => a.counts.red - b.counts.red,
  yellow: (a, b) => a.counts.yellow - b.counts.yellow,
  green: (a, b) => a.counts.green - b.counts.green,
  done: (a, b) => a.counts.done - b.counts.done,
  assignments: (a, b) => a.assignments - b.assignments,
  overdueCases: (a, b) => a.overdueCases - b.overdueCases,
  progress: (a, b) => a.progress - b.progress,
};

describe.each(['office', 'unit'] as const)('单位进展 for the %s', (who) => {
  it('pages, in every sort and with words and a light, what the former endpoint gave', async () => {
    const former = await formerUnits(who);
    expect(former.length).toBe(who === 'office' ? 44 : 1);
    const url = `/api/v1/plans/${planId}/status/units`;
    const { cookie } = users[who];
    const lights = new Set(former.map((u) => u.light));
    if (who === 'office') expect(lights.size).toBeGreaterThan(1);
    const cases: [string, (u: UnitStatusRow) => boolean][] = [
      ['', () => true],
      ...[...lights].map((l): [string, (u: UnitStatusRow) => boolean] => [
        `light=${l}`,
        (u) => u.light === l,
      ]),
      ...(['区政府', '市 委', '延庆', '无此单位'] as const).map(
        (q): [string, (u: UnitStatusRow) => boolean] => [
          `q=${encodeURIComponent(q)}`,
          (u) => matchesAll(searchTerms(q), [u.unitName]),
        ],
      ),
      [`q=${encodeURIComponent('区')}&light=red`, (u) => u.unitName.includes('区') && u.light === 'red'],
    ];
    const every = UNIT_STATUS_SORTS.flatMap((s) => [`${s}:asc`, `${s}:desc`]);
    for (const [filter, keep] of cases) {
      // Every sort both ways without a filter; with one, a few sorts.
      for (const combo of filter ? ['light:desc', 'unit:asc', 'progress:asc', 'red:desc'] : every) {
        const [sort, order] = combo.split(':') as [(typeof UNIT_STATUS_SORTS)[number], 'asc' | 'desc'];
        const query = `${filter}${filter ? '&' : ''}sort=${sort}&order=${order}`;
        const dir = order === 'desc' ? -1 : 1;
        const expected = former.filter(keep).sort((a, b) => dir * SORTERS[sort](a, b));
        const got = await pages<UnitStatusRow>(`${url}?${query}`, 'units', cookie, 7);
        expect(got.body.total, query).toBe(expected.length);
        expect(got.body.unitTotal, query).toBe(former.length);
        expect(got.rows, query).toEqual(expected);
      }
    }
    // What the page asks for first: the light, descending.
    const first = await w.api.get(url, cookie);
    expect(first.body.units).toEqual(former.sort((a, b) => -SORTERS.light(a, b)).slice(0, 50));
  }, 180_000);
});

it('refuses a page larger than 200 units', async () => {
  const res = await w.api.get(`/api/v1/plans/${planId}/status/units?pageSize=201`, users.office.cookie);
  expect(res.status).toBe(400);
});
