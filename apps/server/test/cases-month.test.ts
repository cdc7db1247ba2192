/**
 * A month of problem cases (October 2022) with a fake clock: alarms pushed by two systems and one case
 * entered by hand go through every state — verify and void, dispatch, return as not ours and
 * re-dispatch, sign, rectify with photos, feedback, rework, extension, reminder and escalation by the
 * jobs (exactly once), closure, a repeat at the same place, a duplicate while open, and a revisit that
 * reopens — and the statistics equal the figures worked out by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { runJobs } from '../src/modules/jobs/run-jobs.ts';
import { alarm, bj, type CaseWorld, caseWorld, detail, ingest, ok, photo, step } from './helpers/cases.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, type World } from './helpers/context.ts';

let w: World;
let c: CaseWorld;
const id: Record<string, string> = {};

beforeAll(async () => {
  w = await createWorld({ start: bj(1, 9) });
  c = await caseWorld(w);
  const s = (await w.api.get('/api/v1/cases/settings', c.sup1)).body.settings;
  expect(s.repeatWindowDays).toBe(30);
  const put = await w.api.put(
    '/api/v1/cases/settings',
    { ...s, revisitAfterDays: 7, remindDaysBefore: 1 },
    c.sup1,
  );
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}, 60_000);
afterAll(async () => w?.close());

describe('a month of cases', () => {
  it('1 Oct: an alarm comes in once, is verified, dispatched to the district and fed back', async () => {
    await c.at(bj(1));
    const first = await ingest(w, c.key, alarm('A-1'));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ state: 'reported', duplicateOf: null });
    id.C1 = first.body.caseId;
    const again = await ingest(w, c.key, alarm('A-1', { description: '重复推送' }));
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(id.C1);
    const d = await detail(w, c.sup1, id.C1 as string);
    expect(d).toMatchObject({
      district: '朝阳区',
      street: '八里庄街道',
      category: 'construction_dust',
      source: 'dust-video',
    });
    expect(d.areaCode).toMatch(/^1101/);
    expect(d.suggestedUnit).toEqual({ id: c.chaoyang.id, name: c.chaoyang.name });
    // A unit sees nothing before the case is dispatched to it.
    expect((await w.api.get(`/api/v1/cases/${id.C1}`, c.cyStaff)).status).toBe(404);
    await ok(w, c.sup1, id.C1 as string, 'verify', { decision: 'verify' }, 'verified');
    const sent = await ok(w, c.sup1, id.C1 as string, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
    expect(sent.dueOn).toBe('2022-10-04'); // construction dust × high: 3 days
    const inbox = await w.api.get('/api/v1/cases?awaitingMe=true', c.cyStaff);
    expect(inbox.body.cases.map((x: { id: string }) => x.id)).toEqual([id.C1]);
    await ok(w, c.cyStaff, id.C1 as string, 'sign', { decision: 'sign' }, 'signed');
    await ok(w, c.cyStaff, id.C1 as string, 'rectify', {}, 'rectifying');
    await c.at(bj(1, 15));
    const noPhoto = await step(w, c.cyStaff, id.C1 as string, 'feedback', { text: '已苫盖' });
    expect(noPhoto.status).toBe(422);
    await photo(w, c.cyStaff, id.C1 as string);
    await ok(w, c.cyStaff, id.C1 as string, 'feedback', { text: '已苫盖裸土' }, 'feedback');
  });

  it('2 Oct: rework of the first; a second alarm is returned as not ours', async () => {
    await c.at(bj(2));
    // Rework needs a reason (400 naming the field); a unit cannot check its own feedback.
    const noReason = await step(w, c.sup2, id.C1 as string, 'check', { decision: 'rework' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('comment');
    expect((await step(w, c.cyLeader, id.C1 as string, 'check', { decision: 'close' })).status).toBe(403);
    await ok(w, c.sup2, id.C1 as string, 'check', { decision: 'rework', comment: '仍有裸土' }, 'rework');
    const a2 = await ingest(
      w,
      c.key,
      alarm('A-2', {
        category: 'road_dust',
        severity: 'medium',
        district: '海淀区',
        street: undefined,
        address: '海淀区中关村大街10号',
      }),
    );
    expect(a2.status).toBe(201);
    id.C2 = a2.body.caseId;
    await ok(w, c.sup1, id.C2 as string, 'verify', { decision: 'verify' }, 'verified');
    await ok(w, c.sup1, id.C2 as string, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
    const noWhy = await step(w, c.cyStaff, id.C2 as string, 'sign', { decision: 'return' });
    expect(noWhy.status).toBe(400);
    await ok(
      w,
      c.cyStaff,
      id.C2 as string,
      'sign',
      { decision: 'return', comment: '地点属海淀区' },
      'returned',
    );
    await c.at(bj(2, 11));
    await ok(w, c.cyStaff, id.C1 as string, 'rectify', {}, 'rectifying');
    expect((await step(w, c.cyStaff, id.C1 as string, 'feedback', { text: '再次整改' })).status).toBe(422);
    await photo(w, c.cyStaff, id.C1 as string);
    await ok(w, c.cyStaff, id.C1 as string, 'feedback', { text: '裸土已全部苫盖' }, 'feedback');
  });

  it('3 Oct: the first closes on time; the second goes to Haidian; a VOCs alarm is signed', async () => {
    await c.at(bj(3));
    const closed = await ok(w, c.sup2, id.C1 as string, 'check', { decision: 'close' }, 'closed');
    expect(closed).toMatchObject({ revisitOn: '2022-10-10', overdue: false, reworkCount: 1 });
    const again = await ok(w, c.sup1, id.C2 as string, 'dispatch', { unitId: c.haidian.id }, 'dispatched');
    expect(again).toMatchObject({ dueOn: '2022-10-10', returnCount: 1 }); // road dust × medium: 7 days
    // The unit that returned it no longer sees it once it went elsewhere.
    expect((await w.api.get(`/api/v1/cases/${id.C2}`, c.cyStaff)).status).toBe(404);
    await ok(w, c.hdStaff, id.C2 as string, 'sign', { decision: 'sign' }, 'signed');
    await ok(w, c.hdStaff, id.C2 as string, 'rectify', {}, 'rectifying');
    const v1 = await ingest(w, c.key, {
      ...alarm('V-1', {
        source: 'vocs-monitor',
        category: 'vocs',
        address: '朝阳区东坝乡某汽修厂',
        street: undefined,
      }),
    });
    id.C3 = v1.body.caseId;
    await ok(w, c.sup1, id.C3 as string, 'verify', { decision: 'verify' }, 'verified');
    const d3 = await ok(w, c.sup1, id.C3 as string, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
    expect(d3.dueOn).toBe('2022-10-06');
    await ok(w, c.cyLeader, id.C3 as string, 'sign', { decision: 'sign' }, 'signed');
  });

  it('4 Oct: a hand-entered case is verified by another supervisor (four eyes); a duplicate is voided', async () => {
    await c.at(bj(4));
    const made = await w.api.post(
      '/api/v1/cases',
      {
        origin: 'manual',
        category: 'burning',
        severity: 'low',
        occurredAt: '2022-10-04T08:00:00+08:00',
        district: '海淀区',
        address: '海淀区上庄镇某村',
        description: '露天焚烧秸秆',
      },
      c.sup1,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    id.C4 = made.body.case.id;
    expect(made.body.case.actions.verify).toBe(false);
    const own = await step(w, c.sup1, id.C4 as string, 'verify', { decision: 'verify' });
    expect(own.status).toBe(403);
    expect(await detail(w, c.sup2, id.C4 as string)).toMatchObject({ actions: { verify: true } });
    await ok(w, c.sup2, id.C4 as string, 'verify', { decision: 'void', comment: '经核实系误报' }, 'voided');
    const dup = await ingest(w, c.key, {
      ...alarm('V-2', {
        source: 'vocs-monitor',
        category: 'vocs',
        address: '朝阳区 东坝乡 某汽修厂。',
        street: undefined,
      }),
    });
    expect(dup.status).toBe(201);
    expect(dup.body.duplicateOf).toBe(id.C3);
    id.C6 = dup.body.caseId;
    const d6 = await detail(w, c.sup1, id.C6 as string);
    expect(d6.linked).toEqual([expect.objectContaining({ id: id.C3, relation: 'duplicateOf' })]);
    await ok(
      w,
      c.sup1,
      id.C6 as string,
      'verify',
      { decision: 'void', comment: '与已派发案件重复' },
      'voided',
    );
  });

  it('5 Oct: the jobs remind once; a repeat at the first place is handled within a day', async () => {
    await c.at(bj(5));
    const r1 = await runJobs(w.ctx, { holder: 'a' });
    expect(r1.casesReminded).toBe(1); // C3, due 6 Oct
    expect((await runJobs(w.ctx, { holder: 'b' })).casesReminded ?? 0).toBe(0);
    const reminders = await w.ctx.db.kysely.selectFrom('case_reminders').selectAll().execute();
    expect(reminders.map((r) => r.key)).toEqual([`${id.C3}:remind:2022-10-06`]);
    const early = await step(w, c.sup1, id.C1 as string, 'revisit', { outcome: 'reopen', comment: '复查' });
    expect(early.status).toBe(409);
    const a3 = await ingest(w, c.key, alarm('A-3', { occurredAt: '2022-10-05T08:00:00+08:00' }));
    expect(a3.body.duplicateOf).toBeNull();
    id.C5 = a3.body.caseId;
    expect((await detail(w, c.sup1, id.C5 as string)).repeatOf).toBe(id.C1);
    await ok(w, c.sup1, id.C5 as string, 'verify', { decision: 'verify' }, 'verified');
    await ok(w, c.sup1, id.C5 as string, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
    await ok(w, c.cyStaff, id.C5 as string, 'sign', { decision: 'sign' }, 'signed');
    await ok(w, c.cyStaff, id.C5 as string, 'rectify', {}, 'rectifying');
    await photo(w, c.cyStaff, id.C5 as string);
    await ok(w, c.cyStaff, id.C5 as string, 'feedback', { text: '已整改' }, 'feedback');
  });

  it('6 Oct: the repeat closes; Haidian asks for more time and the office grants it', async () => {
    await c.at(bj(6));
    await ok(w, c.sup2, id.C5 as string, 'check', { decision: 'close' }, 'closed');
    const early = await step(w, c.hdStaff, id.C2 as string, 'extension', {
      requestedDue: '2022-10-09',
      reason: '需协调',
    });
    expect(early.status).toBe(400);
    await ok(
      w,
      c.hdStaff,
      id.C2 as string,
      'extension',
      { requestedDue: '2022-10-15', reason: '需协调道路管理部门' },
      'rectifying',
    );
    expect(
      (await step(w, c.hdStaff, id.C2 as string, 'extension/decision', { decision: 'approve' })).status,
    ).toBe(403);
    const granted = await ok(
      w,
      c.sup1,
      id.C2 as string,
      'extension/decision',
      { decision: 'approve' },
      'rectifying',
    );
    expect(granted.dueOn).toBe('2022-10-15');
    expect(granted.extension).toMatchObject({ state: 'approved', requestedDue: '2022-10-15' });
  });

  it('7 Oct: the VOCs case past its due day is escalated once', async () => {
    await c.at(bj(7));
    const r = await runJobs(w.ctx, { holder: 'a' });
    expect(r.casesEscalated).toBe(1);
    expect((await runJobs(w.ctx, { holder: 'b' })).casesEscalated ?? 0).toBe(0);
    const d3 = await detail(w, c.sup1, id.C3 as string);
    expect(d3.overdue).toBe(true);
    expect(d3.escalatedAt).toBe(bj(7));
    expect(d3.timeline.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    const overdue = await w.api.get('/api/v1/cases?overdue=true', c.sup1);
    expect(overdue.body.cases.map((x: { id: string }) => x.id)).toEqual([id.C3]);
  });

  it('10 Oct: the revisit finds the problem back and reopens the first case', async () => {
    await c.at(bj(10));
    expect((await detail(w, c.sup1, id.C1 as string)).actions.revisit).toBe(true);
    await ok(
      w,
      c.sup1,
      id.C1 as string,
      'revisit',
      { outcome: 'reopen', comment: '回头看发现裸土再次暴露' },
      'reopened',
    );
    const d = await ok(w, c.sup1, id.C1 as string, 'dispatch', { unitId: c.chaoyang.id }, 'dispatched');
    expect(d.dueOn).toBe('2022-10-13');
    await ok(w, c.cyStaff, id.C1 as string, 'sign', { decision: 'sign' }, 'signed');
  });

  it('12 and 14 Oct: Haidian closes within its extension; the reopened case closes a day late', async () => {
    await c.at(bj(12));
    await photo(w, c.hdStaff, id.C2 as string);
    await ok(w, c.hdStaff, id.C2 as string, 'feedback', { text: '道路已冲洗' }, 'feedback');
    await ok(w, c.sup1, id.C2 as string, 'check', { decision: 'close' }, 'closed');
    await c.at(bj(14));
    await ok(w, c.cyStaff, id.C1 as string, 'rectify', {}, 'rectifying');
    await photo(w, c.cyStaff, id.C1 as string);
    await ok(w, c.cyStaff, id.C1 as string, 'feedback', { text: '重新苫盖并增设喷淋' }, 'feedback');
    const late = await ok(w, c.sup2, id.C1 as string, 'check', { decision: 'close' }, 'closed');
    expect(late.overdue).toBe(true);
    const t = (await detail(w, c.sup1, id.C1 as string)).timeline.map((e: { action: string }) => e.action);
    expect(t).toEqual([
      'report',
      'verify',
      'dispatch',
      'sign',
      'rectify',
      'evidence',
      'feedback',
      'rework',
      'rectify',
      'evidence',
      'feedback',
      'close',
      'reopen',
      'dispatch',
      'sign',
      'rectify',
      'evidence',
      'feedback',
      'close',
    ]);
    const audits = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('object_type', '=', 'case')
      .where('object_id', '=', id.C1 as string)
      .execute();
    expect(audits.map((a) => a.action)).toContain('case.reopen');
  });

  it('31 Oct: the statistics equal the hand-computed figures', async () => {
    await c.at(bj(31));
    const r = await w.api.get('/api/v1/cases/stats?from=2022-10-01&to=2022-10-31', c.sup1);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const s = r.body;
    // C1..C6 received; C1 C2 C3 C5 dispatched; C1 C2 C5 closed, C2 (12 ≤ 15 Oct) and C5 (6 ≤ 8 Oct) on
    // time, C1 late (14 > 13 Oct); overdue C1 (late) and C3 (open since 6 Oct); handling C1 4 days
    // (10 → 14 Oct), C2 9 (3 → 12), C5 1 (5 → 6): median 4; fed back C1 C2 C5, rework C1: 1/3;
    // repeat C5 and duplicate C6: 2/6; feedback 3/4.
    expect(s.total).toEqual({
      key: 'total',
      name: '合计',
      received: 6,
      dispatched: 4,
      closed: 3,
      closedOnTime: 2,
      onTimeClosureRate: 0.5,
      overdue: 2,
      medianHandlingDays: 4,
      reworkRate: 0.3333,
      repeatRate: 0.3333,
      feedbackRate: 0.75,
    });
    const cy = s.byUnit.find((u: { key: string }) => u.key === c.chaoyang.id);
    // Chaoyang: C1 C3 C5; closed C1 C5, on time C5; overdue C1 C3; handling 4 and 1: 2.5.
    expect(cy).toEqual({
      key: c.chaoyang.id,
      name: c.chaoyang.name,
      received: 3,
      dispatched: 3,
      closed: 2,
      closedOnTime: 1,
      onTimeClosureRate: 0.3333,
      overdue: 2,
      medianHandlingDays: 2.5,
      reworkRate: 0.5,
      repeatRate: 0.3333,
      feedbackRate: 0.6667,
    });
    const hd = s.byUnit.find((u: { key: string }) => u.key === c.haidian.id);
    expect(hd).toMatchObject({
      received: 1,
      closed: 1,
      onTimeClosureRate: 1,
      overdue: 0,
      medianHandlingDays: 9,
      reworkRate: 0,
      feedbackRate: 1,
    });
    expect(s.ranking.map((x: { key: string; rank: number }) => [x.key, x.rank])).toEqual([
      [c.haidian.id, 1],
      [c.chaoyang.id, 2],
    ]);
    const cat = Object.fromEntries(s.byCategory.map((x: { key: string }) => [x.key, x]));
    expect(cat.vocs).toMatchObject({
      received: 2,
      dispatched: 1,
      closed: 0,
      onTimeClosureRate: 0,
      overdue: 1,
      medianHandlingDays: null,
      reworkRate: null,
      repeatRate: 0.5,
      feedbackRate: 0,
    });
    expect(cat.burning).toMatchObject({
      received: 1,
      dispatched: 0,
      onTimeClosureRate: null,
      feedbackRate: null,
    });
    expect(cat.construction_dust).toMatchObject({
      received: 2,
      closed: 2,
      closedOnTime: 1,
      medianHandlingDays: 2.5,
      repeatRate: 0.5,
    });
    const src = Object.fromEntries(s.bySource.map((x: { key: string }) => [x.key, x]));
    expect(src['dust-video']).toMatchObject({
      received: 3,
      closed: 3,
      closedOnTime: 2,
      onTimeClosureRate: 0.6667,
      overdue: 1,
      medianHandlingDays: 4,
    });
    expect(src['vocs-monitor']).toMatchObject({ received: 2, repeatRate: 0.5 });
    expect(src.manual).toMatchObject({ received: 1 });
    expect(s.byMonth).toEqual([{ ...s.total, key: '2022-10', name: '2022-10' }]);
    // A unit may not read the office's statistics.
    expect((await w.api.get('/api/v1/cases/stats?from=2022-10-01&to=2022-10-31', c.cyStaff)).status).toBe(
      403,
    );
  });

  it('the CLI prints the same statistics per unit', async () => {
    const io = cliIo(w.testDb.env);
    const code = await main(
      ['cases', 'stats', '--from', '2022-10-01', '--to', '2022-10-31', '--json', '--at', '2022-10-31'],
      io,
    );
    expect(code, io.err()).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.byUnit.find((u: { key: string }) => u.key === c.chaoyang.id)).toMatchObject({
      received: 3,
      overdue: 2,
      medianHandlingDays: 2.5,
    });
  });

  it('lists filter, search and page; a unit sees only its own', async () => {
    const all = await w.api.get('/api/v1/cases?pageSize=2&sort=reportedAt', c.sup1);
    expect(all.body).toMatchObject({ total: 6, page: 1, pageSize: 2 });
    expect(all.body.cases.map((x: { id: string }) => x.id)).toEqual([id.C1, id.C2]);
    const voided = await w.api.get('/api/v1/cases?state=voided', c.sup1);
    expect(voided.body.cases.map((x: { id: string }) => x.id).sort()).toEqual([id.C4, id.C6].sort());
    const q = await w.api.get(`/api/v1/cases?q=${encodeURIComponent('中关村')}`, c.sup1);
    expect(q.body.cases.map((x: { id: string }) => x.id)).toEqual([id.C2]);
    const mine = await w.api.get('/api/v1/cases', c.cyStaff);
    expect(mine.body.cases.map((x: { id: string }) => x.id).sort()).toEqual([id.C1, id.C3, id.C5].sort());
    const bad = await w.api.get('/api/v1/cases?state=nonsense', c.sup1);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('state');
  });
});
