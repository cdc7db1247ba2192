/**
 * Own-unit sign-off of requests (issue 12 item 15): with the plan's setting on, a 督办单 reply, an
 * extension request and a closure request leave the unit only once another of its leaders signs them
 * off; returned, they go back to their writer with the reason. Off (the default), nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closureEvidence,
  issueNotice,
  type SupervisionFixture,
  supervisionFixture,
} from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
beforeAll(async () => {
  f = await supervisionFixture();
  for (const [k, u] of Object.entries({
    aLeader: f.A.leader,
    bStaff: f.B.staff,
    bLeader: f.B.leader,
    sup: f.supervisor,
  }))
    c[k] = await f.login(u);
});
afterAll(() => f.w.close());
const api = () => f.w.api;

async function setSignoff(on: boolean) {
  const url = `/api/v1/plans/${f.planId}/reporting-settings`;
  const current = (await api().get(url, c.sup)).body;
  const put = await api().put(
    url,
    {
      version: current.version,
      cycle: current.cycle,
      dueDay: current.dueDay,
      start: current.start,
      reminderDays: current.reminderDays,
      requestSignoff: on,
    },
    c.sup,
  );
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  expect(put.body.requestSignoff).toBe(on);
}

const queue = async (cookie: string) => (await api().get('/api/v1/signoff/requests', cookie)).body;
const inbox = async (cookie: string): Promise<{ kind: string; title: string }[]> =>
  (await api().get('/api/v1/notifications?pageSize=200', cookie)).body.notifications;

describe('own-unit sign-off of requests', () => {
  it('is off by default: an extension request goes straight to the lead unit', async () => {
    const settings = await api().get(`/api/v1/plans/${f.planId}/reporting-settings`, c.bStaff);
    expect(settings.body.requestSignoff).toBe(false);
    const x = await api().post(
      `/api/v1/assignments/${f.assignment['1:B:responsible']}/extensions`,
      { milestoneId: null, requestedDue: '2023-01-31', reason: '设备到货推迟' },
      c.bStaff,
    );
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    expect(x.body.extension).toMatchObject({ state: 'pending_lead', signoff: null });
    // Refused, so the next test's request is the only one pending.
    await api().post(
      `/api/v1/extensions/${x.body.extension.id}/decision`,
      { version: 1, decision: 'refuse', comment: '理由不足' },
      c.aLeader,
    );
  });

  it('holds an extension request in the unit until its leader signs it off', async () => {
    await setSignoff(true);
    const made = await api().post(
      `/api/v1/assignments/${f.assignment['1:B:responsible']}/extensions`,
      { milestoneId: null, requestedDue: '2023-02-28', reason: '施工季节受限' },
      c.bStaff,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const x = made.body.extension;
    expect(x).toMatchObject({
      state: 'pending_lead',
      signoff: { state: 'pending' },
      actions: { decide: false },
    });

    // Outside the unit it does not exist yet: the lead unit neither lists nor decides it.
    const awaiting = (await api().get('/api/v1/extensions?awaitingMe=true', c.aLeader)).body.extensions;
    expect(awaiting.map((e: { id: string }) => e.id)).not.toContain(x.id);
    expect((await api().get(`/api/v1/extensions/${x.id}`, c.aLeader)).status).toBe(404);
    expect((await api().get(`/api/v1/extensions/${x.id}`, c.sup)).status).toBe(404);
    const early = await api().post(
      `/api/v1/extensions/${x.id}/decision`,
      { version: x.version, decision: 'approve' },
      c.aLeader,
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/尚待申请单位领导签发/);

    // The unit's leader has it in the queue and was told.
    expect(
      (await inbox(c.bLeader)).some((n: { kind: string }) => n.kind === 'extension.pending_signoff'),
    ).toBe(true);
    const q = await queue(c.bLeader);
    expect(q.items).toEqual([
      expect.objectContaining({
        kind: 'extension',
        id: x.id,
        measures: ['1.1'],
        unitName: f.B.name,
        canSignOff: true,
      }),
    ]);
    expect(q.total).toBe(1);
    expect((await api().get('/api/v1/signoff/requests', c.bStaff)).status).toBe(403);

    // A return needs its reason; an approval sends it on to the lead unit.
    const bare = await api().post(
      `/api/v1/extensions/${x.id}/signoff`,
      { version: x.version, decision: 'reject' },
      c.bLeader,
    );
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toMatch(/comment/);
    const signed = await api().post(
      `/api/v1/extensions/${x.id}/signoff`,
      { version: x.version, decision: 'approve' },
      c.bLeader,
    );
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.extension).toMatchObject({
      state: 'pending_lead',
      signoff: { state: 'approved', by: expect.any(String) },
    });
    const again = await api().post(
      `/api/v1/extensions/${x.id}/signoff`,
      { version: signed.body.extension.version, decision: 'approve' },
      c.bLeader,
    );
    expect(again.status).toBe(409);
    const now = (await api().get('/api/v1/extensions?awaitingMe=true', c.aLeader)).body.extensions;
    expect(now.map((e: { id: string }) => e.id)).toContain(x.id);
    expect((await inbox(c.aLeader)).some((n: { title: string }) => n.title.includes('延期申请'))).toBe(true);
    const decided = await api().post(
      `/api/v1/extensions/${x.id}/decision`,
      { version: signed.body.extension.version, decision: 'approve' },
      c.aLeader,
    );
    expect(decided.body.extension.state).toBe('pending_supervisor');
    const audit = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', x.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'extension.request',
      'extension.signoff',
      'extension.lead_approve',
    ]);
  });

  it('is never signed off by the leader who wrote it (four eyes)', async () => {
    const made = await api().post(
      `/api/v1/assignments/${f.assignment['2:B:lead']}/extensions`,
      { milestoneId: null, requestedDue: '2023-03-31', reason: '资金未到位' },
      c.bLeader,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const x = made.body.extension;
    const mine = (await queue(c.bLeader)).items.find((i: { id: string }) => i.id === x.id);
    expect(mine.canSignOff).toBe(false);
    const refused = await api().post(
      `/api/v1/extensions/${x.id}/signoff`,
      { version: x.version, decision: 'approve' },
      c.bLeader,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/另一位领导/);
    // Staff do not sign off at all, not even to return it.
    const other = await f.login(f.B.staff);
    expect(
      (
        await api().post(
          `/api/v1/extensions/${x.id}/signoff`,
          { version: x.version, decision: 'reject', comment: '不必' },
          other,
        )
      ).status,
    ).toBe(403);
  });

  it('returns a closure request to its draft with the reason, and sends it on once signed', async () => {
    const id = f.assignment['1:B:responsible'] as string;
    const created = await api().post(`/api/v1/assignments/${id}/closure`, { summary: '已完成' }, c.bStaff);
    const cid = created.body.closure.id;
    await closureEvidence(f, cid, c.bStaff);
    const sent = await api().post(`/api/v1/closures/${cid}/submit`, { version: 1 }, c.bStaff);
    expect(sent.body.closure).toMatchObject({ state: 'pending_lead', signoff: { state: 'pending' } });
    const returned = await api().post(
      `/api/v1/closures/${cid}/signoff`,
      { version: 2, decision: 'reject', comment: '佐证不全，补验收单' },
      c.bLeader,
    );
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.closure).toMatchObject({
      state: 'draft',
      submittedAt: null,
      signoff: { state: 'returned', comment: '佐证不全，补验收单' },
      actions: { submit: true, uploadEvidence: true },
    });
    const told = (await inbox(c.bStaff)).find((n: { kind: string }) => n.kind === 'closure.signoff_returned');
    expect(told).toBeDefined();
    expect((await api().get(`/api/v1/closures/${cid}`, c.aLeader)).status).toBe(404);

    const resent = await api().post(`/api/v1/closures/${cid}/submit`, { version: 3 }, c.bStaff);
    expect(resent.body.closure).toMatchObject({ state: 'pending_lead', signoff: { state: 'pending' } });
    const signed = await api().post(
      `/api/v1/closures/${cid}/signoff`,
      { version: 4, decision: 'approve' },
      c.bLeader,
    );
    expect(signed.body.closure.signoff.state).toBe('approved');
    const lead = await api().get(`/api/v1/closures/${cid}`, c.aLeader);
    expect(lead.body.closure.actions.decide).toBe(true);
  });

  it('holds a 督办单 reply: the office sees it once signed off; a returned reply stays in the unit', async () => {
    const issued = await issueNotice(f, c.sup, { measureIds: [f.measure[2]], reason: '进度滞后' });
    const n = issued.body.notice;
    const replied = await api().post(
      `/api/v1/notices/${n.id}/reply`,
      { version: 1, text: '第一稿' },
      c.bStaff,
    );
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body.notice.state).toBe('issued');
    expect(replied.body.replies[0].signoff).toMatchObject({ state: 'pending' });
    expect(replied.body.actions.reply).toBe(false);
    const twice = await api().post(`/api/v1/notices/${n.id}/reply`, { version: 2, text: '又一稿' }, c.bStaff);
    expect(twice.status).toBe(409);
    const office = await api().get(`/api/v1/notices/${n.id}`, c.sup);
    expect(office.body.replies).toEqual([]);
    expect(
      (await api().post(`/api/v1/notices/${n.id}/decision`, { version: 2, decision: 'accept' }, c.sup))
        .status,
    ).toBe(409);
    const q = await queue(c.bLeader);
    expect(q.items.find((i: { id: string }) => i.id === n.id)).toMatchObject({
      kind: 'notice',
      measures: ['2.1'],
      text: '第一稿',
      canSignOff: true,
    });

    const back = await api().post(
      `/api/v1/notices/${n.id}/signoff`,
      { version: 2, decision: 'reject', comment: '补充整改时限' },
      c.bLeader,
    );
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.notice.state).toBe('issued');
    expect(back.body.replies[0].signoff).toMatchObject({ state: 'returned', comment: '补充整改时限' });
    expect(back.body.actions.reply).toBe(true);
    expect((await api().get(`/api/v1/notices/${n.id}`, c.sup)).body.replies).toEqual([]);

    const second = await api().post(
      `/api/v1/notices/${n.id}/reply`,
      { version: 3, text: '第二稿：6月25日前完成' },
      c.bStaff,
    );
    expect(second.status).toBe(200);
    const ok = await api().post(
      `/api/v1/notices/${n.id}/signoff`,
      { version: 4, decision: 'approve' },
      c.bLeader,
    );
    expect(ok.body.notice.state).toBe('replied');
    const seen = await api().get(`/api/v1/notices/${n.id}`, c.sup);
    expect(seen.body.replies.map((r: { text: string }) => r.text)).toEqual(['第二稿：6月25日前完成']);
    expect(seen.body.actions.decide).toBe(true);
    expect((await inbox(c.sup)).some((m: { kind: string }) => m.kind === 'notice.replied')).toBe(true);
    expect((await queue(c.bLeader)).items.find((i: { id: string }) => i.id === n.id)).toBeUndefined();
  });

  it('is set by the office only, audited, and held requests stay held when it is turned off', async () => {
    const url = `/api/v1/plans/${f.planId}/reporting-settings`;
    const current = (await api().get(url, c.bLeader)).body;
    const body = {
      version: current.version,
      cycle: current.cycle,
      dueDay: current.dueDay,
      start: current.start,
      reminderDays: current.reminderDays,
      requestSignoff: false,
    };
    expect((await api().put(url, body, c.bLeader)).status).toBe(403);
    const before = (await queue(c.bLeader)).total;
    expect(before).toBeGreaterThan(0);
    await setSignoff(false);
    expect((await queue(c.bLeader)).total).toBe(before);
    const audited = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'reporting.settings')
      .where('object_id', '=', f.planId)
      .execute();
    expect(audited.map((r) => JSON.parse(r.after ?? '{}').requestSignoff)).toEqual([true, false]);
  });
});
