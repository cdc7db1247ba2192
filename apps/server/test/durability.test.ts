/**
 * Durability of the real server process (apps/server/src/main.ts run as a child, on SQLite, or on
 * PostgreSQL with LANTIAN_TEST_PG_URL): every acknowledged write survives SIGKILL, and SIGTERM drains —
 * requests already received finish, new connections are refused, job leases are released, exit code 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './helpers/db.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIRST = 'Dur-first-7Qm!xv';
const NEXT = 'Kp9#wZr2-vTq8LmN';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

async function start(t: TestDb, port: number): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['-C', '@lantian/source', '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...t.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LANTIAN_SECOND_FACTOR: 'optional',
        LANTIAN_ADMIN_PASSWORD: FIRST,
        LANTIAN_SECADMIN_PASSWORD: 'Sec-first-8Rn!yw',
        LANTIAN_AUDITOR_PASSWORD: 'Aud-first-9Sp!zx',
        LANTIAN_LOG_LEVEL: 'warn',
        LANTIAN_ACCESS_LOG: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c) => {
    out += c;
  });
  child.stderr?.on('data', (c) => {
    out += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited at start: ${out}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 60 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base, exited, output: () => out };
}

async function call(s: Server, method: string, url: string, body?: unknown, cookie?: string) {
  const res = await fetch(`${s.base}${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { origin: s.base } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, text, cookie: setCookie ? setCookie.split(';')[0] : undefined };
}

async function login(s: Server, password: string): Promise<string> {
  const res = await call(s, 'POST', '/api/v1/auth/login', { username: 'admin', password });
  if (res.status !== 200 || !res.cookie) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.cookie;
}

/** The system administrator's session; the first time, the initial password is changed first. */
async function adminSession(s: Server): Promise<string> {
  const first = await call(s, 'POST', '/api/v1/auth/login', { username: 'admin', password: FIRST });
  if (first.status !== 200 || !first.cookie) return login(s, NEXT);
  const changed = await call(
    s,
    'POST',
    '/api/v1/auth/password',
    { currentPassword: FIRST, newPassword: NEXT },
    first.cookie,
  );
  if (changed.status !== 200) throw new Error(`password change: ${changed.status} ${changed.text}`);
  return changed.cookie ?? login(s, NEXT);
}

const unit = (name: string) => ({ name, fullName: `北京市${name}`, kind: 'other' });

async function unitNames(t: TestDb, prefix: string): Promise<Set<string>> {
  const db = t.reopen();
  try {
    const rows = await db.kysely
      .selectFrom('units')
      .select('name')
      .where('name', 'like', `${prefix}%`)
      .execute();
    return new Set(rows.map((r) => r.name));
  } finally {
    await db.close();
  }
}

describe('the server process', () => {
  let t: TestDb;
  let port: number;
  beforeAll(async () => {
    t = await createTestDb();
    port = await freePort();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('keeps every acknowledged write through SIGKILL', { timeout: 180_000 }, async () => {
    const s = await start(t, port);
    const cookie = await adminSession(s);

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    // Four writers save units one after the other; the process is killed while they are at it.
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const name = `耐久${w}号${i}`;
        sent++;
        try {
          const res = await call(s, 'POST', '/api/v1/units', unit(name), cookie);
          if (res.status === 200) acknowledged.push(name);
          else if (!killed) throw new Error(`save ${name}: ${res.status} ${res.text}`);
        } catch (e) {
          if (!killed) throw e;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    s.child.kill('SIGKILL');
    const how = await s.exited;
    expect(how.signal).toBe('SIGKILL');
    await Promise.all(writers);

    const again = await start(t, port);
    try {
      const stored = await unitNames(t, '耐久');
      const lost = acknowledged.filter((n) => !stored.has(n));
      expect(lost, `${acknowledged.length} acknowledged of ${sent} sent`).toEqual([]);
      // The restarted server serves and takes writes.
      const c = await login(again, NEXT);
      expect((await call(again, 'POST', '/api/v1/units', unit('耐久重启后'), c)).status).toBe(200);
      if (t.env.DATABASE_URL === undefined) {
        const db = t.reopen();
        try {
          const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely);
          expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
        } finally {
          await db.close();
        }
      }
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('drains on SIGTERM: received requests finish, new ones are refused, leases released, exit 0', {
    timeout: 180_000,
  }, async () => {
    const s = await start(t, port);
    const cookie = await adminSession(s);
    // Let the job scheduler take its lease (first run 5 s after start) so that releasing it is tested.
    await new Promise((r) => setTimeout(r, 6_000));
    const inflight = Array.from({ length: 12 }, (_, i) =>
      call(s, 'POST', '/api/v1/units', unit(`排空${i}`), cookie).then(
        (r) => r.status,
        (e: unknown) => `error: ${String((e as { cause?: { code?: string } }).cause?.code ?? e)}`,
      ),
    );
    // The requests are on their way; the signal arrives while the server works on them.
    await new Promise((r) => setTimeout(r, 30));
    s.child.kill('SIGTERM');
    const statuses = await Promise.all(inflight);
    const how = await s.exited;
    expect(how, s.output()).toEqual({ code: 0, signal: null });
    // A request the server had taken in finished with its answer; none was cut off half-way.
    const answered = statuses.filter((x) => x === 200).length;
    // The others were refused: 503 on a kept-alive connection once closing began, or the connection
    // refused or reset before the request was taken in (no other status, no 500).
    const refused = statuses.filter(
      (x) =>
        x === 503 ||
        x === 'error: ECONNREFUSED' ||
        x === 'error: ECONNRESET' ||
        x === 'error: UND_ERR_SOCKET',
    );
    expect(answered + refused.length, JSON.stringify(statuses)).toBe(statuses.length);
    expect(answered).toBeGreaterThan(0);
    // Exactly the acknowledged saves are stored: a refused one left nothing behind.
    const stored = await unitNames(t, '排空');
    expect(stored.size).toBe(answered);
    // After the exit nobody is listening: new requests are refused.
    await expect(fetch(`${s.base}/api/v1/health`)).rejects.toThrow();
    // Leases are released (none still running into the future).
    const db = t.reopen();
    try {
      const now = new Date().toISOString();
      const held = await db.kysely
        .selectFrom('job_leases')
        .selectAll()
        .where('expires_at', '>', now)
        .execute();
      expect(held).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
