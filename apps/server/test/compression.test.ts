/**
 * What the server actually sends: web assets precompressed at build time (brotli, gzip) with a year of
 * immutable caching on hashed names and no-cache on index.html; JSON over 1 KB compressed on the fly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../web/vite-precompress.ts';
import { createWorld, makeUnit, makeUser, type World } from './helpers/context.ts';

let w: World;
let dir: string;
let cookie: string;
const script = `console.log(${JSON.stringify('蓝天'.repeat(2000))});\n`;
const page = `<!doctype html><title>蓝天</title><div id="root"></div>${'<!-- padding -->'.repeat(100)}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), page);
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), script);
  fs.writeFileSync(path.join(dir, 'assets', 'tiny-def456.js'), 'export{};');
  expect(precompressDir(dir)).toBe(2);
  w = await createWorld({ config: { webDistDir: dir } });
  const u = await makeUser(w.ctx, { unitId: (await makeUnit(w.ctx)).id, roles: ['sysadmin'] });
  cookie = await w.api.login(u.username, u.password);
});
afterAll(async () => {
  await w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, encoding?: string, extra: Record<string, string> = {}) =>
  w.app.inject({ url, headers: { ...(encoding ? { 'accept-encoding': encoding } : {}), ...extra } });

describe('web assets', () => {
  it('are written as .br and .gz at build time, small files left as they are', () => {
    expect(fs.existsSync(path.join(dir, 'assets', 'index-abc123.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'assets', 'index-abc123.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'assets', 'tiny-def456.js.br'))).toBe(false);
  });

  it('are sent precompressed, brotli first, with long immutable caching on hashed names', async () => {
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.equals(fs.readFileSync(path.join(dir, 'assets', 'index-abc123.js.br')))).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(script);

    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(script);

    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('send index.html precompressed and never cached, also for page paths', async () => {
    for (const url of ['/', '/plans/some-plan']) {
      const res = await get(url, 'br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(page);
    }
  });
});

describe('JSON', () => {
  it('is compressed over 1 KB and left alone under it', async () => {
    // The OpenAPI document is for signed-in users (issue 13 item 10).
    const big = await get('/api/docs/json', 'gzip', { cookie });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('gzip');
    const doc = gunzipSync(big.rawPayload);
    expect(doc.length).toBeGreaterThan(1024);
    expect(JSON.parse(doc.toString('utf8'))).toHaveProperty('openapi');
    const me = await get('/api/v1/me', 'gzip, br', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.rawPayload.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
  });
});
