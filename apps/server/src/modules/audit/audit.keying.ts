/**
 * The boundary between the unkeyed chain of older installations and the keyed one: one signed row
 * naming the first record with an HMAC. Written once, at the first start after the keying migration.
 */
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { AuditKeyingTable } from '../../db/schema-safety.ts';
import { auditKey } from '../../secrets.ts';
import { KEYED_ALGORITHM, sign, signatureValid } from './audit.hash.ts';
import { lastAuditEvent, lockAuditChain } from './audit.repository.ts';

const signedText = (r: Omit<AuditKeyingTable, 'id' | 'mac'>) =>
  `lantian-audit-keying\n${r.boundary_seq}\n${r.algorithm}\n${r.created_at}`;

export async function auditKeying(db: Executor): Promise<AuditKeyingTable | undefined> {
  return db.selectFrom('audit_keying').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Whether the boundary row is the one Lantian signed. */
export function keyingValid(ctx: AppContext, row: AuditKeyingTable): boolean {
  return signatureValid(auditKey(ctx.config), signedText(row), row.mac, row.algorithm);
}

/** Write the boundary if it is not there yet: the next record is the first keyed one. */
export async function ensureAuditKeying(ctx: AppContext): Promise<void> {
  if (await auditKeying(ctx.db.kysely)) return;
  const key = auditKey(ctx.config);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await lockAuditChain(trx, ctx.db.dialect);
    if (await auditKeying(trx)) return;
    const last = await lastAuditEvent(trx);
    const row = {
      boundary_seq: (last?.seq ?? 0) + 1,
      algorithm: KEYED_ALGORITHM,
      created_at: ctx.clock.now().toISOString(),
    };
    await trx
      .insertInto('audit_keying')
      .values({ id: 1, ...row, mac: sign(key, signedText(row)) })
      .execute();
  });
}
