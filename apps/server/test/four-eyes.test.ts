/**
 * Four eyes. Business roles may be combined on one account (only the 三员 are exclusive), so an account
 * can be both a supervisor and a unit leader of a lead unit. It still never decides what it handled
 * itself: its own unit's report it drafted and signed off, its own extension or closure (销号) request,
 * its own reply to a notice. Another supervisor decides those, and is told why in the refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from './helpers/context.ts';
import {
  closureEvidence,
  issueNotice,
  reportBody,
  requestId,
  type SupervisionFixture,
  supervisionFixture,
} from './helpers/supervision.ts';

let f: SupervisionFixture;
let both: TestUser;
let cookie: string;
beforeAll(async () => {
  f = await supervisionFixture();
  both = await makeUser(f.w.ctx, { unitId: f.A.id, roles: ['supervisor', 'unit_leader'] });
  cookie = await f.login(both);
});
afterAll(() => f.w.close());

const api = () => f.w.api;

describe('one account on both sides of a decision', () => {
  it("cannot sign off nor accept its own unit's report that it drafted", async () => {
    const id = f.assignment['1:A:lead'] as string;
    const saved = await api().put(
      `/api/v1/assignments/${id}/reports/2022-06`,
      { version: 0, ...reportBody() },
      cookie,
    );
    expect(saved.status).toBe(200);
    const sent = await api().post(
      `/api/v1/assignments/${id}/reports/2022-06/submit`,
      { version: 1, requestId: requestId(), ...reportBody({ status: 'done' }) },
      cookie,
    );
    expect(sent.status).toBe(200);
    const rid = sent.body.report.id;
    // Whoever wrote it does not sign it off either: another leader of the unit does.
    const selfSigned = await api().post(
      `/api/v1/reports/${rid}/signoff`,
      { version: 2, decision: 'approve' },
      cookie,
    );
    expect(selfSigned.status).toBe(403);
    const signed = await api().post(
      `/api/v1/reports/${rid}/signoff`,
      { version: 2, decision: 'approve' },
      await f.login(f.A.leader),
    );
    expect(signed.status).toBe(200);
    expect(signed.body.report.reviewRoute).toBe('supervisor');
    const reviewed = await api().post(
      `/api/v1/reports/${rid}/review`,
      { version: 3, decision: 'accept' },
      cookie,
    );
    expect(reviewed.status).toBe(403);
    expect(reviewed.body.error.message).toMatch(/须由另一人审批/);
    const other = await f.login(f.supervisor);
    const byOther = await api().post(
      `/api/v1/reports/${rid}/review`,
      { version: 3, decision: 'accept' },
      other,
    );
    expect(byOther.status).toBe(200);
  });

  it('cannot grant its own extension request', async () => {
    const id = f.assignment['1:A:lead'] as string;
    const req = await api().post(
      `/api/v1/assignments/${id}/extensions`,
      { milestoneId: null, requestedDue: '2023-06-30', reason: '自批' },
      cookie,
    );
    expect(req.status).toBe(200);
    expect(req.body.extension.state).toBe('pending_supervisor');
    const ok = await api().post(
      `/api/v1/extensions/${req.body.extension.id}/decision`,
      { version: 1, decision: 'approve' },
      cookie,
    );
    expect(ok.status).toBe(403);
  });

  it('cannot close its own assignment (销号) on its own request', async () => {
    const id = f.assignment['1:A:lead'] as string;
    const created = await api().post(`/api/v1/assignments/${id}/closure`, { summary: '已完成' }, cookie);
    expect(created.status).toBe(200);
    const cid = created.body.closure.id;
    const up = await closureEvidence(f, cid, cookie);
    expect(up.status).toBe(200);
    const sent = await api().post(`/api/v1/closures/${cid}/submit`, { version: 1 }, cookie);
    expect(sent.body.closure.state).toBe('pending_supervisor');
    const closed = await api().post(
      `/api/v1/closures/${cid}/decision`,
      { version: 2, decision: 'approve' },
      cookie,
    );
    expect(closed.status).toBe(403);
  });
  it('cannot accept its own reply to a notice issued to its own unit', async () => {
    const issued = await issueNotice(f, cookie, {
      unitId: f.A.id,
      measureIds: [f.measure[2]],
      reason: '进度滞后',
    });
    expect(issued.status).toBe(200);
    const nid = issued.body.notice.id;
    const replied = await api().post(`/api/v1/notices/${nid}/reply`, { version: 1, text: '已整改' }, cookie);
    expect(replied.status).toBe(200);
    const accepted = await api().post(
      `/api/v1/notices/${nid}/decision`,
      { version: 2, decision: 'accept' },
      cookie,
    );
    expect(accepted.status).toBe(403);
  });
});
