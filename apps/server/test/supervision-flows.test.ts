/** Notices (督办单), extensions (延期), closures (销号), the board and the notification centre. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobs } from '../src/modules/jobs/run-jobs.ts';
import { csvCell } from '../src/modules/status/export.ts';
import { multipart, PDF } from './helpers/files.ts';
import {
  closureEvidence,
  issueNotice,
  reportBody,
  type SupervisionFixture,
  supervisionFixture,
} from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
/** Sessions end after 30 idle minutes: log everyone in again after the clock moves. */
async function relogin() {
  for (const [k, u] of Object.entries({
    aStaff: f.A.staff,
    aLeader: f.A.leader,
    bStaff: f.B.staff,
    bLeader: f.B.leader,
    cStaff: f.C.staff,
    sup: f.supervisor,
  }))
    c[k] = await f.login(u);
}
beforeAll(async () => {
  f = await supervisionFixture();
  await relogin();
});
afterAll(() => f.w.close());

const api = () => f.w.api;

describe('supervision notices', () => {
  it('go from the office to one unit, are answered with evidence, sent back, answered again and accepted', async () => {
    const issued = await issueNotice(f, c.sup, { reason: '进度滞后，请说明', replyDue: '2022-06-20' });
    expect(issued.status).toBe(200);
    const n = issued.body.notice;
    expect(n).toMatchObject({ state: 'issued', level: 'yellow', unitName: f.B.name, overdue: false });
    expect(n.measures.map((m: { task: number }) => m.task)).toEqual([1]);
    // B sees it and is told; A does not see it.
    expect(
      (await api().get('/api/v1/notices', c.bStaff)).body.notices.map((x: { id: string }) => x.id),
    ).toContain(n.id);
    expect((await api().get('/api/v1/notices', c.aStaff)).body.notices).toEqual([]);
    expect((await api().get(`/api/v1/notices/${n.id}`, c.aStaff)).status).toBe(404);
    const bell = await api().get('/api/v1/notifications', c.bStaff);
    expect(
      bell.body.notifications.some(
        (x: { kind: string; objectId: string }) => x.kind === 'notice.issued' && x.objectId === n.id,
      ),
    ).toBe(true);

    const up = await api().request({
      method: 'POST',
      url: `/api/v1/notices/${n.id}/evidence`,
      cookie: c.bStaff,
      ...multipart('整改.pdf', PDF),
    });
    expect(up.status).toBe(200);
    const replied = await api().post(
      `/api/v1/notices/${n.id}/reply`,
      { version: 1, text: '已制定方案' },
      c.bStaff,
    );
    expect(replied.body.notice.state).toBe('replied');
    expect(replied.body.replies[0].evidence.map((e: { id: string }) => e.id)).toEqual([
      up.body.attachment.id,
    ]);
    expect(replied.body.pendingEvidence).toEqual([]);
    expect(
      (await api().post(`/api/v1/notices/${n.id}/reply`, { version: 2, text: '再答' }, c.bStaff)).status,
    ).toBe(409);

    expect(
      (await api().post(`/api/v1/notices/${n.id}/decision`, { version: 2, decision: 'send_back' }, c.sup))
        .status,
    ).toBe(400);
    const back = await api().post(
      `/api/v1/notices/${n.id}/decision`,
      { version: 2, decision: 'send_back', comment: '缺少时间表' },
      c.sup,
    );
    expect(back.body.notice.state).toBe('sent_back');
    await api().post(`/api/v1/notices/${n.id}/reply`, { version: 3, text: '补充时间表' }, c.bStaff);
    const done = await api().post(
      `/api/v1/notices/${n.id}/decision`,
      { version: 4, decision: 'accept' },
      c.sup,
    );
    expect(done.body.notice).toMatchObject({ state: 'accepted' });
    expect(done.body.replies.map((r: { decision: string }) => r.decision)).toEqual(['sent_back', 'accepted']);
    const actions = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', n.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'notice.issue',
      'notice.reply',
      'notice.send_back',
      'notice.reply',
      'notice.accept',
    ]);
  });

  it('refuses a notice about a measure the unit has no part in', async () => {
    const res = await issueNotice(f, c.sup, {
      unitId: f.C.id,
      measureIds: [f.measure[2]],
      reason: '说明',
      level: 'red',
    });
    expect(res.status).toBe(422);
  });

  it('escalate from yellow to red when not answered by their reply date, once, audited', async () => {
    const issued = await issueNotice(f, c.sup, {
      unitId: f.A.id,
      measureIds: [f.measure[1], f.measure[2]],
      replyDue: '2022-06-11',
    });
    const id = issued.body.notice.id;
    f.w.clock.set('2022-06-11T02:00:00.000Z');
    await runJobs(f.w.ctx, { holder: 't' });
    expect(
      (
        await f.w.ctx.db.kysely
          .selectFrom('supervision_notices')
          .select('level')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).level,
    ).toBe('yellow');
    f.w.clock.set('2022-06-12T02:00:00.000Z');
    expect((await runJobs(f.w.ctx, { holder: 't' })).noticesEscalated).toBe(1);
    expect((await runJobs(f.w.ctx, { holder: 't' })).noticesEscalated).toBe(0);
    await relogin();
    const n = (await api().get(`/api/v1/notices/${id}`, c.aStaff)).body.notice;
    expect(n).toMatchObject({ level: 'red', initialLevel: 'yellow', overdue: true });
    expect(n.escalatedAt).not.toBeNull();
    const audit = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'notice.escalate')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.username).toBe('system');
    const overdue = await api().get('/api/v1/notices?overdue=true', c.sup);
    expect(overdue.body.notices.map((x: { id: string }) => x.id)).toEqual([id]);
  });
});

describe('extension requests', () => {
  it('go through the lead unit and the office; the approved date drives the lights, the original stays', async () => {
    const id = f.assignment['1:B:responsible'] as string;
    const form = (await api().get(`/api/v1/assignments/${id}/report-form`, c.bStaff)).body;
    const milestone = form.assignment.milestones[0];
    expect(
      (
        await api().post(
          `/api/v1/assignments/${id}/extensions`,
          { milestoneId: milestone.id, requestedDue: '2022-06-30', reason: 'x' },
          c.bStaff,
        )
      ).status,
    ).toBe(422);
    const req = await api().post(
      `/api/v1/assignments/${id}/extensions`,
      { milestoneId: milestone.id, requestedDue: '2022-08-31', reason: '招标延迟' },
      c.bStaff,
    );
    expect(req.status).toBe(200);
    const x = req.body.extension;
    expect(x).toMatchObject({
      state: 'pending_lead',
      originalDue: '2022-06-30',
      requestedDue: '2022-08-31',
      subject: '节点“6月底前”',
    });
    // Only the lead unit's leader decides the first step; not its staff, not the requester, not the office yet.
    expect(
      (
        await api().post(
          `/api/v1/extensions/${x.id}/decision`,
          { version: 1, decision: 'approve' },
          c.bLeader,
        )
      ).status,
    ).toBe(403);
    expect(
      (await api().post(`/api/v1/extensions/${x.id}/decision`, { version: 1, decision: 'approve' }, c.sup))
        .status,
    ).toBe(403);
    expect(
      (await api().get('/api/v1/extensions?awaitingMe=true', c.aLeader)).body.extensions.map(
        (e: { id: string }) => e.id,
      ),
    ).toEqual([x.id]);
    const lead = await api().post(
      `/api/v1/extensions/${x.id}/decision`,
      { version: 1, decision: 'approve', comment: '同意' },
      c.aLeader,
    );
    expect(lead.body.extension.state).toBe('pending_supervisor');
    const final = await api().post(
      `/api/v1/extensions/${x.id}/decision`,
      { version: 2, decision: 'approve' },
      c.sup,
    );
    expect(final.body.extension).toMatchObject({ state: 'approved', originalDue: '2022-06-30' });

    f.w.clock.set('2022-07-02T02:00:00.000Z');
    await relogin();
    const mine = (await api().get(`/api/v1/assignments/${id}/status`, c.bStaff)).body.status;
    expect(mine.reasons.map((r: { code: string }) => r.code)).not.toContain('MILESTONE_OVERDUE');
    const lead2 = (await api().get(`/api/v1/assignments/${f.assignment['1:A:lead']}/status`, c.aStaff)).body
      .status;
    expect(lead2.reasons.map((r: { code: string }) => r.code)).toContain('MILESTONE_OVERDUE');
    const brief = (await api().get(`/api/v1/assignments/${id}/report-form`, c.bStaff)).body.assignment;
    expect(brief.extensions).toEqual([
      { milestoneId: milestone.id, originalDue: '2022-06-30', due: '2022-08-31' },
    ]);
    expect(brief.milestones[0].due).toBe('2022-06-30');
  });

  it("a lead unit's own request goes straight to the office, and a refusal needs a reason", async () => {
    const res = await api().post(
      `/api/v1/assignments/${f.assignment['1:A:lead']}/extensions`,
      { milestoneId: null, requestedDue: '2023-03-31', reason: '跨年施工' },
      c.aStaff,
    );
    expect(res.body.extension).toMatchObject({ state: 'pending_supervisor', originalDue: '2022-12-31' });
    expect(
      (
        await api().post(
          `/api/v1/extensions/${res.body.extension.id}/decision`,
          { version: 1, decision: 'refuse' },
          c.sup,
        )
      ).status,
    ).toBe(400);
    const refused = await api().post(
      `/api/v1/extensions/${res.body.extension.id}/decision`,
      { version: 1, decision: 'refuse', comment: '不符合条件' },
      c.sup,
    );
    expect(refused.body.extension.state).toBe('refused');
  });
});

describe('closure', () => {
  it("needs evidence, the lead unit's confirmation and the office; then the assignment is locked and done", async () => {
    const id = f.assignment['2:A:responsible'] as string;
    const created = await api().post(
      `/api/v1/assignments/${id}/closure`,
      { summary: '已全部完成' },
      c.aStaff,
    );
    expect(created.body.closure).toMatchObject({
      state: 'draft',
      actions: { submit: true, uploadEvidence: true },
    });
    const cid = created.body.closure.id;
    // The report page offers the way back to the draft instead of a second request.
    const draftForm = (await api().get(`/api/v1/assignments/${id}/report-form`, c.aStaff)).body;
    expect(draftForm.actions.requestClosure).toBe(false);
    expect(draftForm.openClosure).toEqual({ id: cid, state: 'draft' });
    expect(
      (await api().post(`/api/v1/assignments/${id}/closure`, { summary: '再来一份' }, c.aStaff)).status,
    ).toBe(409);
    const bare = await api().post(`/api/v1/closures/${cid}/submit`, { version: 1 }, c.aStaff);
    expect(bare.status).toBe(422);
    await closureEvidence(f, cid, c.aStaff);
    const sent = await api().post(`/api/v1/closures/${cid}/submit`, { version: 1 }, c.aStaff);
    expect(sent.body.closure.state).toBe('pending_lead');
    expect(
      (await api().post(`/api/v1/closures/${cid}/decision`, { version: 2, decision: 'approve' }, c.sup))
        .status,
    ).toBe(403);
    const confirmed = await api().post(
      `/api/v1/closures/${cid}/decision`,
      { version: 2, decision: 'approve' },
      c.bLeader,
    );
    expect(confirmed.body.closure.state).toBe('pending_supervisor');
    const closed = await api().post(
      `/api/v1/closures/${cid}/decision`,
      { version: 3, decision: 'approve' },
      c.sup,
    );
    expect(closed.body.closure).toMatchObject({ state: 'closed', closedOn: '2022-07-02' });

    const status = (await api().get(`/api/v1/assignments/${id}/status`, c.aStaff)).body.status;
    expect(status).toMatchObject({ light: 'done', progress: 1, closedOn: '2022-07-02' });
    const save = await api().put(
      `/api/v1/assignments/${id}/reports/2022-07`,
      { version: 0, ...reportBody() },
      c.aStaff,
    );
    expect(save.status).toBe(409);
    expect(save.body.error.code).toBe('ASSIGNMENT_CLOSED');
    expect(
      (
        await api().post(
          `/api/v1/assignments/${id}/extensions`,
          { milestoneId: null, requestedDue: '2023-01-31', reason: 'x' },
          c.aStaff,
        )
      ).status,
    ).toBe(409);
    const form = (await api().get(`/api/v1/assignments/${id}/report-form`, c.aStaff)).body;
    expect(form.actions).toMatchObject({
      save: false,
      submit: false,
      requestClosure: false,
      requestExtension: false,
    });
    const board = await api().get(`/api/v1/board?planId=${f.planId}&light=done`, c.sup);
    expect(board.body.rows.map((r: { assignmentId: string }) => r.assignmentId)).toEqual([id]);
  });
});

describe('the board', () => {
  it('lists yellow and red items, filters, sorts from an allowlist, pages, and exports', async () => {
    const all = await api().get(`/api/v1/board?planId=${f.planId}`, c.sup);
    expect(all.status).toBe(200);
    expect(all.body.rows.every((r: { light: string }) => r.light === 'yellow' || r.light === 'red')).toBe(
      true,
    );
    expect(all.body.total).toBe(all.body.counts.yellow + all.body.counts.red);
    expect(all.body.rows.find((r: { unitId: string }) => r.unitId === f.B.id)?.openNotice).toBeNull();
    const notice = all.body.rows.find(
      (r: { unitId: string; task: number }) => r.unitId === f.A.id && r.task === 1,
    );
    expect(notice.openNotice).toMatchObject({ level: 'red' });
    const red = await api().get(
      `/api/v1/board?planId=${f.planId}&light=red&sort=unit&order=desc&pageSize=1&page=1`,
      c.sup,
    );
    expect(red.body.rows).toHaveLength(1);
    expect(red.body.total).toBe(all.body.counts.red);
    const byReason = await api().get(`/api/v1/board?planId=${f.planId}&reason=MILESTONE_OVERDUE`, c.sup);
    expect(
      byReason.body.rows.every((r: { reasons: { code: string }[] }) =>
        r.reasons.some((x) => x.code === 'MILESTONE_OVERDUE'),
      ),
    ).toBe(true);
    expect((await api().get(`/api/v1/board?sort=password`, c.sup)).status).toBe(400);
    expect((await api().get(`/api/v1/board?planId=${f.planId}&unitId=x&drop=1`, c.sup)).status).toBe(400);
    const csv = await api().get(`/api/v1/board/export?planId=${f.planId}`, c.sup);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/text\/csv/);
    expect(String(csv.body).startsWith('\uFEFF"序号"')).toBe(true);
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1')).toBe('"\'-1"');
  });
});

describe('the notification centre', () => {
  it("counts unread messages and marks one's own read, ignoring others' ids", async () => {
    const mine = await api().get('/api/v1/notifications', c.bStaff);
    expect(mine.body.unread).toBeGreaterThan(0);
    const theirs = await api().get('/api/v1/notifications', c.aStaff);
    const foreign = theirs.body.notifications[0].id;
    const marked = await api().post(
      '/api/v1/notifications/read',
      { ids: [mine.body.notifications[0].id, foreign] },
      c.bStaff,
    );
    expect(marked.body.marked).toBe(1);
    expect((await api().get('/api/v1/notifications/unread-count', c.aStaff)).body.unread).toBe(
      theirs.body.unread,
    );
    await api().post('/api/v1/notifications/read', { all: true }, c.bStaff);
    expect((await api().get('/api/v1/notifications/unread-count', c.bStaff)).body.unread).toBe(0);
    expect((await api().get('/api/v1/notifications?unreadOnly=true', c.bStaff)).body.notifications).toEqual(
      [],
    );
    const settings = await api().put(
      '/api/v1/me/notification-settings',
      { email: 'b@example.gov.cn', emailEnabled: true },
      c.bStaff,
    );
    expect(settings.body).toEqual({
      email: 'b@example.gov.cn',
      emailEnabled: true,
      smtpConfigured: false,
      digestEnabled: true,
      digestHour: 8,
    });
    expect(
      (
        await api().put(
          '/api/v1/me/notification-settings',
          { email: 'not-an-email', emailEnabled: true },
          c.bStaff,
        )
      ).status,
    ).toBe(400);
  });
});
