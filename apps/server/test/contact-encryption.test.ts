/**
 * Contact data encrypted at rest (issue 13, "Stored data"): e-mail addresses are AES-256-GCM under a key
 * outside the database, in `user_contacts` and in the outbox; rows in clear from before are encrypted
 * at start; reads decrypt; a backup carries the ciphertext and a restore reads it with the same key,
 * and refuses to start with another.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/bootstrap.ts';
import { main } from '../src/cli/main.ts';
import { ConfigError } from '../src/config.ts';
import { openSqlite } from '../src/db/connect.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { checkpointsSettled } from '../src/modules/audit/audit.checkpoint.ts';
import { writeBackup } from '../src/modules/backup/backup.write.ts';
import { openEmail } from '../src/modules/contacts/contact-cipher.ts';
import { ensureContactEncryption } from '../src/modules/contacts/contact-keying.ts';
import { deliverOutbox, type MailMessage } from '../src/modules/jobs/mailer.ts';
import { notify, unitRecipients } from '../src/modules/notifications/notify.ts';
import { auditKey, dataKey } from '../src/secrets.ts';
import { cliIo } from './helpers/cli.ts';
import { testConfig } from './helpers/context.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

const ADDRESS = 'b-staff@example.gov.cn';
let f: SupervisionFixture;
let staff: string;
beforeAll(async () => {
  f = await supervisionFixture({ smtp: true });
  staff = await f.login(f.B.staff);
});
afterAll(async () => {
  await checkpointsSettled(f.w.ctx);
  await f.w.close();
});

const db = () => f.w.ctx.db.kysely;
const storedEmail = async (userId: string) =>
  (await db().selectFrom('user_contacts').select('email').where('user_id', '=', userId).executeTakeFirst())
    ?.email;

describe('e-mail addresses at rest', () => {
  it('are stored encrypted and read back in clear by their owner', async () => {
    const put = await f.w.api.put(
      '/api/v1/me/notification-settings',
      { email: ADDRESS, emailEnabled: true },
      staff,
    );
    expect(put.status).toBe(200);
    expect(put.body.email).toBe(ADDRESS);
    const stored = (await storedEmail(f.B.staff.id)) as string;
    expect(stored).toMatch(/^enc1:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('example');
    // Random IVs: the same address sealed twice differs.
    await f.w.api.put('/api/v1/me/notification-settings', { email: ADDRESS, emailEnabled: true }, staff);
    expect(await storedEmail(f.B.staff.id)).not.toBe(stored);
    expect((await f.w.api.get('/api/v1/me/notification-settings', staff)).body.email).toBe(ADDRESS);
  });

  it('stay encrypted in the outbox and reach the SMTP server in clear', async () => {
    const recipients = await unitRecipients(db(), f.B.id, ['unit_staff']);
    await notify(f.w.ctx, db(), recipients, {
      kind: 'reminder',
      title: '加密测试',
      body: '正文',
      email: true,
      dedupeKey: 'contact-encryption-test',
    });
    const queued = await db()
      .selectFrom('email_outbox')
      .selectAll()
      .where('subject', 'like', '%加密测试%')
      .execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.to_address).toMatch(/^enc1:/);
    const sent: MailMessage[] = [];
    await deliverOutbox(f.w.ctx, { send: async (m) => void sent.push(m) }, 'contact-test');
    expect(sent.find((m) => m.subject.includes('加密测试'))?.to).toBe(ADDRESS);
  });

  it('written in clear before (migration 60) are encrypted at start, once, in both tables', async () => {
    await db()
      .updateTable('user_contacts')
      .set({ email: 'old@example.gov.cn' })
      .where('user_id', '=', f.B.staff.id)
      .execute();
    const now = f.w.clock.now().toISOString();
    await db()
      .insertInto('email_outbox')
      .values({
        id: 'clear-mail',
        user_id: f.B.staff.id,
        to_address: 'old@example.gov.cn',
        subject: '旧邮件',
        body: '正文',
        dedupe_key: null,
        created_at: now,
        attempts: 0,
        next_attempt_at: now,
        locked_by: null,
        locked_until: null,
        sent_at: null,
        failed_at: null,
        last_error: null,
      })
      .execute();
    expect(await ensureContactEncryption(f.w.ctx)).toBe(2);
    expect(await storedEmail(f.B.staff.id)).toMatch(/^enc1:/);
    const mail = await db()
      .selectFrom('email_outbox')
      .select('to_address')
      .where('id', '=', 'clear-mail')
      .executeTakeFirstOrThrow();
    expect(openEmail(f.w.ctx.config, mail.to_address)).toBe('old@example.gov.cn');
    expect(await ensureContactEncryption(f.w.ctx)).toBe(0);
    expect((await f.w.api.get('/api/v1/me/notification-settings', staff)).body.email).toBe(
      'old@example.gov.cn',
    );
  });

  it('do not open under another key, and a start with another key is refused', async () => {
    const sealed = (await storedEmail(f.B.staff.id)) as string;
    const other = testConfig({ safety: { dataKey: 'ab'.repeat(32) } });
    expect(() => openEmail(other, sealed)).toThrow(/无法用当前数据密钥解密/);
    const err = await ensureContactEncryption({ ...f.w.ctx, config: other }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/数据密钥与数据库不符/);
  });

  it('travel as ciphertext in a backup; the restore reads them with the same key only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-contacts-'));
    try {
      const file = path.join(dir, 'backup.jsonl.gz');
      await writeBackup(f.w.ctx, cliActor(), file);
      const { gunzipSync } = await import('node:zlib');
      const text = gunzipSync(fs.readFileSync(file)).toString('utf8');
      expect(text).not.toContain('old@example.gov.cn');
      expect(text).not.toContain(ADDRESS);
      const env = {
        LANTIAN_DATA_DIR: dir,
        LANTIAN_AUDIT_KEY: auditKey(f.w.ctx.config).toString('hex'),
        LANTIAN_DATA_KEY: dataKey(f.w.ctx.config).toString('hex'),
      };
      const io = cliIo(env);
      expect(await main(['restore', file], io), io.err()).toBe(0);
      const target = openSqlite(path.join(dir, 'lantian.db'));
      try {
        const ctx = { db: target, clock: f.w.clock, config: testConfig({}, env) };
        await prepareDatabase(ctx, { anchor: false });
        const row = await target.kysely
          .selectFrom('user_contacts')
          .select('email')
          .where('user_id', '=', f.B.staff.id)
          .executeTakeFirstOrThrow();
        expect(openEmail(ctx.config, row.email as string)).toBe('old@example.gov.cn');
        const wrong = { ...ctx, config: testConfig({}, { ...env, LANTIAN_DATA_KEY: 'cd'.repeat(32) }) };
        await expect(prepareDatabase(wrong, { anchor: false })).rejects.toThrow(/数据密钥与数据库不符/);
      } finally {
        await target.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
