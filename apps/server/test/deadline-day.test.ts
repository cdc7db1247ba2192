/**
 * Deadline day (issue 13): 60 unit users of the published seed plan, each signed in with a session of
 * their own, save and submit their monthly report at the same moment (one Promise.all of real
 * requests through the app). Every answer is the expected 200, every report is stored exactly once
 * (one row, one save and one submit event, one audit record each), the audit chain verifies, and what
 * the units see reflects them: each report form shows the submitted report and the status's last
 * period, each unit leader's sign-off queue lists exactly the unit's reports. No timing is asserted
 * (the figures are bench/deadline-day.bench.ts's).
 *
 * The seed plan assigns 44 units: the 60 users are one staff member of every unit and a second one of
 * the units with the most assignments, each on an assignment of its own (`pickReportingAssignments`,
 * shared with the benchmark).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickReportingAssignments } from '../../../bench/deadline-day-users.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { createWorld, makeUser, type TestUser, type World } from './helpers/context.ts';
import { reportBody, requestId } from './helpers/supervision.ts';

const USERS = 60;

interface Slot {
  user: TestUser;
  cookie: string;
  unitId: string;
  assignmentId: string;
  period: string;
  summary: string;
}

let w: World;
let planId: string;
let slots: Slot[];
const leaders = new Map<string, string>();

beforeAll(async () => {
  // The day before the seed plan's monthly due day (the 25th).
  w = await createWorld({
    start: '2022-06-24T02:00:00.000Z',
    config: { security: { passwordMaxAgeDays: 0 } as never },
  });
  planId = (await loadDemo(w.ctx, cliActor())).planId;
  const picks = await pickReportingAssignments(w.ctx.db.kysely, planId, USERS);
  slots = [];
  for (const [i, p] of picks.entries()) {
    const user = await makeUser(w.ctx, { unitId: p.unitId, roles: ['unit_staff'] });
    const cookie = await w.api.login(user.username, user.password);
    const form = await w.api.get(`/api/v1/assignments/${p.assignmentId}/report-form`, cookie);
    if (form.status !== 200 || !form.body.period || !form.body.actions.submit)
      throw new Error(`test setup: ${p.assignmentId} cannot be reported: ${JSON.stringify(form.body)}`);
    slots.push({ user, cookie, ...p, period: form.body.period.key, summary: `截止日报送 第 ${i + 1} 份` });
  }
  for (const unitId of new Set(picks.map((p) => p.unitId))) {
    const leader = await makeUser(w.ctx, { unitId, roles: ['unit_leader'] });
    leaders.set(unitId, await w.api.login(leader.username, leader.password));
  }
}, 120_000);
afterAll(() => w?.close());

describe('deadline day: 60 unit users submit at once', () => {
  const answers: { save: number; submit: number; reportId?: string; body?: unknown }[] = [];

  it('answers every save and every submit with 200', async () => {
    expect(new Set(slots.map((s) => s.user.id)).size).toBe(USERS);
    expect(new Set(slots.map((s) => s.assignmentId)).size).toBe(USERS);
    expect(new Set(slots.map((s) => s.unitId)).size).toBe(leaders.size);
    const results = await Promise.all(
      slots.map(async (s) => {
        const base = `/api/v1/assignments/${s.assignmentId}/reports/${s.period}`;
        const saved = await w.api.put(base, { version: 0, ...reportBody({ summary: s.summary }) }, s.cookie);
        if (saved.status !== 200) return { save: saved.status, submit: 0, body: saved.body };
        const submitted = await w.api.post(
          `${base}/submit`,
          {
            version: saved.body.report.version,
            requestId: requestId(),
            ...reportBody({ summary: s.summary }),
          },
          s.cookie,
        );
        return {
          save: saved.status,
          submit: submitted.status,
          reportId: submitted.body?.report?.id as string | undefined,
          body: submitted.status === 200 ? undefined : submitted.body,
        };
      }),
    );
    answers.push(...results);
    expect(results.filter((r) => r.save !== 200 || r.submit !== 200)).toEqual([]);
  });

  it('stores every report exactly once, as submitted by its writer', async () => {
    const db = w.ctx.db.kysely;
    const reports = await db
      .selectFrom('progress_reports')
      .select(['id', 'assignment_id', 'period', 'state', 'version', 'summary', 'submitted_by', 'created_by'])
      .where('plan_id', '=', planId)
      .execute();
    expect(reports).toHaveLength(USERS);
    const byAssignment = new Map(reports.map((r) => [`${r.assignment_id}:${r.period}`, r]));
    expect(byAssignment.size).toBe(USERS);
    for (const [i, s] of slots.entries()) {
      const r = byAssignment.get(`${s.assignmentId}:${s.period}`);
      expect(r, s.assignmentId).toMatchObject({
        id: answers[i]?.reportId,
        state: 'pending_signoff',
        version: 2,
        summary: s.summary,
        created_by: s.user.id,
        submitted_by: s.user.id,
      });
    }
    const events = await db
      .selectFrom('report_events')
      .select(['report_id', 'action'])
      .where('plan_id', '=', planId)
      .execute();
    const steps = (id: string) =>
      events
        .filter((e) => e.report_id === id)
        .map((e) => e.action)
        .sort();
    for (const r of reports) expect(steps(r.id), r.id).toEqual(['create', 'submit']);
    const audited = await db
      .selectFrom('audit_events')
      .select(['action', 'object_id'])
      .where('action', 'in', ['report.save', 'report.submit'])
      .execute();
    expect(audited.filter((a) => a.action === 'report.submit')).toHaveLength(USERS);
    expect(new Set(audited.filter((a) => a.action === 'report.submit').map((a) => a.object_id))).toEqual(
      new Set(reports.map((r) => r.id)),
    );
  });

  it('leaves an audit chain that verifies', async () => {
    const result = await verifyAuditChain(w.ctx);
    expect(result.breaks).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('shows each unit its report and status, and each leader exactly the unit’s reports to sign off', async () => {
    const forms = await Promise.all(
      slots.map((s) =>
        w.api.get(`/api/v1/assignments/${s.assignmentId}/report-form?period=${s.period}`, s.cookie),
      ),
    );
    for (const [i, f] of forms.entries()) {
      const s = slots[i] as Slot;
      expect(f.status).toBe(200);
      expect(f.body.report).toMatchObject({ state: 'pending_signoff', summary: s.summary });
      expect(f.body.status).toMatchObject({ lastPeriod: s.period, lastState: 'pending_signoff' });
    }
    const queues = await Promise.all(
      [...leaders.entries()].map(async ([unitId, cookie]) => ({
        unitId,
        res: await w.api.get(`/api/v1/reports/queue?kind=signoff&planId=${planId}&pageSize=100`, cookie),
      })),
    );
    for (const { unitId, res } of queues) {
      expect(res.status).toBe(200);
      const expected = slots
        .map((s, i) => ({ s, id: answers[i]?.reportId }))
        .filter((x) => x.s.unitId === unitId)
        .map((x) => x.id)
        .sort();
      expect(res.body.rows.map((r: { reportId: string }) => r.reportId).sort(), unitId).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    }
  });
});
