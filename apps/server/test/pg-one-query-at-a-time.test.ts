/**
 * PostgreSQL: a connection is sent one query at a time. pg 8 queues a query sent while another runs on
 * the same client and warns (`Calling client.query() when the client is already executing a query`);
 * pg 9 refuses it. Concurrent alarm pushes (each a write request, each followed by the read-scope
 * mirror's round trip on its one LISTEN connection) and concurrent steps must not do that. Reads made
 * together (Promise.all) inside a transaction are safe: Kysely hands the transaction's one connection to
 * one query at a time (its SingleConnectionProvider); the last case holds it to that.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { mirrorOf } from '../src/db/read-scope-mirror.ts';
import { readDirectory } from '../src/modules/directory/directory.service.ts';
import { alarm, bj, type CaseWorld, caseWorld, ingest } from './helpers/cases.ts';
import { createWorld, type World } from './helpers/context.ts';
import { DIALECT } from './helpers/db.ts';

interface Watch {
  /** The queries sent to a client that was still running another, with where they were sent from. */
  overlapping: string[];
  warnings: string[];
  stop(): void;
}

/** Record every query sent to a pg client that has one running, and pg's own warnings about it. */
function watchClients(): Watch {
  const proto = pg.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
    _activeQuery?: unknown;
    _queryQueue?: unknown[];
  };
  const query = proto.query;
  const w: Watch = {
    overlapping: [],
    warnings: [],
    stop() {
      proto.query = query;
      process.off('warning', onWarning);
    },
  };
  proto.query = function (this: typeof proto, ...args: unknown[]) {
    if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) {
      const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text);
      w.overlapping.push(`${text.slice(0, 80)}\n${new Error().stack?.split('\n').slice(2, 6).join('\n')}`);
    }
    return query.apply(this, args);
  };
  const onWarning = (e: Error) => {
    if (e.message.includes('already executing a query')) w.warnings.push(e.message);
  };
  process.on('warning', onWarning);
  return w;
}

describe.skipIf(DIALECT !== 'postgres')('one query at a time on a PostgreSQL connection', () => {
  let w: World;
  let c: CaseWorld;
  let watch: Watch | undefined;

  beforeAll(async () => {
    w = await createWorld({ start: bj(3, 9) });
    c = await caseWorld(w);
  }, 60_000);
  afterEach(() => watch?.stop());
  afterAll(async () => w?.close());

  it("holds for the read-scope mirror's round trips asked for at the same time", async () => {
    const mirror = mirrorOf(w.ctx.db.kysely);
    expect(mirror?.live).toBe(true);
    watch = watchClients();
    await Promise.all(Array.from({ length: 10 }, () => mirror?.sync()));
    expect(watch.overlapping).toEqual([]);
    expect(watch.warnings).toEqual([]);
  });

  it('holds for alarms pushed at the same time', async () => {
    watch = watchClients();
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => ingest(w, c.key, alarm(`P-${i}`))));
    expect(rs.map((r) => r.status)).toEqual(Array(20).fill(201));
    await new Promise((r) => setImmediate(r));
    expect(watch.overlapping).toEqual([]);
    expect(watch.warnings).toEqual([]);
  });

  it('holds for the office verifying several cases at the same time', async () => {
    const rows = await w.ctx.db.kysely
      .selectFrom('cases')
      .select(['id', 'version'])
      .where('state', '=', 'reported')
      .limit(8)
      .execute();
    expect(rows).toHaveLength(8);
    watch = watchClients();
    const rs = await Promise.all(
      rows.map((r) =>
        w.api.post(`/api/v1/cases/${r.id}/verify`, { version: r.version, decision: 'verify' }, c.sup1),
      ),
    );
    expect(
      rs.map((r) => r.status),
      JSON.stringify(rs.find((r) => r.status !== 200)?.body),
    ).toEqual(Array(8).fill(200));
    await new Promise((r) => setImmediate(r));
    expect(watch.overlapping).toEqual([]);
    expect(watch.warnings).toEqual([]);
  });

  it('holds for several reads made together inside a transaction', async () => {
    watch = watchClients();
    const { directory } = await transaction(w.ctx, (trx) => readDirectory(trx));
    expect(directory.units.length).toBeGreaterThan(0);
    expect(watch.overlapping).toEqual([]);
  });
});
