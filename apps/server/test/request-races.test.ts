/**
 * Requests sent twice at once (two clicks, two staff): one open closure request per assignment, one
 * pending extension per milestone, one answer to a notice — the others get 409, never a 500. The
 * assignment or notice row is locked before the check (PostgreSQL; SQLite serialises writers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueNotice, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
beforeAll(async () => {
  f = await supervisionFixture();
  c.aStaff = await f.login(f.A.staff);
  c.aLeader = await f.login(f.A.leader);
  c.bStaff = await f.login(f.B.staff);
});
afterAll(() => f.w.close());

const api = () => f.w.api;

describe('requests sent twice at once', () => {
  it('create one open closure request per assignment', async () => {
    const id = f.assignment['2:A:responsible'] as string;
    const both = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        api().post(
          `/api/v1/assignments/${id}/closure`,
          { summary: `已完成 ${i}` },
          i % 2 ? c.aStaff : c.aLeader,
        ),
      ),
    );
    const open = await f.w.ctx.db.kysely
      .selectFrom('closure_requests')
      .select('id')
      .where('assignment_id', '=', id)
      .execute();
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(open).toHaveLength(1);
  });

  it('create one pending extension per milestone', async () => {
    const id = f.assignment['1:B:responsible'] as string;
    const form = (await api().get(`/api/v1/assignments/${id}/report-form`, c.bStaff)).body;
    const milestoneId = form.assignment.milestones[0].id;
    const both = await Promise.all(
      ['2022-08-31', '2022-09-30', '2022-10-31', '2022-11-30'].map((d) =>
        api().post(
          `/api/v1/assignments/${id}/extensions`,
          { milestoneId, requestedDue: d, reason: '招标延迟' },
          c.bStaff,
        ),
      ),
    );
    const pending = await f.w.ctx.db.kysely
      .selectFrom('extension_requests')
      .select('id')
      .where('assignment_id', '=', id)
      .where('state', 'in', ['pending_lead', 'pending_supervisor'])
      .execute();
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(pending).toHaveLength(1);
  });
  it('answer a notice once; the other answer gets 409, not a 500', async () => {
    const sup = await f.login(f.supervisor);
    const issued = await issueNotice(f, sup);
    const nid = issued.body.notice.id;
    const both = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        api().post(`/api/v1/notices/${nid}/reply`, { version: 1, text: `答复 ${i}` }, c.bStaff),
      ),
    );
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(both.filter((r) => r.status === 500)).toHaveLength(0);
  });
});
