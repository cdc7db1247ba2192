/**
 * 催办汇总 and the grouped notification centre: a unit's reminders of a day reach each person as one
 * digest (from the hour they chose, or one message each when they opt out), nothing is said about
 * reports due before the plan was published or before the account existed, and the centre groups by
 * day and kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../src/clock.ts';
import { runJobs } from '../src/modules/jobs/run-jobs.ts';
import { makeUser } from './helpers/context.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let staffA: string;
let leaderA: string;

beforeAll(async () => {
  // Published on 20 June (10:00 Beijing): the 30 June milestones are 10 days away; reports for January
  // to May were due before the plan reached anyone.
  f = await supervisionFixture({ start: '2022-06-20T02:00:00.000Z' });
  staffA = await f.login(f.A.staff);
  leaderA = await f.login(f.A.leader);
});
afterAll(() => f.w.close());

const notes = (userId: string) =>
  f.w.ctx.db.kysely
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', 'like', 'reminder.%')
    .orderBy('created_at')
    .execute();

describe('reminder digests', () => {
  it('are configurable: on by default from 8:00; opting out, or a later hour, is kept', async () => {
    const d = await f.w.api.get('/api/v1/me/notification-settings', staffA);
    expect(d.body).toMatchObject({ digestEnabled: true, digestHour: 8 });
    const off = await f.w.api.put(
      '/api/v1/me/notification-settings',
      { email: null, emailEnabled: false, digestEnabled: false },
      leaderA,
    );
    expect(off.body).toMatchObject({ digestEnabled: false, digestHour: 8 });
    const bad = await f.w.api.put(
      '/api/v1/me/notification-settings',
      { email: null, emailEnabled: false, digestHour: 24 },
      staffA,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/digestHour/);
    const later = await f.w.api.put(
      '/api/v1/me/notification-settings',
      { email: null, emailEnabled: false, digestHour: 17 },
      staffA,
    );
    expect(later.body).toMatchObject({ digestEnabled: true, digestHour: 17 });
  });

  it('send the day’s reminders as one message per person, from their hour; opted-out people get each', async () => {
    f.w.clock.set('2022-06-23T01:00:00.000Z'); // 09:00 in Beijing: 7 days before 30 June
    const run = await runJobs(f.w.ctx, { holder: 'one' });
    expect(run.remindersSent).toBeGreaterThan(1);
    // The leader opted out: one message per reminder of unit 甲.
    const single = await notes(f.A.leader.id);
    expect(single.length).toBeGreaterThan(1);
    expect(single.every((n) => n.kind !== 'reminder.digest')).toBe(true);
    // The staff member chose 17:00: nothing yet.
    expect(await notes(f.A.staff.id)).toEqual([]);
    // 乙's staff keeps the default (8:00): one digest listing all of 乙's reminders.
    const b = await notes(f.B.staff.id);
    expect(b).toHaveLength(1);
    expect(b[0]?.kind).toBe('reminder.digest');
    expect(b[0]?.title).toMatch(/^催办汇总：2022-06-23 本单位共 \d+ 项待办$/);

    f.w.clock.advance(9 * HOUR); // 18:00
    await runJobs(f.w.ctx, { holder: 'two' });
    await runJobs(f.w.ctx, { holder: 'three' });
    const a = await notes(f.A.staff.id);
    expect(a).toHaveLength(1);
    expect(a[0]?.body.split('\n').filter((l) => l.startsWith('· 措施')).length).toBe(single.length);
    expect(await notes(f.B.staff.id)).toHaveLength(1);
  });

  it('never mention reports due before the plan was published, nor before the account existed', async () => {
    const all = await f.w.ctx.db.kysely.selectFrom('reminders').select(['kind', 'due']).execute();
    expect(all.filter((r) => r.kind === 'report_missing' && r.due < '2022-06-20')).toEqual([]);
    // July: June's report is missing. A colleague who joined 乙 on 8 July is not told about it.
    f.w.clock.set('2022-07-08T01:00:00.000Z');
    const newcomer = await makeUser(f.w.ctx, { unitId: f.B.id, roles: ['unit_staff'] });
    f.w.clock.set('2022-07-10T01:00:00.000Z');
    await runJobs(f.w.ctx, { holder: 'july' });
    const late = await f.w.ctx.db.kysely
      .selectFrom('reminders')
      .select('due')
      .where('kind', '=', 'report_missing')
      .where('unit_id', '=', f.B.id)
      .execute();
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((r) => r.due < '2022-07-08')).toBe(true);
    const told = (await notes(newcomer.id)).map((n) => n.body).join('\n');
    expect(told).not.toMatch(/未报送/);
    const old = (await notes(f.B.staff.id)).map((n) => n.body).join('\n');
    expect(old).toMatch(/未报送/);
  });
});

describe('the notification centre', () => {
  it('groups messages by day and kind, with counts, and opens one group', async () => {
    leaderA = await f.login(f.A.leader); // the clock has moved on: a fresh session
    const r = await f.w.api.get('/api/v1/notifications/groups', leaderA);
    expect(r.status).toBe(200);
    const june23 = r.body.groups.find((g: { day: string; kind: string }) => g.day === '2022-06-23');
    expect(june23.count).toBeGreaterThan(1);
    expect(june23.unread).toBe(june23.count);
    expect(june23.latestTitle).toMatch(/催办/);
    const days = r.body.groups.map((g: { day: string }) => g.day);
    expect(days).toEqual([...days].sort().reverse());
    const open = await f.w.api.get(`/api/v1/notifications?day=2022-06-23&kind=${june23.kind}`, leaderA);
    expect(open.body.total).toBe(june23.count);
    expect(open.body.notifications.every((n: { kind: string }) => n.kind === june23.kind)).toBe(true);
    const bad = await f.w.api.get('/api/v1/notifications?day=2022-6-23', leaderA);
    expect(bad.status).toBe(400);
  });
});
