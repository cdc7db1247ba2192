/**
 * Issue 12 items 3 and 6: the plan's large lists filter, count and page in SQL. On the seed plan, each
 * filter with paging gives exactly the rows (and order) that filtering the whole list in memory and
 * slicing it gives — for the office and for a unit (its own and the measures it leads).
 */
import { matchesAll, searchTerms } from '@lantian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/modules/audit/actor.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { responsibilityTallies } from '../src/modules/status/overview.query.ts';
import { createWorld, makeUser, unitId, type World } from './helpers/context.ts';

type Row = { id: string; unitId: string; unitName: string; measureId: string; role: string; task: number };
type StatusRow = { assignmentId: string; unitId: string; unitName: string; task: number; light: string };

let w: World;
let planId: string;
const cookies: Record<'office' | 'unit', string> = {} as never;

beforeAll(async () => {
  w = await createWorld({ start: '2022-08-10T02:00:00.000Z' });
  planId = (await loadDemo(w.ctx, cliActor())).planId;
  const office = await makeUser(w.ctx, {
    unitId: await unitId(w.ctx, '市生态环境局'),
    roles: ['supervisor'],
  });
  cookies.office = await w.api.login(office.username, office.password);
  // A city department that leads measures: it sees its own and every assignment of what it leads.
  const unit = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市交通委'), roles: ['unit_staff'] });
  cookies.unit = await w.api.login(unit.username, unit.password);
}, 120_000);
afterAll(() => w.close());

async function pages<T>(url: string, key: string, cookie: string, pageSize: number) {
  const out: T[] = [];
  const sep = url.includes('?') ? '&' : '?';
  let total = -1;
  for (let page = 1; ; page++) {
    const res = await w.api.get(`${url}${sep}page=${page}&pageSize=${pageSize}`, cookie);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    total = res.body.total;
    expect(res.body[key].length).toBeLessThanOrEqual(pageSize);
    if (res.body[key].length === 0) break;
    out.push(...res.body[key]);
  }
  return { total, rows: out };
}

describe.each(['office', 'unit'] as const)('for the %s', (who) => {
  it('pages the assignments in SQL exactly as filtering the whole list in memory', async () => {
    const cookie = cookies[who];
    const url = `/api/v1/plans/${planId}/assignments`;
    const every = (await pages<Row>(url, 'assignments', cookie, 200)).rows;
    expect(every.length).toBeGreaterThan(who === 'office' ? 500 : 10);
    const statuses = (
      await pages<StatusRow>(`/api/v1/plans/${planId}/status/assignments`, 'assignments', cookie, 200)
    ).rows;
    const light = new Map(statuses.map((s) => [s.assignmentId, s.light]));
    const measures = (
      await pages<{ id: string; text: string }>(
        `/api/v1/plans/${planId}/measures`,
        'measures',
        cookies.office,
        200,
      )
    ).rows;
    const text = new Map(measures.map((m) => [m.id, m.text]));
    const some = every[Math.floor(every.length / 2)] as Row;
    const cases: [string, (r: Row) => boolean][] = [
      ['task=3&role=responsible', (r) => r.task === 3 && r.role === 'responsible'],
      [`unitId=${some.unitId}&task=${some.task}`, (r) => r.unitId === some.unitId && r.task === some.task],
      ['light=red', (r) => light.get(r.id) === 'red'],
      ['light=yellow&role=lead', (r) => light.get(r.id) === 'yellow' && r.role === 'lead'],
      ...(['延庆 治理', '区政府 柴油', '市交通委', 'ＶＯＣｓ'] as const).map(
        (q): [string, (r: Row) => boolean] => [
          `q=${encodeURIComponent(q)}`,
          (r) => matchesAll(searchTerms(q), [r.unitName, text.get(r.measureId) ?? '']),
        ],
      ),
      [`q=${encodeURIComponent('无此词语')}`, () => false],
    ];
    let nonEmpty = 0;
    for (const [query, keep] of cases) {
      const expected = every.filter(keep);
      if (expected.length > 0) nonEmpty++;
      const got = await pages<Row>(`${url}?${query}`, 'assignments', cookie, 7);
      expect(got.total, query).toBe(expected.length);
      expect(
        got.rows.map((r) => r.id),
        query,
      ).toEqual(expected.map((r) => r.id));
    }
    expect(nonEmpty).toBeGreaterThan(4);
  }, 120_000);

  it('pages the assignment statuses in SQL exactly as filtering them in memory', async () => {
    const cookie = cookies[who];
    const url = `/api/v1/plans/${planId}/status/assignments`;
    const every = (await pages<StatusRow>(url, 'assignments', cookie, 200)).rows;
    const some = every[Math.floor(every.length / 3)] as StatusRow;
    const cases: [string, (r: StatusRow) => boolean][] = [
      [`unitId=${some.unitId}`, (r) => r.unitId === some.unitId],
      [`task=${some.task}&light=${some.light}`, (r) => r.task === some.task && r.light === some.light],
      ['light=green', (r) => r.light === 'green'],
      ...(['区政府', '延庆', '市 委'] as const).map((q): [string, (r: StatusRow) => boolean] => [
        `q=${encodeURIComponent(q)}`,
        (r) => matchesAll(searchTerms(q), [r.unitName]),
      ]),
    ];
    for (const [query, keep] of cases) {
      const expected = every.filter(keep);
      const got = await pages<StatusRow>(`${url}?${query}`, 'assignments', cookie, 9);
      expect(got.total, query).toBe(expected.length);
      expect(
        got.rows.map((r) => r.assignmentId),
        query,
      ).toEqual(expected.map((r) => r.assignmentId));
    }
  }, 120_000);

  it('tallies the units for the dashboard and the matrix in SQL as tallying every assignment in memory', async () => {
    const cookie = cookies[who];
    const plan = `/api/v1/plans/${planId}`;
    const every = (await pages<Row & { unitKind: string }>(`${plan}/assignments`, 'assignments', cookie, 200))
      .rows;
    const statuses = (await pages<StatusRow>(`${plan}/status/assignments`, 'assignments', cookie, 200)).rows;
    const light = new Map(statuses.map((x) => [x.assignmentId, x.light]));
    type M = { id: string; deadline: { kind: string; due: string | null; end: string | null } };
    const measures = (await pages<M>(`${plan}/measures`, 'measures', cookies.office, 200)).rows;
    const final = new Map(
      measures.map((m) => [m.id, m.deadline.kind === 'ongoing' ? null : (m.deadline.end ?? m.deadline.due)]),
    );
    const { units, cells } = responsibilityTallies(every as never);
    const size = (t: { roles: Record<string, Set<string>> }) => ({
      lead: t.roles.lead?.size ?? 0,
      responsible: t.roles.responsible?.size ?? 0,
      assisting: t.roles.assisting?.size ?? 0,
    });
    const load = (await pages<{ unitId: string }>(`${plan}/overview/units?sort=red`, 'units', cookie, 7))
      .rows;
    expect(load).toHaveLength(units.length);
    const byUnit = new Map(load.map((u) => [u.unitId, u]));
    for (const t of units) {
      const own = every.filter((a) => a.unitId === t.unitId);
      const lights = { red: 0, yellow: 0, green: 0, done: 0 };
      for (const a of own) lights[light.get(a.id) as keyof typeof lights]++;
      const overdue = new Set(
        own.filter((a) => (final.get(a.measureId) ?? '9999') < '2022-08-10').map((a) => a.measureId),
      ).size;
      expect(byUnit.get(t.unitId), t.unitName).toEqual({
        unitId: t.unitId,
        unitName: t.unitName,
        unitKind: t.unitKind,
        measures: t.measures.size,
        roles: size(t),
        overdue,
        lights,
      });
    }
    const reds = load.map((u) => (u as unknown as { lights: { red: number } }).lights.red);
    expect(reds).toEqual([...reds].sort((a, b) => b - a));
    const matrix = (
      await pages<{ unitId: string; measures: number; cells: unknown[] }>(
        `${plan}/matrix`,
        'units',
        cookie,
        6,
      )
    ).rows;
    expect(matrix.map((u) => u.unitId).sort()).toEqual(units.map((u) => u.unitId).sort());
    for (const u of matrix) {
      const expected = cells
        .filter((c) => c.unitId === u.unitId)
        .sort((x, y) => x.task - y.task)
        .map((c) => ({ task: c.task, measures: c.measures.size, roles: size(c) }));
      expect(u.cells, u.unitId).toEqual(expected);
    }
  }, 120_000);
});
