/**
 * At start, after migration 60: every contact value still in clear is encrypted, and the row naming the
 * data key is written, in one transaction (a migration has no key). Each later start checks that the
 * key it was given is that key: started with another (a lost key file, a restore on a machine with a
 * new key) it refuses, saying which key to bring back, instead of failing on every e-mail.
 */
import { createHmac } from 'node:crypto';
import { ConfigError } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { dataKey } from '../../secrets.ts';
import { CONTACT_ALGORITHM, isSealed, sealEmail } from './contact-cipher.ts';

const keyCheck = (ctx: AppContext) =>
  createHmac('sha256', dataKey(ctx.config)).update('lantian-data-key-check').digest('hex');

/** Encrypt what is in clear and record the key, once; afterwards check the key. Returns rows encrypted. */
export async function ensureContactEncryption(ctx: AppContext): Promise<number> {
  const check = keyCheck(ctx);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('data_keying').selectAll().where('id', '=', 1).executeTakeFirst();
    if (row && row.key_check !== check)
      throw new ConfigError(
        '数据密钥与数据库不符：联系方式是用另一把密钥加密的。请恢复原来的 LANTIAN_DATA_KEY 或密钥文件（LANTIAN_DATA_KEY_FILE，默认 <数据目录>/keys/data.key）后再启动',
      );
    let sealed = 0;
    const contacts = await trx
      .selectFrom('user_contacts')
      .select(['user_id', 'email'])
      .where('email', 'is not', null)
      .execute();
    for (const c of contacts) {
      if (c.email === null || isSealed(c.email)) continue;
      await trx
        .updateTable('user_contacts')
        .set({ email: sealEmail(ctx.config, c.email) })
        .where('user_id', '=', c.user_id)
        .execute();
      sealed++;
    }
    const outbox = await trx.selectFrom('email_outbox').select(['id', 'to_address']).execute();
    for (const m of outbox) {
      if (isSealed(m.to_address)) continue;
      await trx
        .updateTable('email_outbox')
        .set({ to_address: sealEmail(ctx.config, m.to_address) })
        .where('id', '=', m.id)
        .execute();
      sealed++;
    }
    if (!row)
      await trx
        .insertInto('data_keying')
        .values({
          id: 1,
          algorithm: CONTACT_ALGORITHM,
          key_check: check,
          created_at: ctx.clock.now().toISOString(),
        })
        .execute();
    return sealed;
  });
}
