/** The report flow: draft → sign-off → review (accept / return), locking, idempotent submit, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBody, requestId, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let cookies: Record<string, string>;
beforeAll(async () => {
  f = await supervisionFixture();
  cookies = {
    bStaff: await f.login(f.B.staff),
    bLeader: await f.login(f.B.leader),
    aStaff: await f.login(f.A.staff),
    aLeader: await f.login(f.A.leader),
    cStaff: await f.login(f.C.staff),
    sup: await f.login(f.supervisor),
  };
});
afterAll(() => f.w.close());

const form = (assignmentId: string, cookie: string, period = '') =>
  f.w.api.get(`/api/v1/assignments/${assignmentId}/report-form${period ? `?period=${period}` : ''}`, cookie);

describe('the report form', () => {
  it('shows the measure, the periods owed so far and the current period, with what the caller may do', async () => {
    const res = await form(f.assignment['1:B:responsible'] as string, cookies.bStaff as string);
    expect(res.status).toBe(200);
    expect(res.body.assignment).toMatchObject({ task: 1, seq: 1, role: 'responsible', unitName: f.B.name });
    expect(res.body.assignment.leadUnits.map((u: { name: string }) => u.name)).toEqual([f.A.name]);
    expect(res.body.period.key).toBe('2022-06');
    expect(res.body.periods.map((p: { key: string }) => p.key)).toEqual([
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
    ]);
    expect(res.body.periods[0].late).toBe(true);
    expect(res.body.report).toBeNull();
    expect(res.body.actions).toMatchObject({ save: true, submit: true, signoff: false, review: false });
    const asLead = await form(f.assignment['1:B:responsible'] as string, cookies.aStaff as string);
    expect(asLead.status).toBe(200);
    expect(asLead.body.actions).toMatchObject({ save: false, submit: false });
  });
});

describe('the flow', () => {
  it('goes draft → pending sign-off → submitted → returned → resubmitted → accepted, each step audited', async () => {
    const id = f.assignment['1:B:responsible'] as string;
    const base = `/api/v1/assignments/${id}/reports/2022-06`;
    const saved = await f.w.api.put(base, { version: 0, ...reportBody() }, cookies.bStaff);
    expect(saved.status).toBe(200);
    expect(saved.body.report).toMatchObject({ state: 'draft', version: 1, period: '2022-06' });
    const submitted = await f.w.api.post(
      `${base}/submit`,
      { version: 1, requestId: requestId(), ...reportBody({ summary: '完成方案起草' }) },
      cookies.bStaff,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.report).toMatchObject({
      state: 'pending_signoff',
      version: 2,
      summary: '完成方案起草',
    });
    const reportId = submitted.body.report.id;

    // Staff cannot sign off; the leader can.
    const staffSign = await f.w.api.post(
      `/api/v1/reports/${reportId}/signoff`,
      { version: 2, decision: 'approve' },
      cookies.bStaff,
    );
    expect(staffSign.status).toBe(403);
    const signed = await f.w.api.post(
      `/api/v1/reports/${reportId}/signoff`,
      { version: 2, decision: 'approve' },
      cookies.bLeader,
    );
    expect(signed.status).toBe(200);
    expect(signed.body.report).toMatchObject({ state: 'submitted', reviewRoute: 'lead' });

    // It is in the lead unit's review queue, not in the office's.
    const queue = await f.w.api.get('/api/v1/reports/queue?kind=review', cookies.aStaff);
    expect(queue.body.rows.map((r: { reportId: string }) => r.reportId)).toContain(reportId);
    const supQueue = await f.w.api.get('/api/v1/reports/queue?kind=review', cookies.sup);
    expect(supQueue.body.rows.map((r: { reportId: string }) => r.reportId)).not.toContain(reportId);

    // The office does not review a responsible unit's report; the lead returns it with a comment.
    expect(
      (
        await f.w.api.post(
          `/api/v1/reports/${reportId}/review`,
          { version: 3, decision: 'accept' },
          cookies.sup,
        )
      ).status,
    ).toBe(403);
    const noComment = await f.w.api.post(
      `/api/v1/reports/${reportId}/review`,
      { version: 3, decision: 'return' },
      cookies.aStaff,
    );
    expect(noComment.status).toBe(400);
    const returned = await f.w.api.post(
      `/api/v1/reports/${reportId}/review`,
      { version: 3, decision: 'return', comment: '请补充检查数量' },
      cookies.aStaff,
    );
    expect(returned.status).toBe(200);
    expect(returned.body.report).toMatchObject({ state: 'returned', reviewComment: '请补充检查数量' });

    // Returned reopens it: the unit edits and resubmits.
    const reForm = await form(id, cookies.bStaff as string);
    expect(reForm.body.actions.save).toBe(true);
    expect(reForm.body.status.reasons.map((r: { code: string }) => r.code)).toContain('REPORT_RETURNED');
    const again = await f.w.api.post(
      `${base}/submit`,
      { version: 4, requestId: requestId(), ...reportBody({ summary: '补充：检查 50 万辆次' }) },
      cookies.bStaff,
    );
    expect(again.body.report.state).toBe('pending_signoff');
    await f.w.api.post(
      `/api/v1/reports/${reportId}/signoff`,
      { version: 5, decision: 'approve' },
      cookies.bLeader,
    );
    const accepted = await f.w.api.post(
      `/api/v1/reports/${reportId}/review`,
      { version: 6, decision: 'accept' },
      cookies.aStaff,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.report.state).toBe('accepted');
    expect(accepted.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'signoff',
      'return',
      'submit',
      'signoff',
      'accept',
    ]);

    const actions = (
      await f.w.ctx.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('object_id', '=', reportId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.action);
    expect(actions).toEqual([
      'report.create',
      'report.submit',
      'report.signoff',
      'report.return',
      'report.submit',
      'report.signoff',
      'report.accept',
    ]);
    // An accepted report is no longer editable.
    const late = await f.w.api.put(base, { version: 7, ...reportBody() }, cookies.bStaff);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
  });

  it("sends a lead unit's own report to the office, and an assisting unit's to the lead", async () => {
    const own = f.assignment['1:A:lead'] as string;
    const sub = await f.w.api.post(
      `/api/v1/assignments/${own}/reports/2022-06/submit`,
      { version: 0, requestId: requestId(), ...reportBody() },
      cookies.aStaff,
    );
    expect(sub.status).toBe(200);
    const signed = await f.w.api.post(
      `/api/v1/reports/${sub.body.report.id}/signoff`,
      { version: 1, decision: 'approve' },
      cookies.aLeader,
    );
    expect(signed.body.report.reviewRoute).toBe('supervisor');
    expect(
      (
        await f.w.api.post(
          `/api/v1/reports/${sub.body.report.id}/review`,
          { version: 2, decision: 'accept' },
          cookies.aStaff,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await f.w.api.post(
          `/api/v1/reports/${sub.body.report.id}/review`,
          { version: 2, decision: 'accept' },
          cookies.sup,
        )
      ).status,
    ).toBe(200);

    const assist = f.assignment['1:C:assisting'] as string;
    const c = await f.w.api.post(
      `/api/v1/assignments/${assist}/reports/2022-06/submit`,
      { version: 0, requestId: requestId(), ...reportBody() },
      cookies.cStaff,
    );
    expect(c.body.report.reviewRoute).toBe('lead');
  });
});

describe('data safety', () => {
  it('refuses a stale save with 409 and changes nothing', async () => {
    const id = f.assignment['2:A:responsible'] as string;
    const base = `/api/v1/assignments/${id}/reports/2022-05`;
    const first = await f.w.api.put(
      base,
      { version: 0, ...reportBody({ summary: '第一版' }) },
      cookies.aStaff,
    );
    expect(first.status).toBe(200);
    const second = await f.w.api.put(
      base,
      { version: 1, ...reportBody({ summary: '第二版' }) },
      cookies.aStaff,
    );
    expect(second.body.report.version).toBe(2);
    const stale = await f.w.api.put(
      base,
      { version: 1, ...reportBody({ summary: '过期的一版' }) },
      cookies.aLeader,
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const now = await f.w.api.get(`/api/v1/reports/${first.body.report.id}`, cookies.aStaff);
    expect(now.body.report).toMatchObject({ summary: '第二版', version: 2 });
    const dup = await f.w.api.put(base, { version: 0, ...reportBody() }, cookies.aStaff);
    expect(dup.status).toBe(409);
  });

  it('creates one report for a retried submit, and one for two racing submits', async () => {
    const id = f.assignment['2:A:responsible'] as string;
    const base = `/api/v1/assignments/${id}/reports/2022-04`;
    const rid = requestId();
    const body = { version: 0, requestId: rid, ...reportBody() };
    const [x, y] = await Promise.all([
      f.w.api.post(`${base}/submit`, body, cookies.aStaff),
      f.w.api.post(`${base}/submit`, body, cookies.aStaff),
    ]);
    expect([x.status, y.status]).toEqual([200, 200]);
    const retry = await f.w.api.post(`${base}/submit`, body, cookies.aStaff);
    expect(retry.status).toBe(200);
    expect(retry.body.report.id).toBe(x.body.report.id);
    const rows = await f.w.ctx.db.kysely
      .selectFrom('progress_reports')
      .selectAll()
      .where('assignment_id', '=', id)
      .where('period', '=', '2022-04')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.version).toBe(1);
    const submits = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'report.submit')
      .where('object_id', '=', x.body.report.id)
      .execute();
    expect(submits).toHaveLength(1);
    const other = await f.w.api.post(`${base}/submit`, { ...body, requestId: requestId() }, cookies.aStaff);
    expect(other.status).toBe(409);
  });

  it('rejects unknown fields, foreign targets, future milestones and periods not owed', async () => {
    const id = f.assignment['2:A:responsible'] as string;
    const sneaky = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/2022-03`,
      { version: 0, ...reportBody(), state: 'accepted', unitId: f.B.id },
      cookies.aStaff,
    );
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.error.message).toMatch(/不允许的字段/);
    const foreign = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/2022-03`,
      { version: 0, ...reportBody({ targetValues: [{ targetId: 'nope', value: 1 }] }) },
      cookies.aStaff,
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toMatch(/targetValues\[0\]/);
    const form2 = await form(id, cookies.aStaff as string);
    const milestoneId = form2.body.assignment.milestones[0].id;
    const future = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/2022-03`,
      { version: 0, ...reportBody({ milestonesReached: [{ milestoneId, reachedOn: '2022-07-01' }] }) },
      cookies.aStaff,
    );
    expect(future.status).toBe(422);
    const ahead = await f.w.api.put(
      `/api/v1/assignments/${id}/reports/2022-09`,
      { version: 0, ...reportBody() },
      cookies.aStaff,
    );
    expect(ahead.status).toBe(422);
    expect(ahead.body.error.message).toMatch(/2022-09/);
  });
});
