/**
 * The 督办单 as a PDF (pdfkit, from the same model as the .docx), read back with pdfjs-dist: the title, the
 * number, every field of the .docx's table (责任单位, 督办等级, 督办事项 with the measure's whole text, 督办事由,
 * 办理时限, 要求, 下发人), the 落款 and the date. The unit it was issued to and the office download it; another
 * unit gets 404; each download is audited with its format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../src/modules/audit/actor.ts';
import { chartFonts } from '../src/modules/documents/bulletin.chart.ts';
import { publishPlan } from '../src/modules/plans/plan-publish.service.ts';
import { buildPlan, createWorld, importPlanObject, makeUser, unitId, type World } from './helpers/context.ts';
import { docxRows, download, pdfPages } from './helpers/documents.ts';

let w: World;
let office: string;
let unitCookie: string;
let otherCookie: string;
let noticeId: string;
let measureText: string;

beforeAll(async () => {
  w = await createWorld({ start: '2022-06-28T02:00:00.000Z' });
  const plan = buildPlan({
    warnings: [],
    measureSpecs: [{ task: 3, lead: ['市生态环境局'], responsible: ['市交通委'] }],
  });
  const m = plan.measures[0] as { text: string };
  m.text = `${'加快推进国六标准重型柴油货车替代，'.repeat(14)}年底前完成。`;
  measureText = m.text;
  const planId = await importPlanObject(w.ctx, plan);
  await publishPlan(w.ctx, cliActor(), planId);
  const sup = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市生态环境局'), roles: ['supervisor'] });
  const jtw = await unitId(w.ctx, '市交通委');
  const staff = await makeUser(w.ctx, { unitId: jtw, roles: ['unit_staff'] });
  const other = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市公安局'), roles: ['unit_staff'] });
  office = await w.api.login(sup.username, sup.password);
  unitCookie = await w.api.login(staff.username, staff.password);
  otherCookie = await w.api.login(other.username, other.password);
  const measureId = (
    await w.ctx.db.kysely
      .selectFrom('measures')
      .select('id')
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow()
  ).id;
  const res = await w.api.post(
    '/api/v1/notices',
    {
      planId,
      unitId: jtw,
      measureIds: [measureId],
      level: 'yellow',
      reason: '替代进度滞后',
      replyDue: '2022-07-08',
    },
    office,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  noticeId = res.body.notice.id;
}, 60_000);
afterAll(async () => w?.close());

describe.skipIf(!chartFonts().cjk)('the 督办单 as a PDF', () => {
  it('holds every field of the .docx, the 落款 and the date', async () => {
    const pdf = await download(w, `/api/v1/notices/${noticeId}/pdf`, unitCookie);
    expect(pdf.status, pdf.text.slice(0, 300)).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toContain('notice-2022-1.pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(pdf.bytes)).join('\n');
    // pdfjs gives each wrapped line as its own item: compare without the breaks.
    const flat = text.replace(/\s+/g, '');

    const docx = await download(w, `/api/v1/notices/${noticeId}/docx`, unitCookie);
    expect(docx.status).toBe(200);
    const fields = docxRows(docx.bytes);
    expect(fields.map((r) => r[0])).toEqual([
      '项目',
      '责任单位',
      '督办等级',
      '督办事项',
      '督办事由',
      '办理时限',
      '要求',
      '下发人',
    ]);
    for (const [label, value] of fields) {
      expect(flat).toContain(label);
      expect(flat).toContain((value as string).replace(/\s+/g, ''));
    }
    expect(text).toContain('督 办 单');
    expect(text).toContain('督办〔2022〕第 1 号');
    expect(flat).toContain('市交通委');
    expect(flat).toContain('黄牌（一般督办）');
    expect(flat).toContain(`3.1${measureText}`);
    expect(flat).toContain('2022年7月8日前答复');
    expect(flat).toContain('北京市生态环境局2022年6月28日');
    expect(text).toContain('— 1 —');
  }, 60_000);

  it('is refused to another unit, given to the office, and audited', async () => {
    expect((await download(w, `/api/v1/notices/${noticeId}/pdf`, otherCookie)).status).toBe(404);
    expect((await download(w, `/api/v1/notices/${noticeId}/pdf`, office)).status).toBe(200);
    const rows = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'notice.download')
      .where('object_id', '=', noticeId)
      .execute();
    const formats = rows.map((r) => JSON.parse(String(r.detail)).format);
    expect(formats.filter((f) => f === 'pdf')).toHaveLength(2);
    expect(formats).toContain('docx');
  }, 60_000);
});
