/**
 * Column mappings a supervisor chose, remembered by the table's header signature and applied again
 * (by default, said so) when a document with the same header arrives.
 */
import { createHash } from 'node:crypto';
import type { ColumnChoice, Plan } from '@lantian/core';
import type { Executor } from '../../db/connect.ts';

/** SHA-256 of the header cells in order (whitespace removed), so a re-typed header still matches. */
export function headerSignature(headers: string[]): string {
  return createHash('sha256')
    .update(headers.map((h) => h.replace(/\s+/g, '')).join('\t'))
    .digest('hex');
}

export const headersOf = (plan: Plan): string[] => plan.columns.map((c) => c.header);

/** The roles remembered for this header, or null. Headers no longer in the table are dropped. */
export async function rememberedColumns(db: Executor, headers: string[]): Promise<ColumnChoice | null> {
  const row = await db
    .selectFrom('column_mappings')
    .select('roles')
    .where('signature', '=', headerSignature(headers))
    .executeTakeFirst();
  if (!row) return null;
  const roles = JSON.parse(row.roles) as ColumnChoice;
  const present = new Set(headers);
  const kept = Object.fromEntries(Object.entries(roles).filter(([h]) => present.has(h)));
  return Object.keys(kept).length > 0 ? kept : null;
}

/** Remember (or replace) the roles chosen for this header. */
export async function rememberColumns(
  db: Executor,
  headers: string[],
  roles: ColumnChoice,
  userId: string | null,
  now: string,
): Promise<void> {
  const row = {
    signature: headerSignature(headers),
    headers: JSON.stringify(headers),
    roles: JSON.stringify(roles),
    chosen_by: userId,
    chosen_at: now,
  };
  await db
    .insertInto('column_mappings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('signature')
        .doUpdateSet({ roles: row.roles, headers: row.headers, chosen_by: userId, chosen_at: now }),
    )
    .execute();
}
