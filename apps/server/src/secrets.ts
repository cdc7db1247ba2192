/**
 * Keys kept outside the database: the audit chain's HMAC key, the key that encrypts contact data, and
 * the secret key that encrypts second-factor secrets (and keys the recovery codes' hashes).
 * Each comes from an environment variable (hex) or a file; a missing file is created on first use
 * with 32 random bytes, readable by the owner only (0600). An attacker who copies or rewrites the
 * database does not get them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

const cache = new Map<string, Buffer>();

/** Read the key file, creating it (0600, in a 0700 directory) when absent; two starters agree on one key. */
export function keyFromFile(file: string): Buffer {
  const cached = cache.get(file);
  if (cached) return cached;
  let hex: string;
  try {
    hex = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (w) {
      if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
    }
    hex = fs.readFileSync(file, 'utf8').trim();
  }
  if (!/^[0-9a-f]{64,}$/i.test(hex))
    throw new Error(`密钥文件 ${file} 内容无效（应为十六进制的 32 字节以上密钥）`);
  const key = Buffer.from(hex, 'hex');
  cache.set(file, key);
  return key;
}

/** The audit chain's HMAC key. */
export function auditKey(config: Config): Buffer {
  const s = config.safety;
  return s.auditKey ? Buffer.from(s.auditKey, 'hex') : keyFromFile(s.auditKeyFile);
}

/** The 32-byte key that encrypts contact data at rest (AES-256-GCM). */
export function dataKey(config: Config): Buffer {
  const s = config.safety;
  const key = s.dataKey ? Buffer.from(s.dataKey, 'hex') : keyFromFile(s.dataKeyFile);
  return key.subarray(0, 32);
}

/** The 32-byte key that encrypts second-factor secrets and keys recovery-code hashes. */
export function secretKey(config: Config): Buffer {
  const s = config.safety;
  const key = s.secretKey ? Buffer.from(s.secretKey, 'hex') : keyFromFile(s.secretKeyFile);
  return key.subarray(0, 32);
}

/** AES-256-GCM: base64 of a random 12-byte IV, the 16-byte tag and the ciphertext. */
export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Opens what `seal` made; throws when the key is wrong or the text was altered. */
export function unseal(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
