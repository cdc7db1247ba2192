/**
 * The monthly bulletin (通报) of the seed plan for a simulated June: every unit reports January to
 * June on the 20th, except one unit that stops after April. The bulletin, opened as a reader would
 * (unzipped, word/document.xml parsed), has the per-unit table for all units, the red items with
 * their reasons, the chart as a picture with glyphs; the office's texts and switches apply; 督办单
 * numbers run per plan and year.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Deadline, periodsToReport } from '@lantian/core';
import { Resvg } from '@resvg/resvg-js';
import { strFromU8, unzipSync } from 'fflate';
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { transaction } from '../src/context.ts';
import type { ProgressReportsTable, ReportEventsTable } from '../src/db/schema.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { chartFonts } from '../src/modules/documents/bulletin.chart.ts';
import { insertMany } from '../src/modules/plans/plans.repository.ts';
import { deadlineOf } from '../src/modules/supervision/assignment.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUser, type TestUser, unitId, type World } from './helpers/context.ts';

const MONTHLY = { cycle: 'monthly' as const, dueDay: 25, start: '2022-01-01' };
const MONTHS = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'];

let w: World;
let planId: string;
let supervisor: TestUser;
let cookie: string;
let skipperUnit: string;
let skipperName: string;
const unitNames = new Map<string, string>();
let unitStaff: TestUser;

interface A {
  id: string;
  measureId: string;
  unitId: string;
  deadline: Deadline;
}

async function deliver(assignments: A[], month: string, user: string) {
  const day = `${month}-20`;
  const now = `${day}T02:00:00.000Z`;
  const reports: Insertable<ProgressReportsTable>[] = [];
  const events: Insertable<ReportEventsTable>[] = [];
  for (const a of assignments) {
    if (!periodsToReport(a.deadline, 2022, MONTHLY, day).some((p) => p.key === month)) continue;
    const id = randomUUID();
    reports.push({
      id,
      plan_id: planId,
      assignment_id: a.id,
      measure_id: a.measureId,
      unit_id: a.unitId,
      period: month,
      period_start: `${month}-01`,
      period_end: `${month}-28`,
      period_due: `${month}-25`,
      state: 'submitted',
      status: 'on_track',
      summary: `${month} 按计划推进`,
      target_values: '[]',
      milestones_reached: '[]',
      review_route: 'lead',
      version: 2,
      created_by: user,
      created_at: now,
      updated_by: user,
      updated_at: now,
      submitted_by: user,
      submitted_at: now,
      signed_off_by: user,
      signed_off_at: now,
      reviewed_by: null,
      reviewed_at: null,
      review_decision: null,
      review_comment: null,
      signoff_comment: null,
      last_request_id: null,
    });
    events.push({
      id: randomUUID(),
      report_id: id,
      seq: 1,
      plan_id: planId,
      at: now,
      user_id: user,
      action: 'signoff',
      from_state: 'pending_signoff',
      to_state: 'submitted',
      status: 'on_track',
      milestones_reached: '[]',
      target_values: '[]',
      comment: null,
    });
  }
  await transaction(w.ctx, async (trx) => {
    await insertMany(trx, 'progress_reports', reports);
    await insertMany(trx, 'report_events', events);
  });
}

/** The .docx as bytes (the JSON helper would read it as text). */
async function download(url: string, c = cookie) {
  const res = await w.app.inject({ method: 'GET', url, headers: { cookie: c } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, body: res.body };
}

function open(bytes: Buffer) {
  const parts = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(parts['word/document.xml'] as Uint8Array);
  return { parts, xml };
}

/** The text of each paragraph and the tables (rows of cell texts) of a document.xml. */
function read(xml: string) {
  const text = (s: string) =>
    [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const tables = [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)].map((t) =>
    [...(t[1] as string).matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map((r) =>
      [...(r[1] as string).matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map((c) => text(c[1] as string)),
    ),
  );
  const outside = xml.replace(/<w:tbl>.*?<\/w:tbl>/gs, '');
  const paragraphs = [...outside.matchAll(/<w:p[ >](.*?)<\/w:p>/gs)].map((p) => text(p[1] as string));
  return { tables, paragraphs, all: text(xml) };
}

beforeAll(async () => {
  w = await createWorld({
    start: '2022-01-01T02:00:00.000Z',
    config: { security: { passwordMaxAgeDays: 0 } as never },
  });
  planId = (await loadDemo(w.ctx, cliActor())).planId;
  const rows = await w.ctx.db.kysely
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.measure_id',
      'a.unit_id',
      'u.name as unit_name',
      'm.deadline_raw',
      'm.deadline_kind',
      'm.deadline_due',
      'm.deadline_start',
      'm.deadline_end',
      'm.deadline_recurrence',
    ])
    .where('a.plan_id', '=', planId)
    .execute();
  for (const r of rows) unitNames.set(r.unit_id, r.unit_name);
  const all: A[] = rows.map((r) => ({
    id: r.id,
    measureId: r.measure_id,
    unitId: r.unit_id,
    deadline: deadlineOf(r),
  }));
  skipperUnit = await unitId(w.ctx, '市交通委');
  skipperName = '市交通委';
  expect(all.some((a) => a.unitId === skipperUnit)).toBe(true);
  unitStaff = await makeUser(w.ctx, { unitId: skipperUnit, roles: ['unit_staff'] });
  const office = await unitId(w.ctx, '市生态环境局');
  supervisor = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
  for (const month of MONTHS) {
    w.clock.set(`${month}-20T02:00:00.000Z`);
    const who = all.filter((a) => month <= '2022-04' || a.unitId !== skipperUnit);
    await deliver(who, month, supervisor.id);
  }
  w.clock.set('2022-07-05T02:00:00.000Z');
  cookie = await w.api.login(supervisor.username, supervisor.password);
}, 120_000);
afterAll(() => w.close());

describe('the bulletin of June', () => {
  it('previews the month as it stood at its end: every unit ranked, the red items folded', async () => {
    const res = await w.api.get<{
      asOf: string;
      units: {
        unitName: string;
        rank: number;
        assignments: number;
        reportsMissing: number;
        overdue: number;
      }[];
      items: { unitName: string; light: string; measure: string; reasons: string[] }[];
      progress: { counts: Record<string, number>; sections: unknown[] };
    }>(`/api/v1/plans/${planId}/bulletin?period=2022-06`, cookie);
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2022-06-30');
    expect(res.body.units.map((u) => u.unitName).sort()).toEqual([...new Set(unitNames.values())].sort());
    const skipper = res.body.units.find((u) => u.unitName === skipperName);
    // May and June not reported (June is due on the 25th, so by the 30th it is missing too).
    expect(skipper?.reportsMissing).toBeGreaterThanOrEqual(2);
    expect(skipper?.overdue).toBeGreaterThan(0);
    // Units that reported everything rank above the one that stopped.
    const best = res.body.units[0];
    expect(best?.rank).toBe(1);
    expect(best?.reportsMissing).toBe(0);
    const ranks = res.body.units.map((u) => u.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const red = res.body.items.filter((i) => i.unitName === skipperName && i.light === 'red');
    expect(red.length).toBeGreaterThan(0);
    expect(red.some((i) => i.reasons.some((r) => r.includes('未报')))).toBe(true);
    // One line per measure and unit: the missing months are folded into one reason, not one per month.
    const keys = res.body.items.map((i) => `${i.measure}|${i.unitName}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(res.body.progress.sections.length).toBeGreaterThan(1);
  });

  it('writes a 公文 .docx with the per-unit table for all units, the red items and the chart', async () => {
    const res = await download(`/api/v1/plans/${planId}/bulletin/docx?period=2022-06`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain('bulletin-2022-06.docx');
    const { parts, xml } = open(res.bytes);
    const doc = read(xml);
    expect(doc.paragraphs.some((p) => p.includes('2022年6月推进情况的通报'))).toBe(true);
    // A4 and the standard's margins (37/35/28/26 mm in twips), page numbers — N — in the footers.
    expect(xml).toMatch(/<w:pgSz w:w="1190[56]" w:h="1683[78]"/);
    expect(xml).toMatch(/w:top="209[78]"[^>]*w:right="147[34]"[^>]*w:bottom="198[34]"[^>]*w:left="158[67]"/);
    const footers = Object.keys(parts).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(footers.length).toBe(2);
    for (const f of footers) expect(strFromU8(parts[f] as Uint8Array)).toMatch(/— .*PAGE.*—/s);
    // Fonts: 小标宋 title, 黑体 headings, 仿宋 body, each with its Noto CJK alternative.
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    const fontTable = strFromU8(parts['word/fontTable.xml'] as Uint8Array);
    expect(fontTable).toMatch(/w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/);

    const unitsTable = doc.tables.find((t) => t[0]?.includes('缺报'));
    expect(unitsTable).toBeDefined();
    const unitRows = (unitsTable ?? []).slice(1);
    expect(unitRows.map((r) => r[1]).sort()).toEqual([...new Set(unitNames.values())].sort());
    const skipperRow = unitRows.find((r) => r[1] === skipperName);
    expect(Number(skipperRow?.[7])).toBeGreaterThanOrEqual(2);

    const items = doc.tables.find((t) => t[0]?.join('|') === '预警|措施|单位|原因');
    const skipperRed = (items ?? []).filter((r) => r[0] === '红色' && r[2] === skipperName);
    expect(skipperRed.length).toBeGreaterThan(0);
    expect(skipperRed.some((r) => r[3]?.includes('未报'))).toBe(true);
    // Red before yellow.
    const lights = (items ?? []).slice(1).map((r) => r[0]);
    expect(lights.lastIndexOf('红色')).toBeLessThan(
      lights.includes('黄色') ? lights.indexOf('黄色') : Infinity,
    );

    const media = Object.keys(parts).filter((p) => p.startsWith('word/media/') && p.endsWith('.png'));
    expect(media).toHaveLength(1);
    expect(xml).toContain('<a:blip r:embed=');
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('action', '=', 'bulletin.download')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  }, 60_000);

  it.skipIf(!chartFonts().cjk)(
    'draws the chart with Chinese glyphs (the picture is not blank)',
    async () => {
      const res = await download(`/api/v1/plans/${planId}/bulletin/docx?period=2022-06`);
      const { parts } = open(res.bytes);
      const name = Object.keys(parts).find((p) => p.startsWith('word/media/')) as string;
      const png = Buffer.from(parts[name] as Uint8Array);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      // Decode the PNG by drawing it with resvg, then look at its pixels.
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
      const img = new Resvg(svg).render();
      const px = img.pixels;
      const luma = (x: number, y: number) => {
        const i = (y * img.width + x) * 4;
        return 0.299 * (px[i] as number) + 0.587 * (px[i + 1] as number) + 0.114 * (px[i + 2] as number);
      };
      /** Dark pixels and luminance variance in a band of rows. */
      const band = (y0: number, y1: number) => {
        let dark = 0;
        let sum = 0;
        let sq = 0;
        let n = 0;
        for (let y = y0; y < y1; y++)
          for (let x = 0; x < img.width; x++) {
            const l = luma(x, y);
            if (l < 128) dark++;
            sum += l;
            sq += l * l;
            n++;
          }
        return { dark, variance: sq / n - (sum / n) ** 2 };
      };
      // The title (各部分分工预警情况) sits in the top 60 pixel rows, centred; no bar reaches there.
      const title = band(0, 60);
      expect(title.dark).toBeGreaterThan(500);
      expect(title.variance).toBeGreaterThan(100);
      // Left of the plot: the section labels (一、…), drawn with the CJK font.
      let labels = 0;
      for (let y = 110; y < img.height - 40; y++)
        for (let x = 0; x < 260; x++) if (luma(x, y) < 128) labels++;
      expect(labels).toBeGreaterThan(500);
      // The whole picture is not one colour.
      expect(band(0, img.height).variance).toBeGreaterThan(100);
    },
    60_000,
  );

  it.runIf(!chartFonts().cjk)(
    'SKIPPED glyph check: no CJK font on this machine (apt-get install fonts-noto-cjk)',
    () => {
      console.warn('bulletin chart glyph test skipped: no CJK font found under /usr/share/fonts');
    },
  );

  it('applies the office texts and switches; a stale version is refused; bad input names the field', async () => {
    const url = `/api/v1/plans/${planId}/bulletin/texts?period=2022-06`;
    const body = {
      version: 0,
      docNo: '京大气办〔2022〕6号',
      opening: '六月全市大气污染防治工作总体平稳。\n现将情况通报如下。',
      closing: '请各单位抓紧整改。',
      sectionsOff: ['closures', 'extensions'],
    };
    const saved = await w.api.put<{ version: number; updatedBy: string }>(url, body, cookie);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect((await w.api.put(url, body, cookie)).status).toBe(409);
    const bad = await w.api.put<{ error: { message: string } }>(
      `/api/v1/plans/${planId}/bulletin/texts?period=2022-13`,
      body,
      cookie,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('period');
    const badSection = await w.api.put<{ error: { message: string } }>(
      url,
      { ...body, version: 1, sectionsOff: ['nope'] },
      cookie,
    );
    expect(badSection.status).toBe(400);
    expect(badSection.body.error.message).toContain('sectionsOff');
    const future = await w.api.get<{ error: { message: string } }>(
      `/api/v1/plans/${planId}/bulletin?period=2022-09`,
      cookie,
    );
    expect(future.status).toBe(400);
    expect(future.body.error.message).toContain('period');

    const doc = read(
      open((await download(`/api/v1/plans/${planId}/bulletin/docx?period=2022-06`)).bytes).xml,
    );
    expect(doc.paragraphs[0]).toBe('京大气办〔2022〕6号');
    expect(doc.paragraphs).toContain('六月全市大气污染防治工作总体平稳。');
    expect(doc.paragraphs).toContain('现将情况通报如下。');
    expect(doc.paragraphs).toContain('请各单位抓紧整改。');
    expect(doc.all).not.toContain('销号情况');
    expect(doc.all).not.toContain('延期批准情况');
    expect(doc.paragraphs).toContain('一、总体进展');
    expect(doc.paragraphs).toContain('四、督办单下发和答复情况');
    // Units cannot read or edit the office's bulletin.
    const unitCookie = await w.api.login(unitStaff.username, unitStaff.password);
    expect((await w.api.get(`/api/v1/plans/${planId}/bulletin?period=2022-06`, unitCookie)).status).toBe(403);
  }, 60_000);
});

describe('督办单 numbers and documents', () => {
  it('numbers notices per plan and year, shows them in the bulletin, and prints the notice', async () => {
    const measures = await w.ctx.db.kysely
      .selectFrom('assignments')
      .select('measure_id')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', skipperUnit)
      .limit(2)
      .execute();
    const issue = async (replyDue: string) => {
      const res = await w.api.post<{ notice: { id: string; number: string } }>(
        '/api/v1/notices',
        {
          planId,
          unitId: skipperUnit,
          measureIds: measures.map((m) => m.measure_id),
          level: 'red',
          reason: '5月、6月进展报告未报',
          replyDue,
        },
        cookie,
      );
      expect(res.status).toBe(200);
      return res.body.notice;
    };
    // Each jump of the clock starts a fresh session (a year's jump outlives any session).
    const at = async (instant: string) => {
      w.clock.set(instant);
      cookie = await w.api.login(supervisor.username, supervisor.password);
    };
    await at('2022-06-28T02:00:00.000Z');
    const first = await issue('2022-07-10');
    await at('2022-07-05T02:00:00.000Z');
    const second = await issue('2022-07-15');
    expect(first.number).toBe('督办〔2022〕第 1 号');
    expect(second.number).toBe('督办〔2022〕第 2 号');
    await at('2023-01-03T02:00:00.000Z');
    const third = await issue('2023-01-20');
    expect(third.number).toBe('督办〔2023〕第 1 号');
    await at('2022-07-05T02:00:00.000Z');

    const june = await w.api.get<{ notices: { number: string; issuedInPeriod: boolean }[] }>(
      `/api/v1/plans/${planId}/bulletin?period=2022-06`,
      cookie,
    );
    expect(june.body.notices.map((n) => n.number)).toEqual(['督办〔2022〕第 1 号']);

    const unitCookie = await w.api.login(unitStaff.username, unitStaff.password);
    const file = await download(`/api/v1/notices/${first.id}/docx`, unitCookie);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain('notice-2022-1.docx');
    const doc = read(open(file.bytes).xml);
    expect(doc.paragraphs).toContain('督 办 单');
    expect(doc.paragraphs).toContain('督办〔2022〕第 1 号');
    const fields = new Map((doc.tables[0] ?? []).map((r) => [r[0], r[1]]));
    expect(fields.get('责任单位')).toBe(skipperName);
    expect(fields.get('督办等级')).toContain('红牌');
    expect(fields.get('督办事项')).toMatch(/^\d+\.\d+ /);
    expect(fields.get('督办事由')).toBe('5月、6月进展报告未报');
    expect(fields.get('办理时限')).toBe('2022年7月10日前答复');
    expect(fields.get('要求')).toBe(
      `请${skipperName}于2022年7月10日前将整改落实情况及佐证材料通过蓝天系统答复。`,
    );
    // 落款: the issuing office by its full name, then the day of issue.
    expect(doc.paragraphs.slice(-2)).toEqual(['北京市生态环境局', '2022年6月28日']);
    // Another unit's account does not see it.
    const other = await makeUser(w.ctx, {
      unitId: await unitId(w.ctx, '市生态环境局'),
      roles: ['unit_staff'],
    });
    const otherCookie = await w.api.login(other.username, other.password);
    expect((await download(`/api/v1/notices/${first.id}/docx`, otherCookie)).status).toBe(404);
  }, 60_000);
});

describe('npx lantian bulletin', () => {
  it('writes the .docx to the file named, and refuses a bad month or file name with exit 2', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bulletin-')), 'june.docx');
    const io = cliIo(w.testDb.env);
    expect(await main(['bulletin', '--plan', planId, '--period', '2022-06', '--out', out], io)).toBe(0);
    expect(io.err()).toContain('已生成 2022-06 通报');
    const doc = read(open(fs.readFileSync(out)).xml);
    expect(doc.tables.find((t) => t[0]?.includes('缺报'))?.length).toBe(new Set(unitNames.values()).size + 1);
    const bad = cliIo(w.testDb.env);
    expect(await main(['bulletin', '--plan', planId, '--period', '2022-6', '--out', out], bad)).toBe(2);
    expect(bad.err()).toContain('--period');
    const noDocx = cliIo(w.testDb.env);
    expect(await main(['bulletin', '--plan', planId, '--period', '2022-06', '--out', 'x.txt'], noDocx)).toBe(
      2,
    );
    expect(noDocx.err()).toContain('--out');
  }, 60_000);
});
