/**
 * E-mail: the outbox is filled in the same transactions as the notifications; this delivers it. Rows
 * are claimed with a short lock (so two instances never send the same row at the same time), marked
 * sent after the SMTP server accepted them, and retried with a growing delay when it did not; after
 * `mailMaxAttempts` a row is marked failed. A crash between sending and marking sends that one
 * message again after the lock expires — SMTP offers nothing better than at-least-once.
 */
import nodemailer from 'nodemailer';
import type { AppContext } from '../../context.ts';
import { openEmail } from '../contacts/contact-cipher.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(m: MailMessage): Promise<void>;
}

/** An SMTP mailer from LANTIAN_SMTP_URL (nodemailer; STARTTLS on 587, TLS with smtps://). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

const CLAIM_MS = 5 * 60_000;

/** Thrown when the process is shutting down: the delivery stops, its unsent rows are freed at once. */
export class JobsStopped extends Error {
  override readonly name = 'JobsStopped';
}

/** The promise's outcome, or JobsStopped as soon as the signal fires (the promise is abandoned). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new JobsStopped('the server is shutting down'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    // Settling after the stop changes nothing, and the abandoned promise's failure is still handled.
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Give this delivery's unsent rows back, so that the next run (on any instance) takes them at once. */
async function unclaim(ctx: AppContext, holder: string, until: string): Promise<void> {
  await ctx.db.kysely
    .updateTable('email_outbox')
    .set({ locked_by: null, locked_until: null })
    .where('locked_by', '=', holder)
    .where('locked_until', '=', until)
    .where('sent_at', 'is', null)
    .execute();
}

export async function deliverOutbox(
  ctx: AppContext,
  mailer: Mailer,
  holder: string,
  opts: { limit?: number; signal?: AbortSignal } = {},
): Promise<{ sent: number; failed: number }> {
  const limit = opts.limit ?? 50;
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const until = new Date(now.getTime() + CLAIM_MS).toISOString();
  const free = (
    eb: import('kysely').ExpressionBuilder<import('../../db/schema.ts').Database, 'email_outbox'>,
  ) =>
    eb.and([
      eb('sent_at', 'is', null),
      eb('failed_at', 'is', null),
      eb('next_attempt_at', '<=', at),
      eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]),
    ]);
  await db
    .updateTable('email_outbox')
    .set({ locked_by: holder, locked_until: until })
    .where((eb) =>
      eb.and([
        free(eb),
        eb(
          'id',
          'in',
          eb.selectFrom('email_outbox').select('id').where(free).orderBy('created_at').limit(limit),
        ),
      ]),
    )
    .execute();
  const claimed = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('locked_by', '=', holder)
    .where('locked_until', '=', until)
    .where('sent_at', 'is', null)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    if (opts.signal?.aborted) {
      await unclaim(ctx, holder, until);
      throw new JobsStopped('the server is shutting down');
    }
    try {
      await untilAborted(
        mailer.send({ to: openEmail(ctx.config, m.to_address), subject: m.subject, text: m.body }),
        opts.signal,
      );
      await db
        .updateTable('email_outbox')
        .set({
          sent_at: ctx.clock.now().toISOString(),
          attempts: m.attempts + 1,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', m.id)
        .execute();
      sent++;
    } catch (e) {
      if (e instanceof JobsStopped) {
        // Whether the SMTP server took the message is unknown: it is sent again later (at least once).
        await unclaim(ctx, holder, until);
        throw e;
      }
      const attempts = m.attempts + 1;
      const giveUp = attempts >= ctx.config.supervision.mailMaxAttempts;
      await db
        .updateTable('email_outbox')
        .set({
          attempts,
          last_error: String((e as Error).message ?? e).slice(0, 500),
          next_attempt_at: new Date(now.getTime() + 2 ** attempts * 60_000).toISOString(),
          failed_at: giveUp ? ctx.clock.now().toISOString() : null,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', m.id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}
