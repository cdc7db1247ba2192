import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeUnit, makeUser, type TestUser, type World } from './helpers/context.ts';

let w: World;
let user: TestUser;
let cookie: string;
let web: World;
let webDir: string;

beforeAll(async () => {
  w = await createWorld();
  user = await makeUser(w.ctx, { unitId: (await makeUnit(w.ctx)).id, roles: ['sysadmin'] });
  cookie = await w.api.login(user.username, user.password);
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><title>蓝天</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  web = await createWorld({ config: { webDistDir: webDir } });
});
afterAll(async () => {
  await w.close();
  await web.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('responses', () => {
  it('carry the security headers', async () => {
    const res = await w.api.get('/api/v1/health');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('report errors as {error:{code,message}} with no stack trace', async () => {
    const missing = await w.api.get('/api/v1/nothing-here', cookie);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('/api/v1/nothing-here') },
    });
    const badJson = await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(badJson.body)).not.toMatch(/at .*\.ts/);
  });

  it('reject unknown fields in bodies and queries', async () => {
    const res = await w.api.post('/api/v1/auth/login', { username: 'a', password: 'b', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('isAdmin'),
    });
    const viewer = await makeUser(w.ctx, { unitId: user.unitId, roles: ['viewer'] });
    const q = await w.api.get(
      '/api/v1/me/assignments?unitId=x',
      await w.api.login(viewer.username, viewer.password),
    );
    expect(q.status).toBe(400);
    const proto = await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"username":"a","password":"b","__proto__":{"x":1}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.status).toBe(400);
  });
});

describe('CSRF defence', () => {
  it('refuses a state-changing request from another origin', async () => {
    const res = await w.api.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_REJECTED');
    expect((await w.api.get('/api/v1/me', cookie)).status).toBe(200);
  });

  it('refuses a cookie-carrying request with no Origin or Referer, and accepts a same-origin Referer', async () => {
    const res = await w.api.request({ method: 'POST', url: '/api/v1/auth/logout', cookie, noOrigin: true });
    expect(res.status).toBe(403);
    const viaReferer = await w.api.request({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: 'CSRF测试单位', fullName: 'CSRF测试单位', kind: 'other' },
      cookie,
      noOrigin: true,
      headers: { referer: 'http://localhost:80/admin/units' },
    });
    expect(viaReferer.status).toBe(200);
  });

  it('accepts a configured extra origin', async () => {
    const world = await createWorld({ config: { allowedOrigins: ['https://lantian.example.gov.cn'] } });
    try {
      const res = await world.api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody', password: 'x' },
        headers: { origin: 'https://lantian.example.gov.cn' },
      });
      expect(res.status).toBe(401);
    } finally {
      await world.close();
    }
  });
});

describe('documentation', () => {
  it('serves an OpenAPI document listing the API to a signed-in user', async () => {
    const res = await w.api.get('/api/docs/json', cookie);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me/assignments']),
    );
    const page = await w.api.get('/api/docs/', cookie);
    expect(page.status).toBe(200);
  });
});

describe('the web app', () => {
  it('is served with long caching for hashed assets and index.html for page paths', async () => {
    const asset = await web.api.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await web.api.get('/plans/some/deep/link');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const api404 = await web.api.get('/api/v1/unknown');
    expect(api404.status).toBe(404);
    expect(api404.body.error.code).toBe('NOT_FOUND');
  });

  it('says how to build it when it is not built', async () => {
    const res = await w.api.get('/');
    expect(res.status).toBe(404);
    expect(String(res.body)).toMatch(/npm run build/);
  });
});
