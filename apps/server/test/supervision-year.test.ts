/**
 * The "done when": a simulated year of the seed plan. The fake clock walks 2022 day by day;
 * every unit delivers its monthly report on the 20th (scripted), the daily jobs run every morning.
 * Measure 20-1 is reported done in May; one unit skips its June report on an ongoing measure (5-1).
 */
import { randomUUID } from 'node:crypto';
import { addDays, type Deadline, periodsToReport } from '@lantian/core';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { transaction } from '../src/context.ts';
import type { ProgressReportsTable, ReportEventsTable } from '../src/db/schema.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import type { Principal } from '../src/modules/auth/principal.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { runJobs } from '../src/modules/jobs/run-jobs.ts';
import { insertMany } from '../src/modules/plans/plans.repository.ts';
import { reportForm } from '../src/modules/reporting/report-form.query.ts';
import { signoffReport, submitReport } from '../src/modules/reporting/reports.service.ts';
import { refreshAssignments } from '../src/modules/status/summary.ts';
import { deadlineOf } from '../src/modules/supervision/assignment.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUser, type TestUser, unitId, type World } from './helpers/context.ts';
import { ofBusiestUnit, pagePaths, pagePayloadBytes } from './helpers/page-payloads.ts';
import { testPrincipal } from './helpers/principal.ts';

const JUNE = ['10-1', '10-6', '11-1', '20-1', '3-1', '3-3', '3-8', '7-1', '8-1', '9-2'];
const COMPLETED = '20-1';
const SKIPPER_MEASURE = '5-1';

interface A {
  id: string;
  measureId: string;
  unitId: string;
  key: string;
  deadline: Deadline;
}

const MONTHLY = { cycle: 'monthly' as const, dueDay: 25, start: '2022-01-01' };
/** The assignment owes a report for the month (windowed measures only inside their window). */
const owes = (a: A, month: string, day: string) =>
  periodsToReport(a.deadline, 2022, MONTHLY, day).some((p) => p.key === month);

let w: World;
let planId: string;
let assignments: A[];
let skipper: A;
let office: string;
/** Assignments whose reports go through the real services (the rest are scripted straight into the tables). */
let viaFlow: A[];
let officeLeader: Principal;
let officeStaff: Principal;
const users = new Map<string, TestUser>();
const seen: Record<
  string,
  Record<string, { light: string; reasons: { code: string; due: string | null; period: string | null }[] }>
> = {};
const sentPerDay: number[] = [];

const principal = (u: TestUser, roles: Principal['roles'], unitName: string): Principal =>
  testPrincipal({ userId: u.id, username: u.username, unitId: u.unitId }, roles, unitName);

async function statusAt(day: string) {
  const io = cliIo(w.testDb.env);
  expect(await main(['status', '--at', day, '--json'], io)).toBe(0);
  const out = JSON.parse(io.out()) as {
    measures: {
      task: number;
      seq: number;
      light: string;
      reasons: { code: string; due: string | null; period: string | null }[];
    }[];
  };
  return Object.fromEntries(out.measures.map((m) => [`${m.task}-${m.seq}`, m]));
}

/**
 * What the units report on the 20th, as delivered (signed-off) reports — scripted straight into the
 * tables; `only` delivers just those (a late report).
 */
async function deliverMonth(month: string, day: string, only?: A[]) {
  const periodDue = `${month}-25`;
  const rows = (only ?? assignments).filter(
    (a) =>
      (only || !viaFlow.includes(a)) &&
      owes(a, month, day) &&
      !(!only && a.id === skipper.id && month === '2022-06'),
  );
  const measureMilestones = await w.ctx.db.kysely
    .selectFrom('milestones as ms')
    .innerJoin('measures as m', 'm.id', 'ms.measure_id')
    .select(['ms.id', 'ms.measure_id'])
    .where('m.plan_id', '=', planId)
    .execute();
  const now = w.clock.now().toISOString();
  const reports: Insertable<ProgressReportsTable>[] = [];
  const events: Insertable<ReportEventsTable>[] = [];
  for (const a of rows) {
    const done = a.key === COMPLETED && month >= '2022-05';
    const reached = done
      ? measureMilestones
          .filter((m) => m.measure_id === a.measureId)
          .map((m) => ({ milestoneId: m.id, reachedOn: day }))
      : [];
    const id = randomUUID();
    const user = (users.get(a.unitId) as TestUser).id;
    const status = done ? ('done' as const) : ('on_track' as const);
    reports.push({
      id,
      plan_id: planId,
      assignment_id: a.id,
      measure_id: a.measureId,
      unit_id: a.unitId,
      period: month,
      period_start: `${month}-01`,
      period_end: `${month}-28`,
      period_due: periodDue,
      state: 'submitted',
      status,
      summary: `${month} 按计划推进`,
      target_values: '[]',
      milestones_reached: JSON.stringify(reached),
      review_route: 'lead',
      version: 2,
      created_by: user,
      created_at: now,
      updated_by: user,
      updated_at: now,
      submitted_by: user,
      submitted_at: now,
      signed_off_by: user,
      signed_off_at: now,
      reviewed_by: null,
      reviewed_at: null,
      review_decision: null,
      review_comment: null,
      signoff_comment: null,
      last_request_id: null,
    });
    events.push({
      id: randomUUID(),
      report_id: id,
      seq: 1,
      plan_id: planId,
      at: now,
      user_id: user,
      action: 'signoff',
      from_state: 'pending_signoff',
      to_state: 'submitted',
      status,
      milestones_reached: JSON.stringify(reached),
      target_values: '[]',
      comment: null,
    });
  }
  await transaction(w.ctx, async (trx) => {
    await insertMany(trx, 'progress_reports', reports);
    await insertMany(trx, 'report_events', events);
  });
  if (only) return;
  // A few of the office's own assignments report through the real flow: staff submit, leader signs off.
  for (const a of viaFlow.filter((x) => owes(x, month, day))) {
    const { id } = await submitReport(w.ctx, officeStaff, a.id, month, {
      version: 0,
      requestId: randomUUID(),
      status: 'on_track',
      summary: `${month} 推进情况`,
      targetValues: [],
      milestonesReached: [],
    });
    await signoffReport(w.ctx, officeLeader, id, { version: 1, decision: 'approve' });
  }
}

beforeAll(async () => {
  w = await createWorld({
    start: '2022-01-01T02:00:00.000Z',
    config: { security: { passwordMaxAgeDays: 0 } as never },
  });
  planId = (await loadDemo(w.ctx, cliActor())).planId;
  const rows = await w.ctx.db.kysely
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select([
      'a.id',
      'a.measure_id',
      'a.unit_id',
      'a.role',
      'm.task_no',
      'm.seq',
      'm.deadline_raw',
      'm.deadline_kind',
      'm.deadline_due',
      'm.deadline_start',
      'm.deadline_end',
      'm.deadline_recurrence',
    ])
    .where('a.plan_id', '=', planId)
    .orderBy('m.task_no')
    .orderBy('m.seq')
    .orderBy('a.unit_id')
    .execute();
  assignments = rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    unitId: r.unit_id,
    key: `${r.task_no}-${r.seq}`,
    deadline: deadlineOf(r),
  }));
  office = await unitId(w.ctx, '市生态环境局');
  // A windowed one (12-2, 6—9月) and the first two others of the office.
  const ours = assignments.filter((a) => a.unitId === office);
  viaFlow = [...ours.filter((a) => a.key === '12-2'), ...ours.filter((a) => a.key !== '12-2').slice(0, 2)];
  expect(viaFlow).toHaveLength(3);
  skipper = assignments.find((a) => a.key === SKIPPER_MEASURE && a.unitId !== office) as A;
  expect(rows.find((r) => r.id === skipper.id)?.deadline_kind).toBe('ongoing');
  for (const u of new Set(assignments.map((a) => a.unitId))) {
    users.set(u, await makeUser(w.ctx, { unitId: u, roles: ['unit_staff'] }));
  }
  officeStaff = principal(users.get(office) as TestUser, ['unit_staff'], '市生态环境局');
  officeLeader = principal(
    await makeUser(w.ctx, { unitId: office, roles: ['unit_leader'] }),
    ['unit_leader'],
    '市生态环境局',
  );

  for (let day = '2022-01-01'; day <= '2022-12-31'; day = addDays(day, 1)) {
    w.clock.set(`${day}T02:00:00.000Z`);
    if (day.endsWith('-20')) await deliverMonth(day.slice(0, 7), day);
    // The unit that skipped June delivers it late, after it turned red.
    if (day === '2022-07-08') await deliverMonth('2022-06', day, [skipper]);
    const r = await runJobs(w.ctx, { holder: 'simulation' });
    expect(r.ran).toBe(true);
    sentPerDay.push(r.remindersSent);
    if (day === '2022-06-25' || day === '2022-07-01') {
      // Twice the same day: nothing more is sent.
      expect((await runJobs(w.ctx, { holder: 'simulation' })).remindersSent).toBe(0);
    }
    if (['2022-06-25', '2022-06-26', '2022-07-01', '2022-07-06', '2022-07-08', '2022-12-31'].includes(day)) {
      seen[day] = await statusAt(day);
    }
  }
}, 120_000);
afterAll(() => w.close());

const lights = (day: string) =>
  seen[day] as Record<
    string,
    { light: string; reasons: { code: string; due: string | null; period: string | null }[] }
  >;
const withLight = (day: string, light: string) =>
  Object.entries(lights(day))
    .filter(([, m]) => m.light === light)
    .map(([k]) => k)
    .sort();

describe('a year of the seed plan', () => {
  it('finds the ten measures with a 6月底前 milestone or deadline', async () => {
    const rows = await w.ctx.db.kysely
      .selectFrom('measures as m')
      .leftJoin('milestones as ms', 'ms.measure_id', 'm.id')
      .select(['m.task_no', 'm.seq'])
      .where('m.plan_id', '=', planId)
      .where((eb) => eb.or([eb('ms.due', '=', '2022-06-30'), eb('m.deadline_due', '=', '2022-06-30')]))
      .distinct()
      .execute();
    expect(rows.map((r) => `${r.task_no}-${r.seq}`).sort()).toEqual(JUNE);
  });

  it('on 2022-06-25 the open ones are yellow (due soon), the completed one and everything else green', () => {
    const open = JUNE.filter((k) => k !== COMPLETED).sort();
    expect(withLight('2022-06-25', 'yellow')).toEqual(open);
    expect(withLight('2022-06-25', 'red')).toEqual([]);
    for (const k of open) {
      expect(
        lights('2022-06-25')[k]?.reasons.some((r) => /_DUE_SOON$/.test(r.code) && r.due === '2022-06-30'),
        k,
      ).toBe(true);
    }
    expect(lights('2022-06-25')[COMPLETED]?.light).toBe('green');
  });

  it('on 2022-07-01 they are red (passed without completion); the missing June report makes 5-1 yellow', () => {
    const open = JUNE.filter((k) => k !== COMPLETED).sort();
    expect(withLight('2022-07-01', 'red')).toEqual(open);
    for (const k of open) {
      expect(
        lights('2022-07-01')[k]?.reasons.some((r) => /_OVERDUE$/.test(r.code) && r.due === '2022-06-30'),
        k,
      ).toBe(true);
    }
    expect(withLight('2022-07-01', 'yellow')).toEqual([SKIPPER_MEASURE]);
    expect(lights('2022-06-26')[SKIPPER_MEASURE]?.reasons).toMatchObject([
      { code: 'REPORT_MISSING', period: '2022-06' },
    ]);
    expect(lights('2022-07-01')[COMPLETED]?.light).toBe('green');
  });

  it('turns the ongoing measure red for its missing monthly report, never for lack of a final date', async () => {
    expect(lights('2022-07-06')[SKIPPER_MEASURE]).toMatchObject({
      light: 'red',
      reasons: [{ code: 'REPORT_OVERDUE' }],
    });
    // The late report, once delivered, clears it.
    expect(lights('2022-07-08')[SKIPPER_MEASURE]?.light).toBe('green');
    const ongoing = await w.ctx.db.kysely
      .selectFrom('measures')
      .select(['task_no', 'seq'])
      .where('plan_id', '=', planId)
      .where('deadline_kind', '=', 'ongoing')
      .execute();
    expect(ongoing.length).toBe(15);
    for (const m of ongoing) {
      const k = `${m.task_no}-${m.seq}`;
      expect(lights('2022-12-31')[k]?.light, k).toBe('green');
    }
  });

  it('sent every reminder once: 7, 3 and 1 days before 30 June to each open assignment, one for the missing report', async () => {
    const db = w.ctx.db.kysely;
    const reminders = await db.selectFrom('reminders').selectAll().where('plan_id', '=', planId).execute();
    const june = assignments.filter((a) => JUNE.includes(a.key));
    for (const a of june) {
      const keys = reminders
        .filter((r) => r.assignment_id === a.id && r.due === '2022-06-30')
        .map((r) => r.key.split(':').slice(1).join(':'))
        .sort();
      if (a.key === COMPLETED) expect(keys, a.key).toEqual([]);
      else
        expect(
          keys.map((k) => k.replace(/^(milestone|deadline)/, 'x')),
          a.key,
        ).toEqual(['x:2022-06-30:1', 'x:2022-06-30:3', 'x:2022-06-30:7']);
    }
    const late = reminders.filter((r) => r.kind === 'report_missing');
    expect(late.map((r) => [r.assignment_id, r.key])).toEqual([[skipper.id, `${skipper.id}:report:2022-06`]]);
    // Each reached the unit's user in that day's digest (催办汇总): one notification per person and day.
    const notes = await db
      .selectFrom('notifications')
      .select(['dedupe_key', 'user_id', 'day', 'kind', 'body'])
      .where('kind', 'like', 'reminder.%')
      .execute();
    expect(notes.every((n) => n.kind === 'reminder.digest')).toBe(true);
    expect(new Set(notes.map((n) => `${n.user_id}:${n.day}`)).size).toBe(notes.length);
    expect(notes.length).toBeLessThan(reminders.reduce((s, r) => s + r.recipients, 0));
    const skipperUser = users.get(skipper.unitId) as TestUser;
    expect(notes.filter((n) => n.user_id === skipperUser.id && n.body.includes('未报送（应于'))).toHaveLength(
      1,
    );
    expect(sentPerDay.reduce((a, b) => a + b, 0)).toBe(reminders.length);
  });

  it('the board (kept summaries) agrees with the status computed from the facts, and the past can be replayed', async () => {
    const supervisor = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
    const cookie = await w.api.login(supervisor.username, supervisor.password);
    const status = await w.api.get(`/api/v1/plans/${planId}/status/measures?pageSize=200`, cookie);
    expect(status.status).toBe(200);
    expect(status.body.total).toBe(status.body.measures.length);
    const fromSummary = Object.fromEntries(
      status.body.measures.map((m: { task: number; seq: number; light: string }) => [
        `${m.task}-${m.seq}`,
        m.light,
      ]),
    );
    const fromFacts = Object.fromEntries(Object.entries(lights('2022-12-31')).map(([k, m]) => [k, m.light]));
    expect(fromSummary).toEqual(fromFacts);
    // Replaying 1 July at the end of the year gives what was seen on 1 July.
    const replay = await statusAt('2022-07-01');
    expect(Object.fromEntries(Object.entries(replay).map(([k, m]) => [k, m.light]))).toEqual(
      Object.fromEntries(Object.entries(lights('2022-07-01')).map(([k, m]) => [k, m.light])),
    );
  });

  describe('after the plan period', () => {
    const statusBytes: Record<string, number> = {};
    const idleSecondRun: Record<string, boolean> = {};
    let supervisorCookie: () => Promise<string>;

    beforeAll(async () => {
      // The office closes the completed measure's assignments (销号) in December.
      w.clock.set('2022-12-15T02:00:00.000Z');
      const done = assignments.filter((a) => a.key === COMPLETED);
      await transaction(w.ctx, async (trx) => {
        await insertMany(
          trx,
          'closure_requests',
          done.map((a) => ({
            id: randomUUID(),
            plan_id: planId,
            assignment_id: a.id,
            measure_id: a.measureId,
            unit_id: a.unitId,
            summary: '已完成，佐证齐全',
            state: 'closed' as const,
            requested_by: null,
            requested_at: w.clock.now().toISOString(),
            submitted_at: w.clock.now().toISOString(),
            lead_by: null,
            lead_at: null,
            lead_comment: null,
            decided_by: null,
            decided_at: w.clock.now().toISOString(),
            decision_comment: null,
            closed_on: '2022-12-15',
            version: 1,
          })),
        );
        await refreshAssignments(
          w.ctx,
          trx,
          planId,
          done.map((a) => a.id),
        );
      });
      const supervisor = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
      supervisorCookie = () => w.api.login(supervisor.username, supervisor.password);
      for (let day = '2023-01-01'; day <= '2023-01-15'; day = addDays(day, 1)) {
        w.clock.set(`${day}T02:00:00.000Z`);
        await runJobs(w.ctx, { holder: 'simulation' });
      }
      for (const day of ['2023-01-15', '2026-12-01']) {
        w.clock.set(`${day}T02:00:00.000Z`);
        await runJobs(w.ctx, { holder: 'simulation' });
        idleSecondRun[day] = (await runJobs(w.ctx, { holder: 'simulation' })).idle === true;
        seen[day] = await statusAt(day);
        const res = await w.api.get(`/api/v1/plans/${planId}/status`, await supervisorCookie());
        expect(res.status).toBe(200);
        statusBytes[day] = Buffer.byteLength(JSON.stringify(res.body));
      }
    }, 120_000);

    it('ends with every item either closed or marked 未按期完成 once, with its date', async () => {
      const rows = await w.ctx.db.kysely
        .selectFrom('assignment_status')
        .select(['assignment_id', 'light', 'reasons'])
        .where('plan_id', '=', planId)
        .execute();
      expect(rows).toHaveLength(assignments.length);
      for (const r of rows) {
        const reasons = JSON.parse(r.reasons) as { code: string; due?: string }[];
        const unfinished = reasons.filter((x) => x.code === 'UNFINISHED');
        if (r.light === 'done') expect(reasons).toEqual([]);
        else {
          expect(r.light, r.assignment_id).toBe('red');
          expect(unfinished, r.assignment_id).toHaveLength(1);
          expect(unfinished[0]?.due).toMatch(/^2022-/);
        }
      }
      expect(rows.filter((r) => r.light === 'done')).toHaveLength(
        assignments.filter((a) => a.key === COMPLETED).length,
      );
      expect(lights('2023-01-15')[COMPLETED]?.light).toBe('done');
    });

    it('does not grow with age: 2026 says what January 2023 said, and owes no report after 2022', async () => {
      expect(lights('2026-12-01')).toEqual(lights('2023-01-15'));
      for (const [k, m] of Object.entries(lights('2026-12-01'))) {
        expect(m.reasons.filter((r) => r.code === 'UNFINISHED').length, k).toBeLessThanOrEqual(1);
        for (const r of m.reasons) if (r.period) expect(r.period.slice(0, 4), k).toBe('2022');
      }
      const late = await w.ctx.db.kysely
        .selectFrom('reminders')
        .select('key')
        .where('plan_id', '=', planId)
        .where('kind', '=', 'report_missing')
        .execute();
      expect(late.every((r) => r.key.includes(':report:2022-'))).toBe(true);
      expect(statusBytes['2026-12-01']).toBe(statusBytes['2023-01-15']);
      expect(statusBytes['2026-12-01']).toBeLessThan(200_000);
    });

    it('keeps every response a page opens with under 200 KB, for the office and for the busiest unit', async () => {
      const old = ofBusiestUnit(assignments);
      const { username, password } = users.get(old.unitId) as TestUser;
      const unitCookie = await w.api.login(username, password);
      const officeCookie = await supervisorCookie();
      for (const cookie of [officeCookie, unitCookie]) {
        const paths = pagePaths(planId, old.id, old.unitId, cookie === officeCookie);
        const sizes = await pagePayloadBytes(w.api, cookie, paths);
        for (const [path, bytes] of Object.entries(sizes)) expect(bytes, path).toBeLessThan(200_000);
      }
    });

    it('owes no report after the period: every report form offers 2022 only, and nothing new is reminded', async () => {
      const later = w.ctx.db.kysely.selectFrom('reminders').select('key').where('plan_id', '=', planId);
      expect(await later.where('created_at', '>', '2023-01-16').execute()).toEqual([]);
      for (const a of assignments) {
        const staff = principal(users.get(a.unitId) as TestUser, ['unit_staff'], '');
        const form = await reportForm(w.ctx, staff, a.id);
        expect(form.periods.length, a.key).toBeGreaterThan(0);
        for (const p of form.periods) expect(p.key.slice(0, 4), `${a.key} ${p.key}`).toBe('2022');
        expect(form.period?.key.slice(0, 4), a.key).toBe('2022');
      }
    }, 60_000);

    it('rewrites nothing on a second run the same day', () => {
      expect(idleSecondRun).toEqual({ '2023-01-15': true, '2026-12-01': true });
    });
  });
});
