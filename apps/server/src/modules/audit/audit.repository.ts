import { sql, type Transaction } from 'kysely';
import type { DialectName, Executor } from '../../db/connect.ts';
import type { AuditEventsTable, Database } from '../../db/schema.ts';
import { likeTerm } from '../directory/directory.query.ts';

/** Arbitrary constant naming the audit chain's lock on PostgreSQL. */
const AUDIT_LOCK_KEY = 727_101_2022;

/**
 * Serialise writers of the chain until the transaction ends. SQLite's BEGIN IMMEDIATE already holds
 * the database's write lock; PostgreSQL needs an advisory lock, or two transactions would chain to the
 * same previous record.
 */
export async function lockAuditChain(trx: Transaction<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
}

export async function lastAuditEvent(trx: Executor): Promise<{ seq: number; hash: string } | undefined> {
  return trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function lastFullAuditEvent(trx: Executor): Promise<AuditEventsTable | undefined> {
  return trx.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditEvent(trx: Executor, row: AuditEventsTable): Promise<void> {
  await trx.insertInto('audit_events').values(row).execute();
}

export async function auditPage(
  db: Executor,
  opts: {
    afterSeq?: number;
    beforeSeq?: number;
    limit: number;
    action?: string;
    userId?: string;
    outcome?: string;
    /** Each word in the user name, unit name, IP address or object id (case-insensitive). */
    words?: readonly string[];
    order: 'asc' | 'desc';
  },
): Promise<AuditEventsTable[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (opts.outcome) q = q.where('outcome', '=', opts.outcome as AuditEventsTable['outcome']);
  for (const word of opts.words ?? []) {
    const term = likeTerm(word.toLowerCase());
    q = q.where((eb) =>
      eb.or(
        ['username', 'unit_name', 'ip', 'object_id'].map(
          (c) => sql<boolean>`lower(${sql.ref(c)}) like ${term} escape '\\'`,
        ),
      ),
    );
  }
  if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
  if (opts.beforeSeq !== undefined) q = q.where('seq', '<', opts.beforeSeq);
  if (opts.action) q = q.where('action', '=', opts.action);
  if (opts.userId) q = q.where('user_id', '=', opts.userId);
  return q.orderBy('seq', opts.order).limit(opts.limit).execute();
}

/**
 * Remove archived records: the one path past the append-only triggers, inside the archiving
 * transaction (the triggers are back before it commits).
 */
export async function deleteAuditRange(
  trx: Transaction<Database>,
  dialect: DialectName,
  fromSeq: number,
  toSeq: number,
): Promise<void> {
  const del = () => trx.deleteFrom('audit_events').where('seq', '>=', fromSeq).where('seq', '<=', toSeq);
  if (dialect === 'postgres') {
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(trx);
    await del().execute();
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(trx);
  } else {
    await sql`drop trigger audit_events_no_delete`.execute(trx);
    await del().execute();
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only (DELETE refused)'); end`.execute(trx);
  }
}
