/** LANTIAN_TLS_CERT / LANTIAN_TLS_KEY: the server speaks HTTPS itself, with HSTS, and Secure cookies follow. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testConfig } from './helpers/context.ts';
import { createTestDb } from './helpers/db.ts';

function selfSigned(dir: string) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function get(
  port: number,
  p: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string; tls: boolean }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: p, rejectUnauthorized: false }, (res) => {
      const tls = !!(res.socket as { encrypted?: boolean } | null)?.encrypted;
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          tls,
        }),
      );
    });
    req.on('error', reject);
  });
}

describe('HTTPS without a proxy', () => {
  it('serves the API over TLS with the configured certificate and HSTS', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-tls-'));
    const t = await createTestDb();
    try {
      const { cert, key } = selfSigned(dir);
      const config = testConfig({}, { ...t.env, LANTIAN_TLS_CERT: cert, LANTIAN_TLS_KEY: key });
      expect(config.safety.tlsCert).toBe(cert);
      const app = await buildApp({ db: t.db, config });
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const port = (app.server.address() as { port: number }).port;
        const res = await get(port, '/api/v1/health');
        expect(res.tls).toBe(true);
        expect(res.status).toBe(200);
        expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
      } finally {
        await app.close();
      }
    } finally {
      await t.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs both files, and says which one it cannot read', async () => {
    expect(() => loadConfig({ LANTIAN_TLS_CERT: '/x/cert.pem' })).toThrow(/须同时设置/);
    const t = await createTestDb();
    try {
      const config = testConfig(
        {},
        { ...t.env, LANTIAN_TLS_CERT: '/nonexistent/c.pem', LANTIAN_TLS_KEY: '/nonexistent/k.pem' },
      );
      await expect(buildApp({ db: t.db, config })).rejects.toThrow(/无法读取 TLS 证书文件/);
    } finally {
      await t.cleanup();
    }
  });
});
