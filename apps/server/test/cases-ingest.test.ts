/**
 * The alarm ingest's stable interface: keys from the CLI, 201 then 200 for the same (source,
 * externalId) — also when pushed concurrently —, 401/403 for a missing, unknown, revoked or unscoped
 * key and 400 naming the field, none of which writes anything; the settings' validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { alarm, bj, type CaseWorld, caseWorld, ingest } from './helpers/cases.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, type World } from './helpers/context.ts';

let w: World;
let c: CaseWorld;

async function cli(...argv: string[]) {
  const io = cliIo(w.testDb.env);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}
const keyOf = (out: string) => out.trim();
const count = async () =>
  Number(
    (
      await w.ctx.db.kysely
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  w = await createWorld({ start: bj(1, 9) });
  c = await caseWorld(w);
}, 60_000);
afterAll(async () => w?.close());

describe('POST /api/v1/ingest/alarms', () => {
  it('refuses a missing, unknown, revoked or unscoped key and writes nothing', async () => {
    const none = await w.api.request({
      method: 'POST',
      url: '/api/v1/ingest/alarms',
      payload: alarm('X-1'),
      noOrigin: true,
    });
    expect(none.status).toBe(401);
    expect((await ingest(w, 'lt_not-a-real-key-000000000000000000', alarm('X-1'))).status).toBe(401);
    const values = await cli('apikey', 'add', '--name', 'values-only', '--scopes', 'values:write');
    expect(values.code, values.err).toBe(0);
    expect((await ingest(w, keyOf(values.out), alarm('X-1'))).status).toBe(403);
    const both = await cli('apikey', 'add', '--name', 'dust-video', '--scopes', 'alarms:write,values:write');
    expect(both.code, both.err).toBe(0);
    const key = keyOf(both.out);
    expect((await cli('apikey', 'revoke', '--name', 'dust-video')).code).toBe(0);
    expect((await ingest(w, key, alarm('X-1'))).status).toBe(401);
    // A session is not a key.
    const session = await w.api.request({
      method: 'POST',
      url: '/api/v1/ingest/alarms',
      payload: alarm('X-1'),
      cookie: c.sup1,
    });
    expect(session.status).toBe(401);
    expect(await count()).toBe(0);
  });

  it('answers a bad body with 400 naming the field, writing nothing', async () => {
    const probes: [Record<string, unknown>, string][] = [
      [{ ...alarm('X-2'), category: undefined }, 'category'],
      [alarm('X-2', { category: 'noise' }), 'category'],
      [alarm('X-2', { occurredAt: '2022-10-12 09:30' }), 'occurredAt'],
      [alarm('X-2', { lat: 200 }), 'lat'],
      [alarm('X-2', { severity: 'extreme' }), 'severity'],
      [alarm('X-2', { externalId: '' }), 'externalId'],
      [alarm('X-2', { description: 'a\u0000b' }), 'description'],
      [alarm('X-2', { colour: 'red' }), 'colour'],
    ];
    for (const [body, field] of probes) {
      const r = await ingest(w, c.key, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toContain(field);
    }
    expect(await count()).toBe(0);
  });

  it('is idempotent on (source, externalId), also for pushes at the same time', async () => {
    const rs = await Promise.all(Array.from({ length: 6 }, () => ingest(w, c.key, alarm('A-9'))));
    expect(rs.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(rs.map((r) => r.body.caseId)).size).toBe(1);
    expect(rs[0]?.body).toMatchObject({ state: 'reported', duplicateOf: null });
    // Another source may use the same external id.
    const other = await ingest(w, c.key, alarm('A-9', { source: 'hotspot-grid' }));
    expect(other.status).toBe(201);
    expect(other.body.duplicateOf).toBe(rs[0]?.body.caseId);
    expect(await count()).toBe(2);
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'username'])
      .where('action', '=', 'case.report')
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('case settings', () => {
  it('need a time limit for every active category and severity, and only the office writes them', async () => {
    const s = (await w.api.get('/api/v1/cases/settings', c.cyStaff)).body.settings;
    expect(s.categories.map((x: { code: string }) => x.code)).toEqual([
      'vocs',
      'construction_dust',
      'road_dust',
      'vehicles',
      'burning',
      'other',
    ]);
    const noLimit = await w.api.put(
      '/api/v1/cases/settings',
      { ...s, categories: [...s.categories, { code: 'odour', name: '异味', active: true }] },
      c.sup1,
    );
    expect(noLimit.status).toBe(400);
    expect(noLimit.body.error.message).toContain('odour');
    expect((await w.api.put('/api/v1/cases/settings', s, c.cyStaff)).status).toBe(403);
    const added = await w.api.put(
      '/api/v1/cases/settings',
      {
        ...s,
        categories: [...s.categories, { code: 'odour', name: '异味', active: true }],
        timeLimits: [
          ...s.timeLimits,
          { category: 'odour', severity: 'high', days: 2 },
          { category: 'odour', severity: 'medium', days: 5 },
          { category: 'odour', severity: 'low', days: 10 },
        ],
      },
      c.sup1,
    );
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect((await ingest(w, c.key, alarm('O-1', { category: 'odour' }))).status).toBe(201);
    // A category with cases can be deactivated, not removed.
    const removed = await w.api.put('/api/v1/cases/settings', s, c.sup1);
    expect(removed.status).toBe(400);
    expect(removed.body.error.message).toContain('odour');
  });
});
