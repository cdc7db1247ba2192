/**
 * Control characters in text fields. PostgreSQL refuses a NUL in text (a 500 before), and none of
 * them belongs in what a person types: every text field refuses them with a 400 naming the field.
 * Failed logins are audited whatever their shape, a malformed body included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportBody, requestId, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let staff: string;
beforeAll(async () => {
  f = await supervisionFixture();
  staff = await f.login(f.B.staff);
});
afterAll(() => f.w.close());

const failedLogins = async () =>
  (
    await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'auth.login')
      .where('outcome', '!=', 'success')
      .execute()
  ).length;

describe('a login', () => {
  it('with a NUL in the username is a 400 naming the field, and audited', async () => {
    const before = await failedLogins();
    const res = await f.w.api.post('/api/v1/auth/login', { username: 'adm\u0000in', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('username');
    expect(await failedLogins()).toBe(before + 1);
  });

  it('with a malformed body is refused and audited', async () => {
    for (const payload of [{ username: 1 }, 'not json at all', { username: 'a', password: 'b', extra: 1 }]) {
      const before = await failedLogins();
      const res = await f.w.api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(await failedLogins(), JSON.stringify(payload)).toBe(before + 1);
    }
  });
});

describe('text fields', () => {
  const bad = ['\u0000', '\u0007', '\u001b[31m', '\u007f', '\r'];

  it('refuse control characters in a report with a 400 naming the field', async () => {
    const base = `/api/v1/assignments/${f.assignment['1:B:responsible']}/reports/2022-06`;
    for (const c of bad) {
      const res = await f.w.api.put(base, { version: 0, ...reportBody({ summary: `进展${c}说明` }) }, staff);
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body.error.message).toContain('summary');
    }
    const submit = await f.w.api.post(
      `${base}/submit`,
      { version: 0, requestId: requestId(), ...reportBody({ summary: 'a\u0000b' }) },
      staff,
    );
    expect(submit.status).toBe(400);
    const none = await f.w.ctx.db.kysely
      .selectFrom('progress_reports')
      .select('id')
      .where('assignment_id', '=', f.assignment['1:B:responsible'] as string)
      .execute();
    expect(none).toEqual([]);
  });

  it('keep line breaks and tabs', async () => {
    const base = `/api/v1/assignments/${f.assignment['1:B:responsible']}/reports/2022-06`;
    const res = await f.w.api.put(
      base,
      { version: 0, ...reportBody({ summary: '一、完成\n\t二、推进' }) },
      staff,
    );
    expect(res.status).toBe(200);
    expect(res.body.report.summary).toBe('一、完成\n\t二、推进');
  });

  it('refuse a NUL in a reason, a path id and a query field', async () => {
    const ext = await f.w.api.post(
      `/api/v1/assignments/${f.assignment['1:B:responsible']}/extensions`,
      { milestoneId: null, requestedDue: '2023-03-31', reason: '原因\u0000' },
      staff,
    );
    expect(ext.status).toBe(400);
    expect(ext.body.error.message).toContain('reason');
    const path = await f.w.api.get('/api/v1/reports/abc%00def', staff);
    expect(path.status).toBe(400);
    const sup = await f.login(f.supervisor);
    const notice = await f.w.api.post(
      '/api/v1/notices',
      {
        planId: f.planId,
        unitId: f.B.id,
        measureIds: [f.measure[1]],
        reason: '\u0000',
        level: 'yellow',
        replyDue: '2022-07-01',
      },
      sup,
    );
    expect(notice.status).toBe(400);
  });
});
