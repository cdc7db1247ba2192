/**
 * The daily supervision jobs, as of today by the one clock: bring every published plan's status
 * summaries up to date (lights change as dates pass), send the reminders owed, escalate overdue
 * notices, deliver queued e-mail. One instance at a time holds the lease; the unique reminder keys
 * keep the result exactly-once even if two ever overlapped.
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IsoDate } from '@lantian/core';
import { sql } from 'kysely';
import { type AppContext, audit } from '../../context.ts';
import { systemActor } from '../audit/actor.ts';
import { casesDue, runCaseJobs } from '../cases/cases.jobs.ts';
import { sendReminderDigests } from '../notifications/digest.ts';
import { refreshDue } from '../status/summary.ts';
import { todayOf } from '../supervision/day.ts';
import { escalateOverdueNotices, overdueNotices } from './escalation.job.ts';
import { acquireLease, leaseHolder, releaseLease } from './lease.ts';
import { deliverOutbox, JobsStopped, type Mailer, smtpMailer } from './mailer.ts';
import { sendPlanReminders } from './reminders.job.ts';
import { evaluateDueRules, rulesDue } from './rules.job.ts';

export const JOBS_LEASE = 'supervision-jobs';

/** A name for this process, as lease holder and reminder sender. */
function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

interface JobsResult {
  ran: boolean;
  /** Nothing was due (no status to recheck, no notice overdue, no mail waiting): nothing was locked or written. */
  idle?: boolean;
  asOf: IsoDate;
  holder: string;
  /** Who holds the lease, when this run did not get it. */
  heldBy?: string;
  plans: number;
  statusesChanged: number;
  remindersSent: number;
  /** Why the run was needed (the first thing found due). */
  dueBecause?: string;
  /** Daily reminder digests written or brought up to date (notifications/digest.ts). */
  digestsSent?: number;
  noticesEscalated: number;
  /** Proposals the office's rules made on measured data (jobs/rules.job.ts). */
  proposalsMade?: number;
  /** Problem cases reminded before their due day, and escalated after it (cases/cases.jobs.ts). */
  casesReminded?: number;
  casesEscalated?: number;
  emailsSent: number;
  emailsFailed: number;
}

/**
 * Whether a run would do anything as of a day: a published plan whose summaries are not brought to
 * this day or have an assignment due for a recheck (or none yet), a yellow notice past its reply date,
 * or (with a mailer) an e-mail waiting. Reads only.
 */
/** What makes a run necessary (for the report and the benchmarks), or null when nothing is due. */
async function anythingDue(ctx: AppContext, asOf: IsoDate, mail: boolean): Promise<string | null> {
  const db = ctx.db.kysely;
  const plans = await db
    .selectFrom('plans as p')
    .leftJoin('meta as x', (j) => j.on('x.key', '=', sql<string>`'status_as_of:' || p.id`))
    .select(['p.id', 'x.value'])
    .where('p.status', '=', 'published')
    .execute();
  if (plans.some((p) => p.value !== asOf)) return 'plan status not yet refreshed today';
  const [rows, missing, notices, outbox] = await Promise.all([
    db
      .selectFrom('assignment_status as s')
      .innerJoin('plans as p', 'p.id', 's.plan_id')
      .select('s.assignment_id')
      .where('p.status', '=', 'published')
      .where((eb) => eb.or([eb('s.recheck_on', '<=', asOf), eb('s.computed_on', '>', asOf)]))
      .limit(1)
      .execute(),
    db
      .selectFrom('assignments as a')
      .innerJoin('plans as p', 'p.id', 'a.plan_id')
      .leftJoin('assignment_status as s', 's.assignment_id', 'a.id')
      .select('a.id')
      .where('p.status', '=', 'published')
      .where('s.assignment_id', 'is', null)
      .limit(1)
      .execute(),
    overdueNotices(db, asOf).limit(1).execute(),
    mail
      ? db
          .selectFrom('email_outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('failed_at', 'is', null)
          .where('next_attempt_at', '<=', ctx.clock.now().toISOString())
          .limit(1)
          .execute()
      : Promise.resolve([]),
  ]);
  if (rows.length > 0) return 'assignment status to recheck';
  if (missing.length > 0) return 'assignment without status';
  if (notices.length > 0) return 'notice overdue';
  if (outbox.length > 0) return 'e-mail waiting';
  if ((await rulesDue(db, asOf)).length > 0) return 'monitoring rule to evaluate';
  const cases = await casesDue(ctx, asOf);
  if (cases.remind.length + cases.escalate.length > 0) return 'case to remind or escalate';
  return null;
}

/** The mailer the configuration asks for, if any. */
function configuredMailer(ctx: AppContext): Mailer | undefined {
  const s = ctx.config.supervision;
  return s.smtpUrl ? smtpMailer(s.smtpUrl, s.mailFrom) : undefined;
}

export async function runJobs(
  ctx: AppContext,
  opts: { holder?: string; mailer?: Mailer; signal?: AbortSignal } = {},
): Promise<JobsResult> {
  const holder = opts.holder ?? instanceName();
  const asOf = todayOf(ctx.clock);
  const result: JobsResult = {
    ran: false,
    asOf,
    holder,
    plans: 0,
    statusesChanged: 0,
    remindersSent: 0,
    noticesEscalated: 0,
    emailsSent: 0,
    emailsFailed: 0,
  };
  const db = ctx.db.kysely;
  const mailer = opts.mailer ?? configuredMailer(ctx);
  // The jobs run every few minutes and mostly find nothing to do: look before taking the lease. Today's
  // digests may still be owed (their hour came later than the reminders): writing them is idempotent.
  const due = await anythingDue(ctx, asOf, !!mailer);
  if (!due) {
    const digests = await sendReminderDigests(ctx, asOf);
    return { ...result, ran: true, idle: digests === 0, digestsSent: digests };
  }
  const leaseSeconds = ctx.config.supervision.jobsLeaseSeconds;
  // Each step first checks that the process is not shutting down, then renews the lease.
  const renew = () => {
    if (opts.signal?.aborted) throw new JobsStopped('the server is shutting down');
    return acquireLease(db, JOBS_LEASE, holder, ctx.clock.now(), leaseSeconds);
  };
  if (!(await renew())) {
    result.heldBy = (await leaseHolder(db, JOBS_LEASE))?.holder;
    return result;
  }
  result.ran = true;
  result.dueBecause = due;
  try {
    const plans = await db
      .selectFrom('plans')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    result.plans = plans.length;
    for (const p of plans) {
      if (!(await renew())) throw new Error('lost the jobs lease');
      // Only the assignments whose recheck day has come; their facts are read once, for the status
      // refresh and the reminders alike.
      const { snapshot, computed, changed } = await refreshDue(ctx, p.id, asOf, 'daily');
      result.statusesChanged += changed;
      if (snapshot)
        result.remindersSent += await sendPlanReminders(ctx, p.id, asOf, holder, snapshot, computed);
    }
    if (!(await renew())) throw new Error('lost the jobs lease');
    result.digestsSent = await sendReminderDigests(ctx, asOf);
    result.noticesEscalated = await escalateOverdueNotices(ctx, asOf);
    if (!(await renew())) throw new Error('lost the jobs lease');
    result.proposalsMade = await evaluateDueRules(ctx, asOf);
    if (!(await renew())) throw new Error('lost the jobs lease');
    const cases = await runCaseJobs(ctx, asOf);
    result.casesReminded = cases.reminded;
    result.casesEscalated = cases.escalated;
    if (mailer) {
      if (!(await renew())) throw new Error('lost the jobs lease');
      const mail = await deliverOutbox(ctx, mailer, holder, { signal: opts.signal });
      result.emailsSent = mail.sent;
      result.emailsFailed = mail.failed;
    }
    // A run that changed nothing leaves no record (the jobs run every few minutes).
    const did =
      result.statusesChanged +
      result.remindersSent +
      (result.digestsSent ?? 0) +
      result.noticesEscalated +
      (result.proposalsMade ?? 0) +
      (result.casesReminded ?? 0) +
      (result.casesEscalated ?? 0) +
      result.emailsSent +
      result.emailsFailed;
    if (did > 0)
      await db.transaction().execute((trx) =>
        audit(ctx, trx, systemActor(), {
          action: 'jobs.run',
          objectType: 'jobs',
          objectId: JOBS_LEASE,
          detail: { ...result },
        }),
      );
    return result;
  } finally {
    await releaseLease(db, JOBS_LEASE, holder);
  }
}

/**
 * Run the jobs now and then every `intervalMinutes` (no overlap within a process); returns stop(),
 * which makes a run in progress stop at its next step (an e-mail being handed to a stalled SMTP server
 * is abandoned) and resolves once it has released its lease.
 */
export function startJobScheduler(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void },
): () => Promise<void> {
  const minutes = ctx.config.supervision.jobsIntervalMinutes;
  if (minutes <= 0) return async () => {};
  const holder = instanceName();
  const stopping = new AbortController();
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running || stopping.signal.aborted) return;
    running = runJobs(ctx, { holder, signal: stopping.signal })
      .then((r) => {
        if (r.ran) log.info(r, 'supervision jobs ran');
      })
      .catch((e) =>
        e instanceof JobsStopped
          ? log.info({ holder }, 'supervision jobs stopped for shutdown')
          : log.error({ err: e }, 'supervision jobs failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 5_000);
  const every = setInterval(tick, minutes * 60_000);
  first.unref();
  every.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(every);
    stopping.abort();
    await running;
  };
}
