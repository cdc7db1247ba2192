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
import { migrateToLatest } from '../src/db/migrate.ts';
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

async function start(t: TestDb, port: number, extraEnv: Record<string, string> = {}): Promise<Server> {
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
        ...extraEnv,
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

/**
 * An SMTP server that takes connections and never answers (nodemailer waits 30 s for its greeting):
 * the jobs run stays inside its lease, handing over an e-mail, while the test stops the server.
 */
async function stalledSmtp(): Promise<{ port: number; connections: () => number; close: () => void }> {
  const sockets = new Set<net.Socket>();
  let n = 0;
  const server = net.createServer((socket) => {
    n++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => n,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function waitFor(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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

  it('drains on SIGTERM in seconds: received requests finish, new ones are refused, the jobs stop and release their lease, exit 0', {
    timeout: 120_000,
  }, async () => {
    const smtp = await stalledSmtp();
    const db = t.reopen();
    // An e-mail waiting makes the jobs run (first run 5 s after start) take their lease and hand it to
    // the SMTP server, which never answers: the run is inside its lease when the signal comes. The row
    // is queued before the server starts (the schema made first), so the first run finds it.
    await migrateToLatest(db);
    const mailId = `drain-mail-${port}`;
    const queued = new Date().toISOString();
    await db.kysely
      .insertInto('email_outbox')
      .values({
        id: mailId,
        user_id: null,
        to_address: 'drain@example.test',
        subject: '排空',
        body: '排空测试',
        dedupe_key: null,
        created_at: queued,
        attempts: 0,
        next_attempt_at: queued,
        locked_by: null,
        locked_until: null,
        sent_at: null,
        failed_at: null,
        last_error: null,
      })
      .execute();
    const s = await start(t, port, { LANTIAN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      const cookie = await adminSession(s);
      const lease = () =>
        db.kysely
          .selectFrom('job_leases')
          .selectAll()
          .where('name', '=', 'supervision-jobs')
          .executeTakeFirst();
      await waitFor('the jobs hold their lease and talk to the SMTP server', async () => {
        const l = await lease();
        return !!l && l.expires_at > new Date().toISOString() && smtp.connections() > 0;
      });
      const held = await lease();
      // The lease runs minutes into the future (jobsLeaseSeconds): only a release ends it before the check below.
      expect(Date.parse(held?.expires_at ?? '') - Date.now()).toBeGreaterThan(60_000);

      const inflight = Array.from({ length: 12 }, (_, i) =>
        call(s, 'POST', '/api/v1/units', unit(`排空${i}`), cookie).then(
          (r) => r.status,
          (e: unknown) => `error: ${String((e as { cause?: { code?: string } }).cause?.code ?? e)}`,
        ),
      );
      // The requests are on their way; the signal arrives while the server works on them.
      await new Promise((r) => setTimeout(r, 30));
      const signalled = Date.now();
      s.child.kill('SIGTERM');
      const statuses = await Promise.all(inflight);
      const how = await s.exited;
      const drainMs = Date.now() - signalled;
      expect(how, s.output()).toEqual({ code: 0, signal: null });
      // Neither the kept-alive connections of the answered requests (72 s keep-alive) nor the stalled
      // SMTP server (30 s greeting timeout) hold the shutdown.
      expect(drainMs, s.output()).toBeLessThan(8_000);
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
      // The lease was released by its holder on the way out (set to the epoch), not left to expire.
      expect(await lease()).toEqual({ ...held, expires_at: '1970-01-01T00:00:00.000Z' });
      // The e-mail it was handing over is not marked sent and is free for the next run at once.
      const mail = await db.kysely
        .selectFrom('email_outbox')
        .select(['sent_at', 'locked_by', 'locked_until', 'failed_at'])
        .where('id', '=', mailId)
        .executeTakeFirst();
      expect(mail).toEqual({ sent_at: null, locked_by: null, locked_until: null, failed_at: null });
    } finally {
      if (s.child.exitCode === null) s.child.kill('SIGKILL');
      smtp.close();
      await db.close();
    }
  });
});
