/**
 * Contact data at rest: AES-256-GCM (node:crypto) under the data key kept outside the database
 * (LANTIAN_DATA_KEY or its key file, `secrets.ts`). A stored value is `enc1:` + base64 of a random
 * 12-byte IV, the 16-byte tag and the ciphertext; the associated data names what it is, so a value
 * moved into another kind of field does not open. The same sealed address is copied as it is from
 * `user_contacts.email` to `email_outbox.to_address` (both hold an e-mail address) and opened only
 * where it is shown to its owner or handed to the SMTP server.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import { dataKey } from '../../secrets.ts';

const PREFIX = 'enc1:';
const ALGORITHM = 'aes-256-gcm';
/** What a sealed e-mail address is (authenticated with it). */
const EMAIL = Buffer.from('lantian:contact:email');

export const CONTACT_ALGORITHM = ALGORITHM;

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** Encrypt an e-mail address for storage. */
export function sealEmail(config: Config, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, dataKey(config), iv);
  cipher.setAAD(EMAIL);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export class ContactKeyError extends Error {
  override readonly name = 'ContactKeyError';
}

/**
 * Decrypt a stored address. A value in clear (written before migration 60 and not yet encrypted at
 * start, e.g. from an older backup being restored) is returned as it is; a sealed value that does not
 * open under this key is an error, never shown as garbage.
 */
export function openEmail(config: Config, stored: string): string {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  if (raw.length < 28) throw new ContactKeyError('加密的联系方式已损坏');
  const decipher = createDecipheriv(ALGORITHM, dataKey(config), raw.subarray(0, 12));
  decipher.setAAD(EMAIL);
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new ContactKeyError('联系方式无法用当前数据密钥解密（LANTIAN_DATA_KEY 或密钥文件与加密时的不同）');
  }
}

export function sealEmailOrNull(config: Config, plain: string | null): string | null {
  return plain === null ? null : sealEmail(config, plain);
}

export function openEmailOrNull(config: Config, stored: string | null): string | null {
  return stored === null ? null : openEmail(config, stored);
}
