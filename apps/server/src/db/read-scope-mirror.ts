/**
 * On PostgreSQL, each instance keeps the read scopes in memory: one connection LISTENs to the
 * announcements the read-scope triggers make at commit (`<n> <scope>`), and the table is read once
 * after LISTEN is in place. While that connection is up and the table has been read, `readScopes`
 * answers from memory: a cached read then costs no database round trip at all. A change committed on
 * another instance is seen once its announcement arrives (milliseconds); when the connection drops,
 * every read goes to the database again until it is back and the table re-read. This instance's own
 * writes are in its mirror before their response is sent (`sync`).
 * SQLite needs none of this: reading the scopes is an in-process index lookup.
 */
import type pg from 'pg';
import type { Db, Executor } from './connect.ts';

export const READ_SCOPES_CHANNEL = 'lantian_read_scopes';
const RECONNECT_MS = 1000;

export interface ScopeMirror {
  /** The scope's number, or undefined while the mirror cannot be trusted. */
  get(scope: string): number | undefined;
  readonly live: boolean;
  /**
   * Wait until every bump committed before this call is in the mirror: a round trip on the LISTEN
   * connection, whose server sends pending announcements before it answers. The app runs it before a
   * write request's response goes out, so this instance's own changes are never seen late here.
   * Concurrent calls share round trips, one at a time on that connection.
   */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

const mirrors = new WeakMap<Executor, ScopeMirror>();

export function mirrorOf(db: Executor): ScopeMirror | undefined {
  return mirrors.get(db);
}

/** Start the mirror for a PostgreSQL database (does nothing on SQLite). */
export async function startScopeMirror(db: Db): Promise<ScopeMirror | undefined> {
  const pool = db.pgPool;
  if (!pool) return undefined;
  const existing = mirrors.get(db.kysely);
  if (existing) return existing;
  const values = new Map<string, number>();
  let live = false;
  let stopped = false;
  let client: pg.PoolClient | undefined;
  let timer: NodeJS.Timeout | undefined;

  const note = (scope: string, n: number) => {
    if ((values.get(scope) ?? -1) < n) values.set(scope, n);
  };
  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== READ_SCOPES_CHANNEL || !msg.payload) return;
    const space = msg.payload.indexOf(' ');
    note(msg.payload.slice(space + 1), Number(msg.payload.slice(0, space)));
  };
  const drop = (c: pg.PoolClient, err?: Error) => {
    if (client !== c) return;
    live = false;
    client = undefined;
    c.removeListener('notification', onNotification);
    c.release(err ?? true);
    if (!stopped) timer = setTimeout(connect, RECONNECT_MS);
  };
  async function connect(): Promise<void> {
    timer = undefined;
    let c: pg.PoolClient | undefined;
    try {
      c = await pool?.connect();
      if (!c || stopped) {
        c?.release();
        return;
      }
      client = c;
      const me = c;
      c.on('notification', onNotification);
      c.on('error', (err) => drop(me, err));
      await c.query(`listen ${READ_SCOPES_CHANNEL}`);
      // Read after LISTEN: a bump committed in between is in the table or announced, or both.
      const { rows } = await c.query<{ scope: string; n: number }>('select scope, n from read_scopes');
      for (const r of rows) note(r.scope, Number(r.n));
      live = true;
    } catch (err) {
      if (c) drop(c, err as Error);
      else if (!stopped) timer = setTimeout(connect, RECONNECT_MS);
    }
  }

  let inFlight: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  async function roundTrip(): Promise<void> {
    const c = client;
    if (!live || !c) return;
    try {
      await c.query('select 1');
    } catch (err) {
      drop(c, err as Error);
    }
  }

  const mirror: ScopeMirror = {
    get: (scope) => (live ? (values.get(scope) ?? 0) : undefined),
    get live() {
      return live;
    },
    sync() {
      if (!live || !client) return Promise.resolve();
      // One round trip at a time on the one connection (pg must not be sent a query while another runs).
      // A round trip already under way may have left before the caller's commit: the callers that come
      // while it runs share the next one, sent once it is back.
      if (!inFlight) {
        inFlight = roundTrip().finally(() => {
          inFlight = undefined;
        });
        return inFlight;
      }
      if (!queued)
        queued = inFlight.then(() => {
          queued = undefined;
          return mirror.sync();
        });
      return queued;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      live = false;
      mirrors.delete(db.kysely);
      await queued;
      await inFlight;
      const c = client;
      client = undefined;
      if (c) {
        c.removeListener('notification', onNotification);
        await c.query(`unlisten ${READ_SCOPES_CHANNEL}`).catch(() => {});
        c.release();
      }
    },
  };
  mirrors.set(db.kysely, mirror);
  await connect();
  return mirror;
}
