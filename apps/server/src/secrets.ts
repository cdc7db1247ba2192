/**
 * Keys kept outside the database: the audit chain's HMAC key and the key that encrypts contact data.
 * Each comes from an environment variable (hex) or a file; a missing file is created on first use
 * with 32 random bytes, readable by the owner only (0600). An attacker who copies or rewrites the
 * database does not get them.
 */
import { randomBytes } from 'node:crypto';
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
