/**
 * The bulletin as a PDF (pdfkit, from the same model as the .docx), read back with pdfjs-dist: its text
 * holds the title, the 文号, every unit's row of the per-unit table and the page numbers `— n —`; the
 * CLI writes it to a .pdf; the download is audited. The seed plan as loaded, as of 30 June 2022.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { chartFonts } from '../src/modules/documents/bulletin.chart.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUser, unitId, type World } from './helpers/context.ts';
import { pdfPages } from './helpers/documents.ts';

let w: World;
let planId: string;
let cookie: string;

beforeAll(async () => {
  w = await createWorld({
    start: '2022-07-05T02:00:00.000Z',
    config: { security: { passwordMaxAgeDays: 0 } as never },
  });
  planId = (await loadDemo(w.ctx, cliActor())).planId;
  const supervisor = await makeUser(w.ctx, {
    unitId: await unitId(w.ctx, '市生态环境局'),
    roles: ['supervisor'],
  });
  cookie = await w.api.login(supervisor.username, supervisor.password);
}, 120_000);
afterAll(() => w.close());

describe.skipIf(!chartFonts().cjk)('the bulletin as a PDF', () => {
  it('holds the title, the unit table rows and the page numbers', async () => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${planId}/bulletin/pdf?period=2022-06`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('.pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(res.rawPayload);
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.join('\n');
    expect(all).toContain('关于《大气污染防治2022年行动计划》2022年6月推进情况的通报');
    expect(all).toContain('通报〔2022〕第 6 期');
    expect(all).toContain('各单位推进情况');
    const facts = (
      await w.app.inject({
        method: 'GET',
        url: `/api/v1/plans/${planId}/bulletin?period=2022-06`,
        headers: { cookie },
      })
    ).json() as { units: { unitName: string; assignments: number }[] };
    expect(facts.units.length).toBeGreaterThan(10);
    for (const u of facts.units) expect(all).toContain(u.unitName);
    pages.forEach((p, i) => {
      expect(p).toContain(`— ${i + 1} —`);
    });
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'bulletin.download')
      .execute();
    expect(audit.some((a) => String(a.detail).includes('"format":"pdf"'))).toBe(true);
  }, 120_000);

  it('npx lantian bulletin --out FILE.pdf writes the PDF', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-bulletin-')), 'june.pdf');
    const io = cliIo(w.testDb.env);
    expect(await main(['bulletin', '--plan', planId, '--period', '2022-06', '--out', out], io)).toBe(0);
    const pages = await pdfPages(fs.readFileSync(out));
    expect(pages[0]).toContain('通报');
    expect(pages[0]).toContain('— 1 —');
  }, 120_000);
});
