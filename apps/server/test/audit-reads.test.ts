/** The audit trail records downloads of plan documents, resource-level denials and failed imports. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointsSettled } from '../src/modules/audit/audit.checkpoint.ts';
import { createWorld, importPlanObject, makeUnit, makeUser, type World } from './helpers/context.ts';
import { multipart } from './helpers/files.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await checkpointsSettled(w.ctx);
  await w.close();
});

const events = (action: string, userId: string) =>
  w.ctx.db.kysely
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .where('user_id', '=', userId)
    .orderBy('seq')
    .execute();

describe('audited reads and failures', () => {
  it('records a plan-document download, and not one refused', async () => {
    const planId = await importPlanObject(w.ctx);
    const unit = await makeUnit(w.ctx);
    const supervisor = await makeUser(w.ctx, { unitId: unit.id, roles: ['supervisor'] });
    const staff = await makeUser(w.ctx, { unitId: unit.id, roles: ['unit_staff'] });
    const cookie = await w.api.login(supervisor.username, supervisor.password);
    const res = await w.api.get(`/api/v1/plans/${planId}/document`, cookie);
    expect(res.status).toBe(200);
    const [download] = await events('plan.document_download', supervisor.id);
    expect(download).toMatchObject({ object_type: 'plan', object_id: planId, outcome: 'success' });
    expect(JSON.parse(download?.detail as string).bytes).toBeGreaterThan(0);

    const staffCookie = await w.api.login(staff.username, staff.password);
    expect((await w.api.get(`/api/v1/plans/${planId}/document`, staffCookie)).status).toBe(404);
    expect(await events('plan.document_download', staff.id)).toEqual([]);
  });

  it('records a resource-level denial: the policy refusing one account after the role check passed', async () => {
    const unit = await makeUnit(w.ctx);
    const sysadmin = await makeUser(w.ctx, { unitId: unit.id, roles: ['sysadmin'] });
    const cookie = await w.api.login(sysadmin.username, sysadmin.password);
    const res = await w.api.post(`/api/v1/users/${sysadmin.id}/disable`, {}, cookie);
    expect(res.status).toBe(403);
    const [denied] = await events('access.denied', sysadmin.id);
    expect(denied?.outcome).toBe('denied');
    expect(JSON.parse(denied?.detail as string)).toMatchObject({
      level: 'resource',
      action: 'user.disable',
      params: { userId: sysadmin.id },
      code: 'FORBIDDEN',
    });
  });

  it('records a failed import with its reason', async () => {
    const unit = await makeUnit(w.ctx);
    const supervisor = await makeUser(w.ctx, { unitId: unit.id, roles: ['supervisor'] });
    const cookie = await w.api.login(supervisor.username, supervisor.password);
    const { payload, headers } = multipart('plan.txt', Buffer.alloc(0));
    const res = await w.api.request({
      method: 'POST',
      url: '/api/v1/plans/import',
      payload,
      headers,
      cookie,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const [failed] = await events('plan.import', supervisor.id);
    expect(failed?.outcome).toBe('failure');
    expect(JSON.parse(failed?.detail as string).code).toBe(res.body.error.code);
  });
});
