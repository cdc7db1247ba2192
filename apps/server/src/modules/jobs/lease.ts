/**
 * A lease in the database: one Lantian instance at a time runs the jobs. Taking it is one atomic
 * upsert that succeeds only when the lease is free, expired, or already ours; a crashed holder's
 * lease simply expires.
 */
import type { Executor } from '../../db/connect.ts';

export async function acquireLease(
  db: Executor,
  name: string,
  holder: string,
  now: Date,
  seconds: number,
): Promise<boolean> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + seconds * 1000).toISOString();
  const row = await db
    .insertInto('job_leases')
    .values({ name, holder, acquired_at: at, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, acquired_at: at, expires_at: expires })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', at), eb('job_leases.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Give the lease up (only if we still hold it). */
export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ expires_at: '1970-01-01T00:00:00.000Z' })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

export async function leaseHolder(db: Executor, name: string) {
  return db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
}
