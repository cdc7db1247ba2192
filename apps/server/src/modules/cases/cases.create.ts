/**
 * A case comes in: from another system's alarm (POST /ingest/alarms, idempotent on source and
 * external id) or entered by the office. Its place is matched to the areas, it gets its running
 * number, and an earlier case at the same place and category within the repeat window is linked:
 * `duplicateOf` while that one is still open, `repeatOf` once it was closed.
 */
import { randomUUID } from 'node:crypto';
import type { CaseOrigin, CaseSeverity } from '@lantian/contract';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { CasesTable } from '../../db/schema.ts';
import type { Actor } from '../audit/actor.ts';
import type { Principal } from '../auth/principal.ts';
import { notify, supervisorRecipients } from '../notifications/notify.ts';
import { beijingDay } from '../supervision/day.ts';
import { recordCaseEvent } from './cases.events.ts';
import { UNESCALATED } from './cases.kind.ts';
import { resolvePlace } from './cases.place.ts';
import { activeCategory, readCaseSettings } from './cases.settings.ts';

export interface NewCase {
  origin: CaseOrigin;
  source: string;
  externalId: string | null;
  category: string;
  severity: CaseSeverity;
  occurredAt: string;
  district?: string | null;
  street?: string | null;
  address: string;
  lat?: number | null;
  lng?: number | null;
  description: string;
  measureId?: string | null;
}

export interface CreatedCase {
  id: string;
  state: CasesTable['state'];
  duplicateOf: string | null;
  /** False when `(source, externalId)` was already known: the earlier case is returned. */
  created: boolean;
}

async function nextNumber(trx: Trx, year: number): Promise<string> {
  const row = await trx
    .insertInto('case_numbers')
    .values({ year, n: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ n: eb('case_numbers.n', '+', 1) })))
    .returning('n')
    .executeTakeFirstOrThrow();
  return `AJ-${year}-${String(row.n).padStart(6, '0')}`;
}

async function known(trx: Trx, source: string, externalId: string | null) {
  if (externalId === null) return undefined;
  return trx
    .selectFrom('cases')
    .select(['id', 'state', 'duplicate_of'])
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/** The latest earlier case at the same place and category within the window (voided ones aside). */
async function earlierAtPlace(trx: Trx, placeKey: string, category: string, since: string) {
  return trx
    .selectFrom('cases')
    .select(['id', 'state'])
    .where('place_key', '=', placeKey)
    .where('category', '=', category)
    .where('reported_at', '>=', since)
    .where('state', '!=', 'voided')
    .orderBy('reported_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function createCase(
  ctx: AppContext,
  actor: Actor,
  user: Principal | null,
  input: NewCase,
): Promise<CreatedCase> {
  return transaction(ctx, (trx) => insertCase(ctx, trx, actor, user, input));
}

/** Inside the caller's transaction: the case, its first timeline entry, the audit record, the office told. */
export async function insertCase(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  user: Principal | null,
  input: NewCase,
): Promise<CreatedCase> {
  const seen = await known(trx, input.source, input.externalId);
  if (seen) return { id: seen.id, state: seen.state, duplicateOf: seen.duplicate_of, created: false };
  const category = await activeCategory(trx, input.category);
  const place = await resolvePlace(trx, input);
  const settings = await readCaseSettings(trx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const since = new Date(now.getTime() - settings.repeatWindowDays * 86_400_000).toISOString();
  const earlier =
    settings.repeatWindowDays > 0
      ? await earlierAtPlace(trx, place.placeKey, input.category, since)
      : undefined;
  const duplicateOf = earlier && earlier.state !== 'closed' ? earlier.id : null;
  const repeatOf = earlier && earlier.state === 'closed' ? earlier.id : null;
  const day = beijingDay(now);
  const row: CasesTable = {
    id: randomUUID(),
    number: await nextNumber(trx, Number(day.slice(0, 4))),
    origin: input.origin,
    source: input.source,
    external_id: input.externalId,
    category: category.code,
    severity: input.severity,
    state: 'reported',
    version: 1,
    district: place.district,
    street: place.street,
    address: input.address,
    place_key: place.placeKey,
    area_id: place.areaId,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    description: input.description,
    measure_id: input.measureId ?? null,
    unit_id: null,
    occurred_at: new Date(input.occurredAt).toISOString(),
    reported_at: at,
    reported_day: day,
    reported_by: user?.userId ?? null,
    verified_at: null,
    verified_by: null,
    dispatched_at: null,
    dispatched_by: null,
    time_limit_days: null,
    due_on: null,
    signed_at: null,
    signed_by: null,
    feedback_at: null,
    feedback_by: null,
    feedback_text: null,
    closed_at: null,
    closed_by: null,
    closed_on: null,
    revisit_on: null,
    revisited_at: null,
    ...UNESCALATED,
    duplicate_of: duplicateOf,
    repeat_of: repeatOf,
    rework_count: 0,
    return_count: 0,
    reopen_count: 0,
    ever_fed_back: 0,
    updated_at: at,
  };
  // A concurrent push of the same alarm: the unique (source, external_id) keeps one, the other reads it.
  const inserted = await trx
    .insertInto('cases')
    .values(row)
    .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const again = await known(trx, input.source, input.externalId);
    if (again) return { id: again.id, state: again.state, duplicateOf: again.duplicate_of, created: false };
  }
  await recordCaseEvent(trx, row.id, {
    at,
    action: 'report',
    from: null,
    to: 'reported',
    user,
    systemName: actor.username ?? undefined,
    detail: { origin: row.origin, source: row.source, externalId: row.external_id, duplicateOf, repeatOf },
  });
  await audit(ctx, trx, actor, {
    action: 'case.report',
    objectType: 'case',
    objectId: row.id,
    after: { state: 'reported', number: row.number, source: row.source, externalId: row.external_id },
    detail: duplicateOf || repeatOf ? { duplicateOf, repeatOf } : undefined,
  });
  await notify(ctx, trx, await supervisorRecipients(trx), {
    kind: 'case.reported',
    title: `新问题案件待核实：${row.number}`,
    body: `${category.name}（${row.address}）：${row.description}`,
    objectType: 'case',
    objectId: row.id,
  });
  return { id: row.id, state: row.state, duplicateOf, created: true };
}
