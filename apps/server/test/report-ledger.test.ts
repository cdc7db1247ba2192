/** An assignment's ledger (`GET /assignments/:id/reports`) is paged on the server, newest period first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBody, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let staff: string;
let id: string;
const PERIODS = ['2022-03', '2022-04', '2022-05', '2022-06'];

beforeAll(async () => {
  f = await supervisionFixture();
  staff = await f.login(f.B.staff);
  id = f.assignment['1:B:responsible'] as string;
  for (const p of PERIODS) {
    const saved = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/${p}`,
      { version: 0, ...reportBody() },
      staff,
    );
    expect(saved.status).toBe(200);
  }
});
afterAll(() => f.w.close());

describe('the report ledger', () => {
  it('comes a page at a time, newest period first, with the total', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const r = await f.w.api.get(`/api/v1/assignments/${id}/reports?page=${page}&pageSize=2`, staff);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: 4, page, pageSize: 2 });
      expect(r.body.assignment.id).toBe(id);
      seen.push(...r.body.reports.map((x: { period: string }) => x.period));
    }
    expect(seen).toEqual([...PERIODS].reverse());
  });

  it('refuses a page size over 200, naming the field', async () => {
    const r = await f.w.api.get(`/api/v1/assignments/${id}/reports?pageSize=201`, staff);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/pageSize/);
  });
});
