/** Evidence files: stored in the database, typed by content, macro formats and zip bombs refused, served as attachments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnit, makeUser } from './helpers/context.ts';
import { BOMB, DOCM, DOCX, multipart, OLE, PDF, PNG } from './helpers/files.ts';
import { reportBody, requestId, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

let f: SupervisionFixture;
let staff: string;
let reportId: string;
beforeAll(async () => {
  f = await supervisionFixture();
  staff = await f.login(f.B.staff);
  const saved = await f.w.api.put(
    `/api/v1/assignments/${f.assignment['1:B:responsible']}/reports/2022-06`,
    { version: 0, ...reportBody() },
    staff,
  );
  reportId = saved.body.report.id;
});
afterAll(() => f.w.close());

const upload = (name: string, content: Buffer, cookie = staff, id = reportId) =>
  f.w.api.request({
    method: 'POST',
    url: `/api/v1/reports/${id}/evidence`,
    cookie,
    ...multipart(name, content),
  });

describe('uploading evidence', () => {
  it('stores a PDF in the database under a server-made name and serves it back as an attachment', async () => {
    const res = await upload('../../etc/整改报告.pdf', PDF);
    expect(res.status).toBe(200);
    const a = res.body.attachment;
    expect(a).toMatchObject({ fileName: '整改报告.pdf', mediaType: 'application/pdf', size: PDF.length });
    expect(a.storedName).toMatch(/^ev-[0-9a-f-]{36}\.pdf$/);
    const row = await f.w.ctx.db.kysely
      .selectFrom('attachments')
      .select(['content', 'sha256'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.content).equals(PDF)).toBe(true);
    const dl = await f.w.api.request({ method: 'GET', url: a.downloadUrl, cookie: staff });
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-disposition'])).toBe(
      `attachment; filename="${a.storedName}"; filename*=UTF-8''${encodeURIComponent('整改报告.pdf')}`,
    );
    const form = await f.w.api.get(`/api/v1/reports/${reportId}`, staff);
    expect(form.body.report.evidence.map((e: { id: string }) => e.id)).toEqual([a.id]);
  });

  it('records each download in the audit trail (who, which file, bytes, hash), and not one refused', async () => {
    // On a report of its own (unit A), so that the other tests' counts of this report stay theirs.
    const aStaff = await f.login(f.A.staff);
    const aReport = await f.w.api.put(
      `/api/v1/assignments/${f.assignment['2:A:responsible']}/reports/2022-06`,
      { version: 0, ...reportBody() },
      aStaff,
    );
    expect(aReport.status).toBe(200);
    const res = await upload(
      '下载审计.pdf',
      Buffer.concat([PDF, Buffer.from('\n% audit')]),
      aStaff,
      aReport.body.report.id,
    );
    expect(res.status).toBe(200);
    const a = res.body.attachment;
    const downloads = (userId: string) =>
      f.w.ctx.db.kysely
        .selectFrom('audit_events')
        .select(['object_type', 'object_id', 'outcome', 'detail'])
        .where('action', '=', 'evidence.download')
        .where('user_id', '=', userId)
        .where('object_id', '=', a.id)
        .execute();
    expect((await f.w.api.request({ method: 'GET', url: a.downloadUrl, cookie: aStaff })).status).toBe(200);
    const [row, ...more] = await downloads(f.A.staff.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ object_type: 'evidence', object_id: a.id, outcome: 'success' });
    const detail = typeof row?.detail === 'string' ? JSON.parse(row.detail) : row?.detail;
    expect(detail.bytes).toBe(PDF.length + 8);
    // Someone of another unit is refused the file, and no download is recorded for them.
    const other = await makeUser(f.w.ctx, { unitId: (await makeUnit(f.w.ctx)).id, roles: ['unit_staff'] });
    const otherCookie = await f.w.api.login(other.username, other.password);
    const refused = await f.w.api.request({ method: 'GET', url: a.downloadUrl, cookie: otherCookie });
    expect([403, 404]).toContain(refused.status);
    expect(await downloads(other.id)).toEqual([]);
  });

  it('refuses the same content a second time on the same report, naming the file it repeats', async () => {
    const again = await upload('整改报告（副本）.pdf', PDF);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_EVIDENCE');
    expect(again.body.error.message).toContain('整改报告.pdf');
    const rows = await f.w.ctx.db.kysely
      .selectFrom('attachments')
      .select('id')
      .where('owner_id', '=', reportId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('accepts Office Open XML and images by their content', async () => {
    expect((await upload('方案.docx', DOCX)).body.attachment.mediaType).toMatch(/wordprocessingml/);
    expect((await upload('现场.png', PNG)).body.attachment.mediaType).toBe('image/png');
  });

  it('refuses macro formats, legacy Office, zip bombs, mismatched names and unknown types, with the reason', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['方案.docm', DOCX, /宏/],
      ['方案.docx', DOCM, /宏/],
      ['旧表.xls', OLE, /旧版 Office/],
      ['数据.xlsx', BOMB, /压缩炸弹/],
      ['照片.pdf', PNG, /内容却是PNG/],
      ['说明.txt', Buffer.from('hello'), /不支持的文件类型/],
    ];
    for (const [name, content, message] of cases) {
      const res = await upload(name, content);
      expect(res.status, name).toBe(415);
      expect(res.body.error.message, name).toMatch(message);
    }
    const count = await f.w.ctx.db.kysely
      .selectFrom('attachments')
      .select('id')
      .where('owner_id', '=', reportId)
      .execute();
    expect(count).toHaveLength(3);
  });

  it('is refused once the report is submitted; removal too', async () => {
    const form = await f.w.api.get(`/api/v1/reports/${reportId}`, staff);
    const first = form.body.report.evidence[0].id;
    expect(
      (
        await f.w.api.request({
          method: 'DELETE',
          url: `/api/v1/evidence/${form.body.report.evidence[2].id}`,
          cookie: staff,
        })
      ).status,
    ).toBe(200);
    await f.w.api.post(
      `/api/v1/assignments/${f.assignment['1:B:responsible']}/reports/2022-06/submit`,
      { version: form.body.report.version, requestId: requestId(), ...reportBody() },
      staff,
    );
    const late = await upload('补充.pdf', PDF);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    expect(
      (await f.w.api.request({ method: 'DELETE', url: `/api/v1/evidence/${first}`, cookie: staff })).status,
    ).toBe(409);
    const audit = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('action', 'like', 'evidence.%')
      .where('action', '!=', 'evidence.download')
      .where('user_id', '=', f.B.staff.id)
      .execute();
    const done = audit.filter((a) => a.outcome === 'success').map((a) => a.action);
    expect(done.sort()).toEqual(['evidence.delete', 'evidence.upload', 'evidence.upload', 'evidence.upload']);
    // The refused late upload is in the trail too, as a failure.
    expect(audit.filter((a) => a.outcome === 'failure').map((a) => a.action)).toContain('evidence.upload');
  });
});
