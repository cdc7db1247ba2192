/** The board's office tools: one 督办单 to several units at once (all or none), and the dashboard's monthly light trend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trendMonths } from '../src/modules/status/trend.query.ts';
import { reportBody, requestId, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
beforeAll(async () => {
  f = await supervisionFixture();
  c.sup = await f.login(f.supervisor);
  c.aStaff = await f.login(f.A.staff);
  c.bStaff = await f.login(f.B.staff);
  c.cStaff = await f.login(f.C.staff);
});
afterAll(() => f.w.close());

const batch = (body: Record<string, unknown>, cookie = c.sup) =>
  f.w.api.post(
    '/api/v1/notices/batch',
    { planId: f.planId, reason: '本月报告未报，请说明', level: 'yellow', replyDue: '2022-06-20', ...body },
    cookie,
  );
const noticeCount = async () =>
  (await f.w.ctx.db.kysely.selectFrom('supervision_notices').select('id').execute()).length;

describe('issuing one notice to several units', () => {
  it('creates one notice per unit in one request, each audited, each unit told with the measure written 1.1', async () => {
    const before = await noticeCount();
    const res = await batch({
      units: [
        { unitId: f.B.id, measureIds: [f.measure[1]] },
        { unitId: f.C.id, measureIds: [f.measure[1]] },
      ],
    });
    expect(res.status).toBe(200);
    const ids: string[] = res.body.noticeIds;
    expect(ids).toHaveLength(2);
    expect(await noticeCount()).toBe(before + 2);
    const units = await f.w.ctx.db.kysely
      .selectFrom('supervision_notices')
      .select(['id', 'unit_id'])
      .where('id', 'in', ids)
      .execute();
    expect(units.map((u) => u.unit_id).sort()).toEqual([f.B.id, f.C.id].sort());
    const audit = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('object_id')
      .where('action', '=', 'notice.issue')
      .where('object_id', 'in', ids)
      .execute();
    expect(audit).toHaveLength(2);
    for (const [cookie, id] of [
      [c.bStaff, units.find((u) => u.unit_id === f.B.id)?.id],
      [c.cStaff, units.find((u) => u.unit_id === f.C.id)?.id],
    ] as const) {
      const bell = await f.w.api.get('/api/v1/notifications', cookie);
      const told = bell.body.notifications.find((n: { objectId: string }) => n.objectId === id);
      expect(told.title).toContain('措施 1.1');
      expect(told.title).not.toContain('1-1');
    }
  });

  it('writes nothing when one unit of the list has no assignment on the measure', async () => {
    const before = await noticeCount();
    const res = await batch({
      units: [
        { unitId: f.B.id, measureIds: [f.measure[2]] },
        { unitId: f.C.id, measureIds: [f.measure[2]] },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/measureIds：.*没有分工/);
    expect(await noticeCount()).toBe(before);
  });

  it('refuses a unit listed twice, a past reply date and non-supervisors, naming the field', async () => {
    const twice = await batch({
      units: [
        { unitId: f.B.id, measureIds: [f.measure[1]] },
        { unitId: f.B.id, measureIds: [f.measure[2]] },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toMatch(/^units\[1\]\.unitId/);
    const past = await batch({
      units: [{ unitId: f.B.id, measureIds: [f.measure[1]] }],
      replyDue: '2022-06-01',
    });
    expect(past.status).toBe(422);
    expect(past.body.error.message).toMatch(/^replyDue/);
    const empty = await batch({ units: [] });
    expect(empty.status).toBe(400);
    const staff = await batch({ units: [{ unitId: f.B.id, measureIds: [f.measure[1]] }] }, c.aStaff);
    expect(staff.status).toBe(403);
  });
});

describe('the monthly light trend', () => {
  it('lists the months from January of the plan year to the current one, at most its first two years', () => {
    expect(trendMonths(2022, '2022-03-05')).toEqual(['2022-01', '2022-02', '2022-03']);
    expect(trendMonths(2023, '2022-12-31')).toEqual([]);
    const long = trendMonths(2020, '2024-05-01');
    expect(long).toHaveLength(24);
    expect(long[0]).toBe('2020-01');
    expect(long.at(-1)).toBe('2021-12');
  });

  it('counts each month end as recorded then, for the assignments the caller may see', async () => {
    const trend = await f.w.api.get(`/api/v1/plans/${f.planId}/status/trend`, c.sup);
    expect(trend.status).toBe(200);
    const months = trend.body.months as { month: string; asOf: string; counts: Record<string, number> }[];
    expect(months.map((m) => m.month)).toEqual([
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
    ]);
    expect(months[4]?.asOf).toBe('2022-05-31');
    expect(months[5]?.asOf).toBe('2022-06-10');
    const total = (m: { counts: Record<string, number> }) =>
      Object.values(m.counts).reduce((a, b) => a + b, 0);
    // The office sees all five assignments; 丙 its own one; 甲 its own two and the others on the measure it leads.
    for (const m of months) expect(total(m)).toBe(5);
    const own = await f.w.api.get(`/api/v1/plans/${f.planId}/status/trend`, c.cStaff);
    expect(own.body.months.map(total)).toEqual(months.map(() => 1));
    const lead = await f.w.api.get(`/api/v1/plans/${f.planId}/status/trend`, c.aStaff);
    expect(lead.body.months.map(total)).toEqual(months.map(() => 4));

    // A report delivered today changes today's picture, never a month already past.
    const id = f.assignment['1:C:assisting'] as string;
    const saved = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/2022-05`,
      { version: 0, ...reportBody() },
      c.cStaff,
    );
    expect(saved.status).toBe(200);
    const sent = await f.w.api.post(
      `/api/v1/assignments/${id}/reports/2022-05/submit`,
      { version: saved.body.report.version, requestId: requestId(), ...reportBody() },
      c.cStaff,
    );
    expect(sent.status).toBe(200);
    const after = await f.w.api.get(`/api/v1/plans/${f.planId}/status/trend`, c.sup);
    expect(after.body.months.slice(0, 5)).toEqual(months.slice(0, 5));
  });

  it('answers 404 for a plan that does not exist', async () => {
    const res = await f.w.api.get('/api/v1/plans/00000000-0000-4000-8000-000000000000/status/trend', c.sup);
    expect(res.status).toBe(404);
  });
});
