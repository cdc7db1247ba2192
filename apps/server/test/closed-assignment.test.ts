/**
 * A closed assignment (销号) is locked: an extension still pending when it was closed ends with the
 * closure (there is no deadline left to move), and a late decision on it changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closureEvidence, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
beforeAll(async () => {
  f = await supervisionFixture();
  c.bStaff = await f.login(f.B.staff);
  c.aLeader = await f.login(f.A.leader);
  c.sup = await f.login(f.supervisor);
});
afterAll(() => f.w.close());

const api = () => f.w.api;

describe('a closed assignment', () => {
  it('ends an extension that was still pending when it was closed, and refuses a late approval', async () => {
    const id = f.assignment['1:B:responsible'] as string;
    const ext = await api().post(
      `/api/v1/assignments/${id}/extensions`,
      { milestoneId: null, requestedDue: '2023-03-31', reason: '跨年' },
      c.bStaff,
    );
    expect(ext.status).toBe(200);
    const xid = ext.body.extension.id;
    // The lead unit agrees; the office has not decided yet.
    expect(
      (await api().post(`/api/v1/extensions/${xid}/decision`, { version: 1, decision: 'approve' }, c.aLeader))
        .body.extension.state,
    ).toBe('pending_supervisor');

    // Meanwhile the work is closed on evidence.
    const cl = await api().post(`/api/v1/assignments/${id}/closure`, { summary: '已完成' }, c.bStaff);
    const cid = cl.body.closure.id;
    await closureEvidence(f, cid, c.bStaff);
    await api().post(`/api/v1/closures/${cid}/submit`, { version: 1 }, c.bStaff);
    await api().post(`/api/v1/closures/${cid}/decision`, { version: 2, decision: 'approve' }, c.aLeader);
    const closed = await api().post(
      `/api/v1/closures/${cid}/decision`,
      { version: 3, decision: 'approve' },
      c.sup,
    );
    expect(closed.body.closure.state).toBe('closed');

    const late = await api().post(
      `/api/v1/extensions/${xid}/decision`,
      { version: 2, decision: 'approve' },
      c.sup,
    );
    expect(late.status).toBe(409);
    const row = await f.w.ctx.db.kysely
      .selectFrom('extension_requests')
      .select(['state', 'decision_comment'])
      .where('id', '=', xid)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('refused');
    expect(row.decision_comment).toMatch(/销号，延期申请自动终止/);
    const status = await api().get(`/api/v1/assignments/${id}/status`, c.bStaff);
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body)).not.toContain('2023-03-31');
  });
});
