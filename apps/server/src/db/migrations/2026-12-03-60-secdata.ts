/**
 * Contact data (users' e-mail addresses in `user_contacts.email`, and the copies queued in
 * `email_outbox.to_address`) encrypted at rest with AES-256-GCM under a key kept outside the database.
 * A migration has no key, so this creates the row that will name it; the application encrypts every
 * row still in clear, and writes that row, in one transaction at the first start after this migration
 * (`modules/contacts/contact-keying.ts`), as the audit keying does.
 *
 * And one-time activation codes (三员: nobody learns another person's password): a new account or a
 * reset gets a code, kept only as an HMAC, used once before it expires. Frozen.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on the app's schema type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_keying')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('key_check', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('activation_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('delivered_to', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('activation_codes_user').on('activation_codes').column('user_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be undone: restore a backup instead.');
}
