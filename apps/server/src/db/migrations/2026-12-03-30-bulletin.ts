/**
 * Documents out (issue 11). Takes Kysely<any>.
 * - `bulletin_texts`: what the office edits of a plan's monthly bulletin (通报): the opening and closing
 *   paragraphs, the 文号, and which sections are switched off; one row per plan and period.
 * - `supervision_notices.number_year` / `number`: the 督办单's number (`督办〔2022〕第 12 号`), a sequence
 *   per plan and Beijing year of issue. Notices issued before this migration are numbered in the order
 *   they were issued.
 * Frozen: add a new migration to change it.
 */
import type { Kysely } from 'kysely';

const OFFSET_MS = 8 * 3_600_000;
const beijingYear = (iso: string) => new Date(Date.parse(iso) + OFFSET_MS).getUTCFullYear();

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulletin_texts')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('opening', 'text', (c) => c.notNull())
    .addColumn('closing', 'text', (c) => c.notNull())
    .addColumn('sections_off', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_texts_pk', ['plan_id', 'period'])
    .execute();
  await db.schema.alterTable('supervision_notices').addColumn('number_year', 'integer').execute();
  await db.schema.alterTable('supervision_notices').addColumn('number', 'integer').execute();
  const rows: { id: string; plan_id: string; issued_at: string }[] = await db
    .selectFrom('supervision_notices')
    .select(['id', 'plan_id', 'issued_at'])
    .orderBy('issued_at')
    .orderBy('id')
    .execute();
  const next = new Map<string, number>();
  for (const r of rows) {
    const year = beijingYear(r.issued_at);
    const key = `${r.plan_id}|${year}`;
    const n = (next.get(key) ?? 0) + 1;
    next.set(key, n);
    await db
      .updateTable('supervision_notices')
      .set({ number_year: year, number: n })
      .where('id', '=', r.id)
      .execute();
  }
  await db.schema
    .createIndex('supervision_notices_number_idx')
    .unique()
    .on('supervision_notices')
    .columns(['plan_id', 'number_year', 'number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
