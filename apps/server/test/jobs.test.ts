/**
 * The daily jobs: one instance at a time (a lease), each reminder once even when two instances race
 * (unique keys), nothing lost across a restart, e-mail through the outbox, and `lantian jobs run`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { main } from '../src/cli/main.ts';
import type { AppContext } from '../src/context.ts';
import { acquireLease } from '../src/modules/jobs/lease.ts';
import { deliverOutbox, type MailMessage } from '../src/modules/jobs/mailer.ts';
import { sendPlanReminders } from '../src/modules/jobs/reminders.job.ts';
import { JOBS_LEASE, runJobs } from '../src/modules/jobs/run-jobs.ts';
import { sendReminderDigests } from '../src/modules/notifications/digest.ts';
import { cliIo } from './helpers/cli.ts';
import { DIALECT } from './helpers/db.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let second: AppContext;
/** What the SMTP server received, across every run of the jobs in this file. */
const delivered: MailMessage[] = [];
const mailer = {
  async send(m: MailMessage) {
    delivered.push(m);
  },
};
beforeAll(async () => {
  // 20 June: the 30 June milestones are 10 days away; January to May reports are missing.
  f = await supervisionFixture({ start: '2022-06-20T02:00:00.000Z', smtp: true });
  await f.w.ctx.db.kysely
    .insertInto('user_contacts')
    .values({
      user_id: f.B.staff.id,
      email: 'b-staff@example.gov.cn',
      email_enabled: 1,
      updated_at: '2022-06-01T00:00:00.000Z',
    })
    .execute();
  second = { ...f.w.ctx, db: f.w.testDb.reopen() };
});
afterAll(() => f.w.close());

const db = () => f.w.ctx.db.kysely;
/**
 * Two instances at the same time. On PostgreSQL truly concurrent; two SQLite connections in one
 * process cannot interleave (better-sqlite3 blocks the event loop while it waits for the write lock),
 * so there they run one after the other — separate processes would wait on each other instead.
 */
async function race<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (DIALECT === 'postgres') return Promise.all([a(), b()]);
  return [await a(), await b()];
}
const reminderKeys = async () =>
  (await db().selectFrom('reminders').select('key').execute()).map((r) => r.key).sort();

describe('the lease', () => {
  it('lets one holder in at a time, and another once it expired', async () => {
    const now = f.w.clock.now();
    expect(await acquireLease(db(), 'test-lease', 'one', now, 60)).toBe(true);
    expect(await acquireLease(second.db.kysely, 'test-lease', 'two', now, 60)).toBe(false);
    expect(await acquireLease(db(), 'test-lease', 'one', now, 60)).toBe(true);
    expect(
      await acquireLease(second.db.kysely, 'test-lease', 'two', new Date(now.getTime() + 61_000), 60),
    ).toBe(true);
  });

  it('refuses a run while another instance holds the jobs lease', async () => {
    await acquireLease(second.db.kysely, JOBS_LEASE, 'other-instance', f.w.clock.now(), 60);
    const r = await runJobs(f.w.ctx, { holder: 'me' });
    expect(r).toMatchObject({ ran: false, heldBy: 'other-instance' });
    await second.db.kysely.deleteFrom('job_leases').execute();
  });
});

describe('reminders', () => {
  it('two instances running the jobs at the same time send each reminder once', async () => {
    // A second app on its own connection, as a second Lantian instance.
    const app2 = await buildApp({ db: second.db, config: second.config, clock: second.clock });
    await app2.ready();
    const [x, y] = await Promise.all([
      runJobs(f.w.ctx, { holder: 'one', mailer }),
      runJobs(second, { holder: 'two', mailer }),
    ]);
    await app2.close();
    expect([x.ran, y.ran].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const keys = await reminderKeys();
    // The plan was published on 10 June: reports due before that are not nagged (nobody could have
    // sent them), however late they are now.
    expect(keys.filter((k) => /:report:2022-0[1-5]$/.test(k))).toEqual([]);
    expect(x.remindersSent + y.remindersSent).toBe(keys.length);
    // Even without the lease, racing senders write each reminder and its messages once.
    f.w.clock.set('2022-06-23T02:00:00.000Z');
    const [p, q] = await race(
      () => sendPlanReminders(f.w.ctx, f.planId, '2022-06-23', 'one'),
      () => sendPlanReminders(second, f.planId, '2022-06-23', 'two'),
    );
    const after = await reminderKeys();
    expect(p + q).toBe(after.length - keys.length);
    expect(after.filter((k) => k.endsWith(':2022-06-30:7')).length).toBe(5);
    // Digests written again (by another instance): still one per person and day.
    await sendReminderDigests(f.w.ctx, '2022-06-23');
    await sendReminderDigests(second, '2022-06-23');
    await deliverOutbox(f.w.ctx, mailer, 'one');
    const notes = await db()
      .selectFrom('notifications')
      .select(['dedupe_key', 'user_id', 'day'])
      .where('kind', 'like', 'reminder.%')
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(new Set(notes.map((n) => n.dedupe_key)).size).toBe(notes.length);
    expect(new Set(notes.map((n) => `${n.user_id}:${n.day}`)).size).toBe(notes.length);
  });

  it('catches up after a restart without sending anything twice', async () => {
    const before = await reminderKeys();
    // The server was down from the 23rd; a new instance starts on the 29th.
    f.w.clock.set('2022-06-29T02:00:00.000Z');
    const r = await runJobs(second, { holder: 'restarted', mailer });
    expect(r.ran).toBe(true);
    const after = await reminderKeys();
    // Owed now: the 1-day reminders, and the June report that was due on the 25th.
    expect(
      after
        .filter((k) => !before.includes(k))
        .every((k) => k.endsWith(':2022-06-30:1') || k.endsWith(':report:2022-06')),
    ).toBe(true);
    expect(after.filter((k) => k.endsWith(':2022-06-30:1')).length).toBe(5);
    // The 3-day reminder's day was missed; the 1-day one is what is owed now (never both at once).
    expect(after.filter((k) => k.endsWith(':2022-06-30:3')).length).toBe(0);
    expect((await runJobs(f.w.ctx, { holder: 'again', mailer })).remindersSent).toBe(0);
  });
});

describe('e-mail', () => {
  it('queues reminders for users with an address; every queued message reached the SMTP server once', async () => {
    const queued = await db().selectFrom('email_outbox').selectAll().execute();
    expect(queued.length).toBeGreaterThan(0);
    expect(new Set(queued.map((q) => q.to_address))).toEqual(new Set(['b-staff@example.gov.cn']));
    expect(queued.every((q) => q.sent_at !== null)).toBe(true);
    expect(delivered.map((m) => m.subject).sort()).toEqual(queued.map((q) => q.subject).sort());
    expect(delivered[0]?.subject).toMatch(/^【蓝天】/);
  });

  it('retries a message the server refused, later, and sends it once', async () => {
    const now = f.w.clock.now().toISOString();
    await db()
      .insertInto('email_outbox')
      .values(
        ['一', '二'].map((n) => ({
          id: `test-mail-${n}`,
          user_id: f.B.staff.id,
          to_address: 'b-staff@example.gov.cn',
          subject: `测试 ${n}`,
          body: '正文',
          dedupe_key: null,
          created_at: now,
          attempts: 0,
          next_attempt_at: now,
          locked_by: null,
          locked_until: null,
          sent_at: null,
          failed_at: null,
          last_error: null,
        })),
      )
      .execute();
    const sent: MailMessage[] = [];
    let failNext = true;
    const flaky = {
      async send(m: MailMessage) {
        if (failNext) {
          failNext = false;
          throw new Error('421 try again later');
        }
        sent.push(m);
      },
    };
    expect(await deliverOutbox(f.w.ctx, flaky, 'one')).toEqual({ sent: 1, failed: 1 });
    // Not yet: the retry waits.
    expect(await deliverOutbox(second, flaky, 'two')).toEqual({ sent: 0, failed: 0 });
    f.w.clock.advance(5 * 60_000);
    expect(await deliverOutbox(second, flaky, 'two')).toEqual({ sent: 1, failed: 0 });
    expect(sent.map((m) => m.subject).sort()).toEqual(['测试 一', '测试 二']);
    const rows = await db()
      .selectFrom('email_outbox')
      .selectAll()
      .where('id', 'like', 'test-mail-%')
      .execute();
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.attempts === 2)?.last_error).toMatch(/421/);
  });
});

describe('lantian jobs run', () => {
  it('runs the jobs as of a date and prints what it did', async () => {
    const io = cliIo(f.w.testDb.env);
    expect(await main(['jobs', 'run', '--at', '2022-07-01'], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out).toMatchObject({ ran: true, asOf: '2022-07-01' });
    const bad = cliIo(f.w.testDb.env);
    expect(await main(['jobs', 'run', '--at', '2022-02-30'], bad)).toBe(2);
    expect(bad.err()).toMatch(/YYYY-MM-DD/);
    const status = cliIo(f.w.testDb.env);
    expect(await main(['status', '--plan', f.planId, '--at', '2022-07-01', '--json'], status)).toBe(0);
    const measures = JSON.parse(status.out()).measures;
    expect(measures.map((m: { task: number; light: string }) => `${m.task}:${m.light}`)).toEqual([
      '1:red',
      '2:red',
    ]);
    expect(measures[0].reasons.find((r: { code: string }) => r.code === 'MILESTONE_OVERDUE')).toMatchObject({
      due: '2022-06-30',
      message: '节点“6月底前”已于 2022-06-30 到期，尚未完成',
    });
  });
});

it(`runs on ${DIALECT}`, () => expect(DIALECT).toMatch(/sqlite|postgres/));
