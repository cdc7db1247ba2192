/**
 * Unit against unit, for every resource of issue 5: reports, evidence, status, notices, extensions,
 * closures, notifications. 甲 (A) leads measure 1 (乙 B responsible, 丙 C assisting) and is responsible
 * on measure 2, which 乙 leads. Swapping an id in a URL never reaches another unit's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF } from './helpers/files.ts';
import {
  issueNotice,
  reportBody,
  requestId,
  type SupervisionFixture,
  supervisionFixture,
} from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
const ids: Record<string, string> = {};
beforeAll(async () => {
  f = await supervisionFixture();
  for (const [k, u] of Object.entries({
    aStaff: f.A.staff,
    aLeader: f.A.leader,
    bStaff: f.B.staff,
    bLeader: f.B.leader,
    bViewer: f.B.viewer,
    cStaff: f.C.staff,
    cLeader: f.C.leader,
    sup: f.supervisor,
  }))
    c[k] = await f.login(u);
  const api = f.w.api;
  // B's report on measure 1 (reviewed by A) with evidence; A's report on measure 2 (reviewed by B).
  const b = await api.put(
    `/api/v1/assignments/${f.assignment['1:B:responsible']}/reports/2022-06`,
    { version: 0, ...reportBody() },
    c.bStaff,
  );
  ids.bReport = b.body.report.id;
  ids.bEvidence = (
    await api.request({
      method: 'POST',
      url: `/api/v1/reports/${ids.bReport}/evidence`,
      cookie: c.bStaff,
      ...multipart('b.pdf', PDF),
    })
  ).body.attachment.id;
  const a = await api.post(
    `/api/v1/assignments/${f.assignment['2:A:responsible']}/reports/2022-06/submit`,
    { version: 0, requestId: requestId(), ...reportBody() },
    c.aStaff,
  );
  ids.aReport = a.body.report.id;
  ids.notice = (await issueNotice(f, c.sup, { reason: '说明' })).body.notice.id;
  ids.noticeEvidence = (
    await api.request({
      method: 'POST',
      url: `/api/v1/notices/${ids.notice}/evidence`,
      cookie: c.bStaff,
      ...multipart('n.pdf', PDF),
    })
  ).body.attachment.id;
  ids.extension = (
    await api.post(
      `/api/v1/assignments/${f.assignment['1:B:responsible']}/extensions`,
      { milestoneId: null, requestedDue: '2023-02-28', reason: '原因' },
      c.bStaff,
    )
  ).body.extension.id;
  ids.closure = (
    await api.post(
      `/api/v1/assignments/${f.assignment['1:C:assisting']}/closure`,
      { summary: '完成' },
      c.cStaff,
    )
  ).body.closure.id;
  ids.closureEvidence = (
    await api.request({
      method: 'POST',
      url: `/api/v1/closures/${ids.closure}/evidence`,
      cookie: c.cStaff,
      ...multipart('c.pdf', PDF),
    })
  ).body.attachment.id;
});
afterAll(() => f.w.close());

const get = (url: string, cookie?: string) => f.w.api.get(url, cookie);

describe('reports and their evidence', () => {
  it('are visible to the unit, its lead unit and the office — not to another unit on the same measure', async () => {
    for (const who of ['bStaff', 'bViewer', 'aStaff', 'sup'])
      expect((await get(`/api/v1/reports/${ids.bReport}`, c[who])).status, who).toBe(200);
    expect((await get(`/api/v1/reports/${ids.bReport}`, c.cStaff)).status).toBe(404);
    expect((await get(`/api/v1/evidence/${ids.bEvidence}`, c.cStaff)).status).toBe(404);
    expect((await get(`/api/v1/evidence/${ids.bEvidence}`, c.aStaff)).status).toBe(200);
    expect(
      (await get(`/api/v1/assignments/${f.assignment['1:B:responsible']}/report-form`, c.cStaff)).status,
    ).toBe(404);
    expect(
      (await get(`/api/v1/assignments/${f.assignment['1:B:responsible']}/reports`, c.cStaff)).status,
    ).toBe(404);
    // B does not lead measure 2's... it does: B sees A's report there; C sees nothing of measure 2.
    expect((await get(`/api/v1/reports/${ids.aReport}`, c.bStaff)).status).toBe(200);
    expect((await get(`/api/v1/reports/${ids.aReport}`, c.cStaff)).status).toBe(404);
  });

  it('cannot be written, signed off or reviewed by another unit, even a lead one or the office', async () => {
    const api = f.w.api;
    const bAssignment = f.assignment['1:B:responsible'];
    expect(
      (
        await api.put(
          `/api/v1/assignments/${bAssignment}/reports/2022-06`,
          { version: 1, ...reportBody({ summary: '篡改' }) },
          c.aStaff,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.put(
          `/api/v1/assignments/${bAssignment}/reports/2022-06`,
          { version: 1, ...reportBody({ summary: '篡改' }) },
          c.cStaff,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await api.post(
          `/api/v1/assignments/${bAssignment}/reports/2022-05/submit`,
          { version: 0, requestId: requestId(), ...reportBody() },
          c.aStaff,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/reports/${ids.bReport}/evidence`,
          cookie: c.aStaff,
          ...multipart('x.pdf', PDF),
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.request({ method: 'DELETE', url: `/api/v1/evidence/${ids.bEvidence}`, cookie: c.aStaff }))
        .status,
    ).toBe(403);
    expect(
      (await api.request({ method: 'DELETE', url: `/api/v1/evidence/${ids.bEvidence}`, cookie: c.cStaff }))
        .status,
    ).toBe(404);
    // A's report awaits A's leader: B's leader cannot sign it off; C's cannot see it.
    expect(
      (
        await api.post(
          `/api/v1/reports/${ids.aReport}/signoff`,
          { version: 1, decision: 'approve' },
          c.bLeader,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.post(
          `/api/v1/reports/${ids.aReport}/signoff`,
          { version: 1, decision: 'approve' },
          c.cLeader,
        )
      ).status,
    ).toBe(404);
    await api.post(`/api/v1/reports/${ids.aReport}/signoff`, { version: 1, decision: 'approve' }, c.aLeader);
    // Only B (the lead of measure 2) reviews it: not A itself, not the office.
    expect(
      (await api.post(`/api/v1/reports/${ids.aReport}/review`, { version: 2, decision: 'accept' }, c.aStaff))
        .status,
    ).toBe(403);
    expect(
      (await api.post(`/api/v1/reports/${ids.aReport}/review`, { version: 2, decision: 'accept' }, c.sup))
        .status,
    ).toBe(403);
    const after = await get(`/api/v1/reports/${ids.bReport}`, c.bStaff);
    expect(after.body.report).toMatchObject({ summary: '按计划推进', version: 1, state: 'draft' });
    expect(after.body.report.evidence).toHaveLength(1);
  });

  it("queues show only what is the caller's to sign off or review", async () => {
    const bQueue = await get('/api/v1/reports/queue?kind=review', c.bStaff);
    expect(bQueue.body.rows.map((r: { reportId: string }) => r.reportId)).toEqual([ids.aReport]);
    expect((await get('/api/v1/reports/queue?kind=review', c.cStaff)).body.rows).toEqual([]);
    expect((await get('/api/v1/reports/queue?kind=review', c.aStaff)).body.rows).toEqual([]);
  });
});

describe('status', () => {
  it('shows a unit its own assignments and the measures it leads, nothing else', async () => {
    expect(
      (await get(`/api/v1/assignments/${f.assignment['1:B:responsible']}/status`, c.cStaff)).status,
    ).toBe(404);
    expect(
      (await get(`/api/v1/assignments/${f.assignment['1:B:responsible']}/status`, c.aStaff)).status,
    ).toBe(200);
    const cPlan = await get(`/api/v1/plans/${f.planId}/status`, c.cStaff);
    expect(cPlan.body.counts).toMatchObject({ green: expect.any(Number) });
    const cRows = Object.values(cPlan.body.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(cRows).toBe(1);
    expect((await get(`/api/v1/plans/${f.planId}/status/measures/${f.measure[2]}`, c.cStaff)).status).toBe(
      404,
    );
    const units = await get(`/api/v1/plans/${f.planId}/status/units`, c.cStaff);
    expect(units.body.units.map((u: { unitId: string }) => u.unitId)).toEqual([f.C.id]);
    expect((await get(`/api/v1/board?planId=${f.planId}`, c.aLeader)).status).toBe(403);
  });
});

describe('notices', () => {
  it('belong to the office and the unit they were issued to', async () => {
    expect((await get(`/api/v1/notices/${ids.notice}`, c.bViewer)).status).toBe(200);
    expect((await get(`/api/v1/notices/${ids.notice}`, c.aStaff)).status).toBe(404);
    expect((await get(`/api/v1/evidence/${ids.noticeEvidence}`, c.aStaff)).status).toBe(404);
    expect((await get(`/api/v1/notices?unitId=${f.B.id}`, c.aStaff)).body.notices).toEqual([]);
    expect(
      (await f.w.api.post(`/api/v1/notices/${ids.notice}/reply`, { version: 1, text: '冒名回复' }, c.aStaff))
        .status,
    ).toBe(404);
    expect(
      (
        await f.w.api.post(
          `/api/v1/notices/${ids.notice}/reply`,
          { version: 1, text: '只读用户回复' },
          c.bViewer,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await f.w.api.request({
          method: 'POST',
          url: `/api/v1/notices/${ids.notice}/evidence`,
          cookie: c.aStaff,
          ...multipart('x.pdf', PDF),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await f.w.api.post(
          `/api/v1/notices/${ids.notice}/decision`,
          { version: 1, decision: 'accept' },
          c.bLeader,
        )
      ).status,
    ).toBe(403);
    expect((await get(`/api/v1/notices/${ids.notice}`, c.sup)).body.notice.state).toBe('issued');
  });
});

describe('extensions and closures', () => {
  it('are seen by the unit, the lead unit and the office; decided only at the right step by the right people', async () => {
    expect((await get(`/api/v1/extensions/${ids.extension}`, c.cStaff)).status).toBe(404);
    expect((await get(`/api/v1/extensions/${ids.extension}`, c.aStaff)).status).toBe(200);
    expect((await get('/api/v1/extensions', c.cStaff)).body.extensions).toEqual([]);
    expect(
      (
        await f.w.api.post(
          `/api/v1/extensions/${ids.extension}/decision`,
          { version: 1, decision: 'approve' },
          c.cLeader,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await f.w.api.post(
          `/api/v1/extensions/${ids.extension}/decision`,
          { version: 1, decision: 'approve' },
          c.bLeader,
        )
      ).status,
    ).toBe(403);
    expect((await get(`/api/v1/closures/${ids.closure}`, c.bStaff)).status).toBe(404);
    expect((await get(`/api/v1/evidence/${ids.closureEvidence}`, c.bStaff)).status).toBe(404);
    expect((await get(`/api/v1/evidence/${ids.closureEvidence}`, c.aStaff)).status).toBe(200);
    expect(
      (await f.w.api.post(`/api/v1/closures/${ids.closure}/submit`, { version: 1 }, c.bStaff)).status,
    ).toBe(404);
    expect(
      (await f.w.api.post(`/api/v1/closures/${ids.closure}/submit`, { version: 1 }, c.aStaff)).status,
    ).toBe(403);
    expect(
      (
        await f.w.api.post(
          `/api/v1/assignments/${f.assignment['1:C:assisting']}/closure`,
          { summary: '冒名' },
          c.bStaff,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await f.w.api.post(
          `/api/v1/assignments/${f.assignment['1:C:assisting']}/extensions`,
          { milestoneId: null, requestedDue: '2023-01-31', reason: 'x' },
          c.aStaff,
        )
      ).status,
    ).toBe(403);
  });
});

describe('notifications', () => {
  it("are one's own only: another user's ids change nothing", async () => {
    const bNotes = (await get('/api/v1/notifications', c.bStaff)).body;
    expect(bNotes.total).toBeGreaterThan(0);
    const before = bNotes.unread;
    const res = await f.w.api.post(
      '/api/v1/notifications/read',
      { ids: bNotes.notifications.map((n: { id: string }) => n.id) },
      c.aStaff,
    );
    expect(res.body.marked).toBe(0);
    expect((await get('/api/v1/notifications/unread-count', c.bStaff)).body.unread).toBe(before);
    const aNotes = (await get('/api/v1/notifications?pageSize=200', c.aStaff)).body.notifications.map(
      (n: { id: string }) => n.id,
    );
    expect(aNotes.some((id: string) => bNotes.notifications.some((n: { id: string }) => n.id === id))).toBe(
      false,
    );
  });
});
