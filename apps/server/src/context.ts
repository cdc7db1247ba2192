/** What every service needs: the database, the clock and the configuration. */
import type { Transaction } from 'kysely';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, inTransaction } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import type { Actor } from './modules/audit/actor.ts';
import { scheduleCheckpoint } from './modules/audit/audit.checkpoint.ts';
import { type AuditInput, recordAudit } from './modules/audit/audit.service.ts';
import { auditKey } from './secrets.ts';

export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
}

export type Trx = Transaction<Database>;

export function transaction<T>(ctx: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, fn);
}

/**
 * Append an audit record in the given transaction; every `checkpointEveryRecords` records a signed
 * checkpoint of the chain is written outside the database once the change has committed.
 */
export async function audit(ctx: AppContext, trx: Trx, actor: Actor, input: AuditInput): Promise<void> {
  const seq = await recordAudit(trx, ctx.db.dialect, ctx.clock, actor, input, auditKey(ctx.config));
  if (seq % ctx.config.safety.checkpointEveryRecords === 0) scheduleCheckpoint(ctx);
}

export const nowIso = (ctx: AppContext) => ctx.clock.now().toISOString();
