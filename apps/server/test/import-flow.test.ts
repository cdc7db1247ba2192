/**
 * The import as users meet it (issue 8): any file through the intake contract, the wizard's preview
 * and column mapping (remembered per header), no silent duplicates, new versions that retire the old.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromTsv, toDocx, toXlsx } from '../../../packages/intake/test/table-writers.ts';
import { main } from '../src/cli/main.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUser, type TestUser, uniq, unitId, type World } from './helpers/context.ts';

let w: World;
let supervisor: TestUser;
let cookie: string;
let staffCookie: string;
let tmp: string;
beforeAll(async () => {
  w = await createWorld();
  supervisor = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市生态环境局'), roles: ['supervisor'] });
  cookie = await w.api.login(supervisor.username, supervisor.password);
  const staff = await makeUser(w.ctx, { unitId: await unitId(w.ctx, '市交通委'), roles: ['unit_staff'] });
  staffCookie = await w.api.login(staff.username, staff.password);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-import-'));
});
afterAll(async () => {
  await w.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A small plan table; `title` makes each test's plan its own, `extra` changes the bytes only. */
function planText(title: string, sep = '\t', extra = ''): string {
  const rows = [
    ['序号', '重点任务', '工作措施', '完成时限', '牵头部门', '主责单位', '协办单位'],
    ['1', '推广新能源汽车', `推广新能源公交车。${extra}`, '年底前', '市交通委', '', '市财政局'],
    ['2', '治理扬尘', '加强施工工地扬尘管控。', '6月底前', '市住房城乡建设委', '', '市交通委'],
  ];
  return `${title}\n${rows.map((r) => r.join(sep)).join('\n')}\n`;
}

function form(fileName: string, content: string | Buffer, fields: Record<string, string> = {}) {
  const boundary = '----lantian-import-flow';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const send = (url: string, fileName: string, content: string | Buffer, fields: Record<string, string> = {}) =>
  w.api.request({ method: 'POST', url: `/api/v1${url}`, cookie, ...form(fileName, content, fields) });

const planCount = async () => (await w.ctx.db.kysely.selectFrom('plans').select('id').execute()).length;

describe('any format through the intake contract', () => {
  it('imports TSV and CSV (the format is read from the bytes, not the name) as drafts', async () => {
    const title = `${uniq('城市管理')}2030年行动计划`;
    const tsv = await send('/plans/import', 'plan.tsv', planText(title));
    expect(tsv.status).toBe(200);
    expect(tsv.body.plan).toMatchObject({ title, year: 2030, status: 'draft', measureCount: 2 });
    const csvTitle = `${uniq('环境整治')}2030年行动计划`;
    const csv = await send('/plans/import', 'plan.csv', planText(csvTitle, ','));
    expect(csv.status).toBe(200);
    expect(csv.body.plan).toMatchObject({ title: csvTitle, measureCount: 2 });
  });

  it('imports a Word and an Excel document to the same plan the text gives', async () => {
    const text = await send('/plans/import/preview', 'plan.tsv', planText(`${uniq('同表')}2030年行动计划`));
    for (const [name, make] of [
      ['分工表.docx', toDocx],
      ['分工表.xlsx', toXlsx],
    ] as const) {
      const title = `${uniq('办公文件')}2030年行动计划`;
      const bytes = Buffer.from(await make(fromTsv(planText(title))));
      const preview = await send('/plans/import/preview', name, bytes);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ title, year: 2030, tasks: 2, measures: 2 });
      expect(preview.body.format).toBe(name.endsWith('.docx') ? 'docx' : 'xlsx');
      expect(preview.body.sampleRows).toEqual(text.body.sampleRows);
      expect(preview.body.columns.map((c: { role: string }) => c.role)).toEqual(
        text.body.columns.map((c: { role: string }) => c.role),
      );
      const imported = await send('/plans/import', name, bytes);
      expect(imported.status).toBe(200);
      expect(imported.body.plan).toMatchObject({ title, status: 'draft', measureCount: 2 });
    }
  });

  it('refuses a legacy .doc with a message that says what to do, storing nothing', async () => {
    const before = await planCount();
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    for (const url of ['/plans/import', '/plans/import/preview']) {
      const res = await send(url, '分工表.doc', ole);
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.details).toMatchObject({ code: 'LEGACY_FORMAT', file: '分工表.doc' });
      expect(res.body.error.message).toContain('文件“分工表.doc”是旧版 Office/WPS 格式');
      expect(res.body.error.message).toMatch(/另存为” \.docx 或 \.xlsx/);
    }
    expect(await planCount()).toBe(before);
  });

  it('says where a table could not be read: file, code and line', async () => {
    const res = await send('/plans/import', 'notes.txt', '会议纪要\n今天讨论了很多事情\n');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PLAN_PARSE_FAILED');
    expect(res.body.error.details).toMatchObject({ file: 'notes.txt', code: expect.any(String) });
  });
});

describe('the wizard’s column mapping', () => {
  it('previews without storing: columns with role, confidence and samples, sample rows, warnings', async () => {
    const before = await planCount();
    const res = await send('/plans/import/preview', 'plan.tsv', planText(`${uniq('预览')}2030年行动计划`));
    expect(res.status).toBe(200);
    expect(await planCount()).toBe(before);
    expect(res.body).toMatchObject({ year: 2030, format: 'text', tasks: 2, measures: 2, remembered: false });
    const byHeader = Object.fromEntries(
      res.body.columns.map((c: { header: string; role: string }) => [c.header, c]),
    );
    expect(byHeader.牵头部门).toMatchObject({ role: 'lead', samples: ['市交通委', '市住房城乡建设委'] });
    expect(byHeader.协办单位.role).toBe('assisting');
    for (const c of res.body.columns) expect(c.confidence).toBeGreaterThan(0);
    expect(res.body.sampleRows[0]).toMatchObject({
      no: '1.1',
      task: '推广新能源汽车',
      deadline: '年底前',
      lead: ['市交通委'],
      assisting: ['市财政局'],
    });
    expect(res.body.duplicate).toBeNull();
  });

  it('applies a changed role, remembers it on import, and offers it again for the same header', async () => {
    const headerish = (title: string) => planText(title).replace('协办单位', '参与单位');
    const columns = JSON.stringify({ 参与单位: 'ignored' });
    const first = await send('/plans/import/preview', 'a.tsv', headerish(`${uniq('映射')}2030年计划`), {
      columns,
    });
    expect(first.status).toBe(200);
    expect(first.body.columns.find((c: { header: string }) => c.header === '参与单位').role).toBe('ignored');
    expect(first.body.sampleRows[0].assisting).toEqual([]);
    // Not remembered by a preview: only an import with the mapping keeps it.
    const again = await send('/plans/import/preview', 'a.tsv', headerish(`${uniq('映射')}2030年计划`));
    expect(again.body.remembered).toBe(false);
    const imported = await send('/plans/import', 'a.tsv', headerish(`${uniq('映射')}2030年计划`), {
      columns,
    });
    expect(imported.status).toBe(200);
    const next = await send('/plans/import/preview', 'b.tsv', headerish(`${uniq('映射')}2031年计划`));
    expect(next.body.remembered).toBe(true);
    expect(next.body.columns.find((c: { header: string }) => c.header === '参与单位').role).toBe('ignored');
    // An import without columns applies the remembered mapping too.
    const applied = await send('/plans/import', 'c.tsv', headerish(`${uniq('映射')}2032年计划`));
    const measures = await w.api.get(`/api/v1/plans/${applied.body.plan.id}/measures`, cookie);
    expect(measures.body.measures[0].units.assisting).toEqual([]);
    expect(measures.body.measures[0].units.lead).toHaveLength(1);
    // Another header is not affected.
    const other = await send('/plans/import/preview', 'd.tsv', planText(`${uniq('映射')}2030年计划`));
    expect(other.body.remembered).toBe(false);
  });

  it('refuses columns that are not header → known role, saying which', async () => {
    const text = planText(`${uniq('坏映射')}2030年计划`);
    const bad = await send('/plans/import/preview', 'a.tsv', text, {
      columns: JSON.stringify({ 协办单位: 'boss' }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/协办单位/);
    const notJson = await send('/plans/import', 'a.tsv', text, { columns: '协办单位=ignored' });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.message).toMatch(/JSON/);
  });
});

describe('no silent duplicates', () => {
  it('answers 409 DUPLICATE_PLAN for the same file or the same title and year, naming the plan', async () => {
    const title = `${uniq('重复')}2030年行动计划`;
    const first = await send('/plans/import', 'plan.tsv', planText(title));
    expect(first.status).toBe(200);
    const id = first.body.plan.id;
    const before = await planCount();
    const same = await send('/plans/import', 'copy.tsv', planText(title));
    expect(same.status).toBe(409);
    expect(same.body.error).toMatchObject({
      code: 'DUPLICATE_PLAN',
      details: { match: 'same_file', plan: { id, title, year: 2030, status: 'draft' } },
    });
    expect(same.body.error.message).toContain(`“${title}”（2030 年，草稿，编号 ${id}）`);
    const edited = await send('/plans/import', 'v2.tsv', planText(title, '\t', '（修订）'));
    expect(edited.status).toBe(409);
    expect(edited.body.error.details).toMatchObject({ match: 'title_year', plan: { id } });
    const preview = await send('/plans/import/preview', 'v2.tsv', planText(title, '\t', '（修订）'));
    expect(preview.body.duplicate).toMatchObject({ match: 'title_year', plan: { id } });
    expect(await planCount()).toBe(before);
  });

  it('imports a new version on request; publishing it archives the old plan, so 我的任务 never doubles', async () => {
    const title = `${uniq('版本')}2030年行动计划`;
    const v1 = await send('/plans/import', 'v1.tsv', planText(title));
    const v1Id = v1.body.plan.id;
    expect((await w.api.post(`/api/v1/plans/${v1Id}/publish`, undefined, cookie)).status).toBe(200);
    const mine = async () =>
      (await w.api.get('/api/v1/me/assignments?pageSize=100', staffCookie)).body.assignments.filter(
        (a: { planTitle: string }) => a.planTitle === title,
      );
    expect(await mine()).toHaveLength(2);

    const dup = await send('/plans/import', 'v2.tsv', planText(title, '\t', '（修订）'));
    expect(dup.body.error.details).toMatchObject({ plan: { id: v1Id, status: 'published' } });
    const missing = await send(
      '/plans/import?asNewVersionOf=00000000-0000-4000-8000-000000000000',
      'v2.tsv',
      planText(title, '\t', '（修订）'),
    );
    expect(missing.status).toBe(404);
    const v2 = await send(
      `/plans/import?asNewVersionOf=${v1Id}`,
      'v2.tsv',
      planText(title, '\t', '（修订）'),
    );
    expect(v2.status).toBe(200);
    const v2Id = v2.body.plan.id;
    // Until the new version is published, the old one stands.
    expect((await w.api.get(`/api/v1/plans/${v1Id}`, cookie)).body.plan.status).toBe('published');
    expect((await w.api.post(`/api/v1/plans/${v2Id}/publish`, undefined, cookie)).status).toBe(200);
    const old = await w.ctx.db.kysely
      .selectFrom('plans')
      .select(['status', 'archive_reason'])
      .where('id', '=', v1Id)
      .executeTakeFirstOrThrow();
    expect(old.status).toBe('archived');
    expect(old.archive_reason).toBe(`已由新版本“${title}”（2030 年，计划 ${v2Id}）替代`);
    expect(await mine()).toHaveLength(2);
    const audits = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', v1Id)
      .execute();
    expect(audits.map((a) => a.action)).toContain('plan.archive');
  });

  it('CLI plan import says the same and takes --new-version-of', async () => {
    const title = `${uniq('命令行')}2030年行动计划`;
    const file = path.join(tmp, 'plan.tsv');
    fs.writeFileSync(file, planText(title));
    const first = cliIo(w.testDb.env);
    expect(await main(['plan', 'import', file], first)).toBe(0);
    const id = first.out().trim();
    const again = cliIo(w.testDb.env);
    expect(await main(['plan', 'import', file], again)).toBe(1);
    expect(again.err()).toContain(`“${title}”（2030 年，草稿，编号 ${id}）`);
    expect(again.err()).toContain(`--new-version-of ${id}`);
    const version = cliIo(w.testDb.env);
    expect(await main(['plan', 'import', file, '--new-version-of', id], version)).toBe(0);
    const row = await w.ctx.db.kysely
      .selectFrom('plan_versions')
      .select('replaces_plan_id')
      .where('plan_id', '=', version.out().trim())
      .executeTakeFirstOrThrow();
    expect(row.replaces_plan_id).toBe(id);
  });
});
