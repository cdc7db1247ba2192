/** A case's timeline: one row per step, written in the step's transaction (the audit chain holds it too). */
import { randomUUID } from 'node:crypto';
import type { Trx } from '../../context.ts';
import type { Principal } from '../auth/principal.ts';

export interface CaseEventInput {
  at: string;
  action: string;
  from: string | null;
  to: string | null;
  /** The person who took the step; null for the system (ingest, jobs). */
  user: Principal | null;
  /** Who the system acted for (`apikey:dust-video`), when no person did. */
  systemName?: string;
  comment?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function recordCaseEvent(trx: Trx, caseId: string, e: CaseEventInput): Promise<void> {
  const last = await trx
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  await trx
    .insertInto('case_events')
    .values({
      id: randomUUID(),
      case_id: caseId,
      seq: Number(last?.seq ?? 0) + 1,
      at: e.at,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      user_id: e.user?.userId ?? null,
      user_name: e.user?.displayName ?? e.systemName ?? null,
      unit_name: e.user?.unitName ?? null,
      comment: e.comment?.trim() || null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
    })
    .execute();
}
