/**
 * Four eyes at a unit's sign-off (issue 13 item 2): whoever wrote a report does not sign it off — a
 * unit leader who drafted it, or an account holding both unit roles. A one-person unit is an explicit
 * setting of the office (sole signer, with a reason), audited; not a loophole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from './helpers/context.ts';
import { reportBody, requestId, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let both: TestUser;
beforeAll(async () => {
  f = await supervisionFixture();
  both = await makeUser(f.w.ctx, { unitId: f.B.id, roles: ['unit_staff', 'unit_leader'] });
});
afterAll(() => f.w.close());

async function submitAs(cookie: string, assignmentId: string, period: string) {
  const base = `/api/v1/assignments/${assignmentId}/reports/${period}`;
  const sent = await f.w.api.post(
    `${base}/submit`,
    { version: 0, requestId: requestId(), ...reportBody() },
    cookie,
  );
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return sent.body.report as { id: string; version: number };
}

const signoff = (cookie: string, r: { id: string; version: number }) =>
  f.w.api.post(`/api/v1/reports/${r.id}/signoff`, { version: r.version, decision: 'approve' }, cookie);

describe('sign-off', () => {
  it('is refused to the unit leader who wrote the report, and to an account with both unit roles', async () => {
    const leader = await f.login(f.B.leader);
    const own = await submitAs(leader, f.assignment['1:B:responsible'] as string, '2022-05');
    const refused = await signoff(leader, own);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/另一位领导/);
    const form = await f.w.api.get(`/api/v1/reports/${own.id}`, leader);
    expect(form.body.actions.signoff).toBe(false);

    const bothCookie = await f.login(both);
    const mixed = await submitAs(bothCookie, f.assignment['1:B:responsible'] as string, '2022-04');
    expect((await signoff(bothCookie, mixed)).status).toBe(403);
    // Another leader of the unit signs both.
    expect((await signoff(bothCookie, own)).status).toBe(200);
    expect((await signoff(leader, mixed)).status).toBe(200);
  });

  it('is allowed to the leader of a sole-signer unit, a setting only the office makes, audited', async () => {
    const leaderC = await f.login(f.C.leader);
    const report = await submitAs(leaderC, f.assignment['1:C:assisting'] as string, '2022-05');
    expect((await signoff(leaderC, report)).status).toBe(403);

    const url = `/api/v1/units/${f.C.id}/sole-signer`;
    const body = { soleSigner: true, reason: '该单位仅一人负责填报' };
    expect((await f.w.api.put(url, body, leaderC)).status).toBe(403);
    const sup = await f.login(f.supervisor);
    expect((await f.w.api.put(url, { soleSigner: true, reason: '' }, sup)).status).toBe(400);
    const set = await f.w.api.put(url, body, sup);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ soleSigner: true, reason: body.reason });
    const audited = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'object_id'])
      .where('action', '=', 'unit.sole_signer')
      .execute();
    expect(audited).toEqual([{ action: 'unit.sole_signer', object_id: f.C.id }]);

    expect((await signoff(leaderC, report)).status).toBe(200);
  });
});
