/**
 * Archiving a plan freezes it ("it stays readable, and nothing more can be changed in it"), notices
 * included: they take no more answers or evidence, offer no actions, and the daily job does not
 * escalate them (nor tell anyone about a plan that is over).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobs } from '../src/modules/jobs/run-jobs.ts';
import { multipart, PDF } from './helpers/files.ts';
import { issueNotice, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
const c: Record<string, string> = {};
let answered: string;
let ignored: string;
beforeAll(async () => {
  f = await supervisionFixture();
  c.bStaff = await f.login(f.B.staff);
  c.sup = await f.login(f.supervisor);
  const issue = async (replyDue: string) =>
    (await issueNotice(f, c.sup, { replyDue })).body.notice.id as string;
  answered = await issue('2022-06-30');
  ignored = await issue('2022-06-11');
  const archived = await f.w.api.post(`/api/v1/plans/${f.planId}/archive`, undefined, c.sup);
  expect(archived.body.plan.status).toBe('archived');
});
afterAll(() => f.w.close());

describe('notices of an archived plan', () => {
  it('take no more evidence or answers', async () => {
    const up = await f.w.api.request({
      method: 'POST',
      url: `/api/v1/notices/${answered}/evidence`,
      cookie: c.bStaff,
      ...multipart('整改.pdf', PDF),
    });
    expect(up.status).toBe(409);
    const reply = await f.w.api.post(
      `/api/v1/notices/${answered}/reply`,
      { version: 1, text: '已整改' },
      c.bStaff,
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('PLAN_ARCHIVED');
    const detail = await f.w.api.get(`/api/v1/notices/${answered}`, c.bStaff);
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toEqual({ reply: false, decide: false, uploadEvidence: false });
  });

  it('are not escalated by the daily job', async () => {
    f.w.clock.set('2022-06-20T02:00:00.000Z');
    const run = await runJobs(f.w.ctx, { holder: 'review' });
    expect(run.noticesEscalated).toBe(0);
    const n = await f.w.ctx.db.kysely
      .selectFrom('supervision_notices')
      .select('level')
      .where('id', '=', ignored)
      .executeTakeFirstOrThrow();
    expect(n.level).toBe('yellow');
  });
});
