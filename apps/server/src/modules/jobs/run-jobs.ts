/**
 * The daily supervision jobs, as of today by the one clock: bring every published plan's status
 * summaries up to date (lights change as dates pass), send the reminders owed, escalate overdue
 * notices, deliver queued e-mail. One instance at a time holds the lease; the unique reminder keys
 * keep the result exactly-once even if two ever overlapped.
 */

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IsoDate } from '@lantian/core';
import { type AppContext, audit } from '../../context.ts';
import { systemActor } from '../audit/actor.ts';
import { refreshDue } from '../status/summary.ts';
import { todayOf } from '../supervision/day.ts';
import { escalateOverdueNotices } from './escalation.job.ts';
import { acquireLease, leaseHolder, releaseLease } from './lease.ts';
import { deliverOutbox, type Mailer, smtpMailer } from './mailer.ts';
import { sendPlanReminders } from './reminders.job.ts';

export const JOBS_LEASE = 'supervision-jobs';

/** A name for this process, as lease holder and reminder sender. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface JobsResult {
  ran: boolean;
  asOf: IsoDate;
  holder: string;
  /** Who holds the lease, when this run did not get it. */
  heldBy?: string;
  plans: number;
  statusesChanged: number;
  remindersSent: number;
  noticesEscalated: number;
  emailsSent: number;
  emailsFailed: number;
}

/** The mailer the configuration asks for, if any. */
export function configuredMailer(ctx: AppContext): Mailer | undefined {
  const s = ctx.config.supervision;
  return s.smtpUrl ? smtpMailer(s.smtpUrl, s.mailFrom) : undefined;
}

export async function runJobs(
  ctx: AppContext,
  opts: { holder?: string; mailer?: Mailer } = {},
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
  const leaseSeconds = ctx.config.supervision.jobsLeaseSeconds;
  const renew = () => acquireLease(db, JOBS_LEASE, holder, ctx.clock.now(), leaseSeconds);
  if (!(await renew())) {
    result.heldBy = (await leaseHolder(db, JOBS_LEASE))?.holder;
    return result;
  }
  result.ran = true;
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
    result.noticesEscalated = await escalateOverdueNotices(ctx, asOf);
    const mailer = opts.mailer ?? configuredMailer(ctx);
    if (mailer) {
      const mail = await deliverOutbox(ctx, mailer, holder);
      result.emailsSent = mail.sent;
      result.emailsFailed = mail.failed;
    }
    // A run that changed nothing leaves no record (the jobs run every few minutes).
    const did =
      result.statusesChanged +
      result.remindersSent +
      result.noticesEscalated +
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

/** Run the jobs now and then every `intervalMinutes` (no overlap within a process); returns stop(). */
export function startJobScheduler(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void },
): () => Promise<void> {
  const minutes = ctx.config.supervision.jobsIntervalMinutes;
  if (minutes <= 0) return async () => {};
  const holder = instanceName();
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runJobs(ctx, { holder })
      .then((r) => {
        if (r.ran) log.info(r, 'supervision jobs ran');
      })
      .catch((e) => log.error({ err: e }, 'supervision jobs failed'))
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
    await running;
  };
}
