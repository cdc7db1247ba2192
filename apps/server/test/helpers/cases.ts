/** Problem cases in tests: an office and two district units, an alarm key, and one call per step. */
import { expect } from 'vitest';
import { issueApiKey } from '../../src/modules/apikeys/apikeys.service.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import type { World } from './context.ts';
import { makeUnit, makeUser, type TestUser } from './context.ts';
import { multipart, PNG } from './files.ts';

export interface CaseWorld {
  sup1: string;
  sup2: string;
  cyStaff: string;
  cyLeader: string;
  hdStaff: string;
  chaoyang: { id: string; name: string };
  haidian: { id: string; name: string };
  key: string;
  users: Record<string, TestUser>;
  /** Move the clock and sign everyone in again (sessions expire while the clock jumps days). */
  at(iso: string): Promise<void>;
}

/** Beijing wall-clock time on a day of October 2022 (the clock is UTC). */
export const bj = (day: number, hour = 10) => new Date(Date.UTC(2022, 9, day, hour - 8, 0, 0)).toISOString();

export async function districtUnit(w: World, district: string) {
  const a = await w.ctx.db.kysely
    .selectFrom('areas as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['u.id', 'u.name'])
    .where('a.name', '=', district)
    .where('a.level', '=', 'district')
    .executeTakeFirstOrThrow();
  return a;
}

export async function caseWorld(w: World): Promise<CaseWorld> {
  const office = await makeUnit(w.ctx);
  const chaoyang = await districtUnit(w, '朝阳区');
  const haidian = await districtUnit(w, '海淀区');
  const users = {
    sup1: await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] }),
    sup2: await makeUser(w.ctx, { unitId: office.id, roles: ['supervisor'] }),
    cyStaff: await makeUser(w.ctx, { unitId: chaoyang.id, roles: ['unit_staff'] }),
    cyLeader: await makeUser(w.ctx, { unitId: chaoyang.id, roles: ['unit_leader'] }),
    hdStaff: await makeUser(w.ctx, { unitId: haidian.id, roles: ['unit_staff'] }),
  };
  const { key } = await issueApiKey(w.ctx, cliActor(), {
    name: `alarms-${Date.now()}`,
    scopes: ['alarms:write'],
  });
  const c: CaseWorld = {
    sup1: '',
    sup2: '',
    cyStaff: '',
    cyLeader: '',
    hdStaff: '',
    chaoyang,
    haidian,
    key,
    users,
    async at(iso: string) {
      w.clock.set(iso);
      for (const [k, u] of Object.entries(users))
        (c as unknown as Record<string, string>)[k] = await w.api.login(u.username, u.password);
    },
  };
  await c.at(w.clock.now().toISOString());
  return c;
}

export function ingest(w: World, key: string, body: Record<string, unknown>) {
  return w.api.request({
    method: 'POST',
    url: '/api/v1/ingest/alarms',
    payload: body,
    headers: { authorization: `Bearer ${key}` },
    noOrigin: true,
  });
}

export function alarm(externalId: string, over: Record<string, unknown> = {}) {
  return {
    source: 'dust-video',
    externalId,
    category: 'construction_dust',
    occurredAt: '2022-10-01T09:30:00+08:00',
    district: '朝阳区',
    street: '八里庄街道',
    address: '朝阳区八里庄路1号工地',
    lat: 39.92,
    lng: 116.49,
    description: '工地裸土未苫盖，扬尘明显',
    severity: 'high',
    ...over,
  };
}

export async function detail(w: World, cookie: string, id: string) {
  const r = await w.api.get(`/api/v1/cases/${id}`, cookie);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.case;
}

/** Take a step with the version just read; returns the response (status and case). */
export async function step(
  w: World,
  cookie: string,
  id: string,
  path: string,
  body: Record<string, unknown> = {},
) {
  const version = (await detail(w, cookie, id)).version;
  return w.api.post(`/api/v1/cases/${id}/${path}`, { version, ...body }, cookie);
}

/** The same, expecting success and the state reached. */
export async function ok(
  w: World,
  cookie: string,
  id: string,
  path: string,
  body: Record<string, unknown>,
  state: string,
) {
  const r = await step(w, cookie, id, path, body);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  expect(r.body.case.state).toBe(state);
  return r.body.case;
}

let photoNo = 0;
export async function photo(w: World, cookie: string, id: string) {
  photoNo++;
  const r = await w.api.request({
    method: 'POST',
    url: `/api/v1/cases/${id}/evidence`,
    cookie,
    ...multipart(`现场照片${photoNo}.png`, Buffer.concat([PNG, Buffer.from([photoNo % 256, photoNo >> 8])])),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.attachment;
}
