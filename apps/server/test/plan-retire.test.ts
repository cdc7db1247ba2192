/**
 * The end of a plan's life (issue 12 item 17): the office archives a published plan (frozen, still
 * readable) or withdraws it (archived and out of the units' lists), each with a reason that the audit
 * trail keeps. Units cannot do either.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueNotice, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
beforeEach(async () => {
  f = await supervisionFixture();
  c.sup = await f.login(f.supervisor);
  c.bStaff = await f.login(f.B.staff);
});
afterEach(() => f.w.close());

async function lastAudit(action: string) {
  return f.w.ctx.db.kysely
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
}

describe('archiving and withdrawing a published plan', () => {
  it('archives with a reason: the plan is frozen, still listed for units, and the reason is audited', async () => {
    const res = await f.w.api.post(`/api/v1/plans/${f.planId}/archive`, { reason: '年度工作结束' }, c.sup);
    expect(res.status).toBe(200);
    expect(res.body.plan).toMatchObject({
      status: 'archived',
      archiveReason: '年度工作结束',
      withdrawnAt: null,
    });
    expect(res.body.plan.archivedAt).toEqual(expect.any(String));
    const rec = await lastAudit('plan.archive');
    expect(JSON.parse(String(rec?.detail))).toMatchObject({ reason: '年度工作结束' });
    const unitList = await f.w.api.get('/api/v1/plans', c.bStaff);
    expect(unitList.body.plans.map((p: { id: string }) => p.id)).toContain(f.planId);
    const notice = await issueNotice(f, c.sup);
    expect(notice.status).toBe(409);
  });

  it('withdraws only with a reason, then the plan is the office’s alone', async () => {
    const noReason = await f.w.api.post(`/api/v1/plans/${f.planId}/withdraw`, {}, c.sup);
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const res = await f.w.api.post(
      `/api/v1/plans/${f.planId}/withdraw`,
      { reason: '误发布，以新版本为准' },
      c.sup,
    );
    expect(res.status).toBe(200);
    expect(res.body.plan).toMatchObject({ status: 'archived', archiveReason: '误发布，以新版本为准' });
    expect(res.body.plan.withdrawnAt).toEqual(expect.any(String));
    expect(await lastAudit('plan.withdraw')).toBeTruthy();

    const unitList = await f.w.api.get('/api/v1/plans', c.bStaff);
    expect(unitList.body.plans.map((p: { id: string }) => p.id)).not.toContain(f.planId);
    expect((await f.w.api.get(`/api/v1/plans/${f.planId}`, c.bStaff)).status).toBe(404);
    expect((await f.w.api.get(`/api/v1/plans/${f.planId}/status`, c.bStaff)).status).toBe(404);
    const mine = await f.w.api.get('/api/v1/me/assignments', c.bStaff);
    expect(JSON.stringify(mine.body)).not.toContain(f.planId);
    const office = await f.w.api.get('/api/v1/plans', c.sup);
    expect(office.body.plans.map((p: { id: string }) => p.id)).toContain(f.planId);
    // Withdrawing twice changes nothing and writes no second record.
    const again = await f.w.api.post(`/api/v1/plans/${f.planId}/withdraw`, { reason: '再次撤回' }, c.sup);
    expect(again.status).toBe(200);
    expect(again.body.plan.archiveReason).toBe('误发布，以新版本为准');
  });

  it('is the office’s decision: a unit gets 403 for either', async () => {
    const unit = await f.w.api.post(`/api/v1/plans/${f.planId}/withdraw`, { reason: '不想做了' }, c.bStaff);
    expect(unit.status).toBe(403);
    const archived = await f.w.api.post(`/api/v1/plans/${f.planId}/archive`, { reason: '结束' }, c.bStaff);
    expect(archived.status).toBe(403);
  });
});
