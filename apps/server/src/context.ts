/** What every service needs: the database, the clock and the configuration. */
import type { Transaction } from 'kysely';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, inTransaction } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import type { Actor } from './modules/audit/actor.ts';
import { type AuditInput, recordAudit } from './modules/audit/audit.service.ts';

export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
}

export type Trx = Transaction<Database>;

export function transaction<T>(ctx: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, fn);
}

/** Append an audit record in the given transaction. */
export function audit(ctx: AppContext, trx: Trx, actor: Actor, input: AuditInput): Promise<void> {
  return recordAudit(trx, ctx.db.dialect, ctx.clock, actor, input);
}

export const nowIso = (ctx: AppContext) => ctx.clock.now().toISOString();
