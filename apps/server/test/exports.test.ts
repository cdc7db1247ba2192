// Issue 11, exports done right: every row that matches the filter, written on the server, typed cells, the
// filter in the header rows, human names, quote-prefixed formula-like text; a user exports only what they list.
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, transaction } from '../src/context.ts';
import { systemActor } from '../src/modules/audit/actor.ts';
import { makeUser, type TestUser, unitId } from './helpers/context.ts';
import { type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';
import { readSheet } from './helpers/xlsx.ts';

let f: SupervisionFixture;
let staffA: string;
let staffB: string;
let staffC: string;
let supervisor: string;
let auditor: TestUser;
let sysadmin: TestUser;
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","点我")';

beforeAll(async () => {
  f = await supervisionFixture();
  staffA = await f.login(f.A.staff);
  staffB = await f.login(f.B.staff);
  staffC = await f.login(f.C.staff);
  supervisor = await f.login(f.supervisor);
  auditor = await makeUser(f.w.ctx, { unitId: await unitId(f.w.ctx, '市生态环境局'), roles: ['auditor'] });
  sysadmin = await makeUser(f.w.ctx, { unitId: await unitId(f.w.ctx, '市生态环境局'), roles: ['sysadmin'] });
  // 78 notifications for A's staff (the list's page is 20), one of them formula-like, 8 read.
  const base = Date.parse('2022-06-01T02:00:00.000Z');
  await f.w.ctx.db.kysely
    .insertInto('notifications')
    .values(
      Array.from({ length: 78 }, (_, i) => {
        const at = new Date(base + i * 3600_000).toISOString();
        return {
          id: randomUUID(),
          user_id: f.A.staff.id,
          kind: i % 2 ? 'reminder.report_missing' : 'notice.issued',
          title: i === 5 ? FORMULA_TITLE : `消息 ${i + 1}`,
          body: `内容 ${i + 1}`,
          object_type: null,
          object_id: null,
          plan_id: f.planId,
          dedupe_key: null,
          created_at: at,
          day: at.slice(0, 10),
          read_at: i < 8 ? at : null,
        };
      }),
    )
    .execute();
}, 60_000);
afterAll(() => f.w.close());

async function download(url: string, cookie: string) {
  const res = await f.w.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() };
}

async function open(url: string, cookie: string) {
  const res = await download(url, cookie);
  expect(res.status, res.bytes.toString().slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
  expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  const x = await readSheet(res.bytes);
  return { ...x, bytes: res.bytes, text: x.line };
}

describe('exports hold every row that matches, with typed cells', () => {
  it('notifications: all 78 while the page shows 20; dates are Beijing dates with a format; 筛选条件：无', async () => {
    const page = await f.w.api.get('/api/v1/notifications?pageSize=20', staffA);
    expect(page.body.notifications).toHaveLength(20);
    const x = await open('/api/v1/exports/notifications.xlsx', staffA);
    expect(x.rows).toHaveLength(78);
    expect(x.text(1)).toBe('我的消息');
    expect(x.text(2)).toBe('筛选条件：无');
    expect(x.text(3)).toContain(f.A.name);
    expect(x.columns).toEqual(['时间', '类别', '标题', '内容', '已读', '阅读时间']);
    expect(x.columns.every((c) => c.trim().length > 0)).toBe(true);
    // Newest first, as the list: the last inserted (i = 77) at 2022-06-04T07:00Z is 15:00 in Beijing.
    const first = x.sheet.getCell(x.header + 1, x.col('时间'));
    expect(first.value).toBeInstanceOf(Date);
    expect((first.value as Date).toISOString()).toBe('2022-06-04T15:00:00.000Z');
    expect(first.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(x.rows.map((r) => r.getCell(x.col('类别')).value)).toContain('催办');
    expect(x.rows.filter((r) => r.getCell(x.col('已读')).value === '是')).toHaveLength(8);
    // Frozen below the header, autofilter over the table.
    expect(x.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: x.header });
    expect(String(x.sheet.autoFilter ?? '')).toMatch(new RegExp(`^A${x.header}:F${x.header + 78}$`));
    expect(x.sheet.getColumn(x.col('内容')).width).toBeGreaterThan(30);
  });

  it('writes the filter in words', async () => {
    const x = await open('/api/v1/exports/notifications.xlsx?unreadOnly=true&kind=notice.issued', staffA);
    expect(x.text(2)).toBe('筛选条件：状态=未读；类别=督办单');
    expect(x.rows).toHaveLength(35); // 39 notices.issued (even i), 4 of them among the 8 read
  });

  it('neutralises formula-like text with the quote-prefix style, the text unchanged', async () => {
    const x = await open('/api/v1/exports/notifications.xlsx', staffA);
    const row = x.rows.find((r) => String(r.getCell(x.col('标题')).value).startsWith('='));
    expect(row?.getCell(x.col('标题')).value).toBe(FORMULA_TITLE);
    const files = unzipSync(new Uint8Array(x.bytes));
    const styles = strFromU8(files['xl/styles.xml'] as Uint8Array);
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array);
    const xfs = [
      ...(styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] ?? '').matchAll(/<xf [^>]*>/g),
    ].map((m) => m[0]);
    const cellRef = `${String.fromCharCode(64 + x.col('标题'))}${row?.number}`;
    const cell = sheetXml.match(new RegExp(`<c r="${cellRef}"[^>]*>`))?.[0] ?? '';
    const s = Number(cell.match(/ s="(\d+)"/)?.[1]);
    expect(xfs[s]).toContain('quotePrefix="1"');
    expect(sheetXml).not.toContain("'=HYPERLINK");
    // Ordinary text is not quote-prefixed.
    const plain = sheetXml.match(
      new RegExp(`<c r="${String.fromCharCode(64 + x.col('内容'))}${row?.number}"[^>]*>`),
    )?.[0];
    expect(xfs[Number(plain?.match(/ s="(\d+)"/)?.[1])]).not.toContain('quotePrefix');
  });

  it('request exports name a filtered assignment by its measure, unit and role, never by its id', async () => {
    const id = f.assignment['1:A:lead'] as string;
    for (const list of ['extensions', 'closures']) {
      const x = await open(`/api/v1/exports/${list}.xlsx?assignmentId=${id}`, supervisor);
      expect(x.text(2)).toBe(`筛选条件：分工=措施 1.1 ${f.A.name}（牵头）`);
      expect(x.text(2)).not.toContain(id);
    }
    const missing = await download(
      `/api/v1/exports/extensions.xlsx?assignmentId=${randomUUID()}`,
      supervisor,
    );
    expect(missing.status).toBe(404);
    const task = await f.w.ctx.db.kysely
      .selectFrom('plan_tasks')
      .select('name')
      .where('plan_id', '=', f.planId)
      .where('no', '=', 1)
      .executeTakeFirstOrThrow();
    const board = await open(
      `/api/v1/exports/board.xlsx?light=all&task=1&section=${randomUUID()}`,
      supervisor,
    );
    expect(board.text(2)).toMatch(/^筛选条件：计划=.+；部分=（本计划无此部分）；任务=1\. (.+)$/);
    expect(board.text(2)).toContain(`任务=1. ${task.name}`);
  });

  it('board: percentages as numbers with a % format, role and light in words, unit names', async () => {
    const x = await open('/api/v1/exports/board.xlsx?light=all', supervisor);
    expect(x.text(2)).toMatch(/^筛选条件：计划=.+（2022）$/);
    expect(x.rows.length).toBe(5);
    const progress = x.sheet.getCell(x.header + 1, x.col('进度'));
    expect(typeof progress.value).toBe('number');
    expect(progress.numFmt).toBe('0%');
    const units = x.rows.map((r) => r.getCell(x.col('单位')).value);
    expect(units).toContain(f.A.name);
    expect(new Set(x.rows.map((r) => r.getCell(x.col('职责')).value))).toEqual(
      new Set(['牵头', '主责', '协办']),
    );
    expect(
      x.rows.every((r) => ['绿', '黄', '红', '已销号'].includes(String(r.getCell(x.col('预警')).value))),
    ).toBe(true);
  });

  it('audit log: every record beyond a page, sequence numbers as numbers, Chinese role and action names', async () => {
    // More records than one batch of the export's cursor (500).
    await transaction(f.w.ctx, async (trx) => {
      for (let i = 0; i < 520; i++)
        await audit(f.w.ctx, trx, systemActor(), { action: 'jobs.run', detail: { i } });
    });
    const cookie = await f.w.api.login(auditor.username, auditor.password);
    const total = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow();
    const x = await open('/api/v1/exports/audit.xlsx', cookie);
    expect(Number(total.n)).toBeGreaterThan(520);
    expect(x.rows.length).toBe(Number(total.n));
    const seqs = x.rows.map((r) => Number(r.getCell(1).value));
    expect(new Set(seqs).size).toBe(seqs.length);
    const seq = x.sheet.getCell(x.header + 1, x.col('序号'));
    expect(typeof seq.value).toBe('number');
    expect(seq.numFmt).toBe('0');
    const roles = x.rows.map((r) => String(r.getCell(x.col('角色')).value ?? ''));
    expect(roles).toContain('督办人员');
    expect(roles.some((r) => /supervisor|unit_staff/.test(r))).toBe(false);
    const actions = x.rows.map((r) => String(r.getCell(x.col('操作')).value));
    expect(actions).toContain('导出列表（Excel）');
    expect(actions).not.toContain('list.export');
    const filtered = await open('/api/v1/exports/audit.xlsx?action=plan.publish', cookie);
    expect(filtered.text(2)).toBe('筛选条件：操作=发布计划');
    expect(filtered.rows).toHaveLength(1);
    const failed = await open('/api/v1/exports/audit.xlsx?outcome=denied', cookie);
    expect(failed.text(2)).toBe('筛选条件：结果=拒绝');
    expect(failed.rows.every((r) => r.getCell(failed.col('结果')).value === '拒绝')).toBe(true);
    const byUser = await open(
      `/api/v1/exports/audit.xlsx?q=${encodeURIComponent(f.A.staff.username)}`,
      cookie,
    );
    expect(byUser.rows.length).toBeGreaterThan(0);
    expect(byUser.rows.every((r) => r.getCell(byUser.col('账号')).value === f.A.staff.username)).toBe(true);
  }, 30_000);

  it('every list exports for a role that may list it', async () => {
    const lists: [string, string][] = [
      ['plans', supervisor],
      [`measures?planId=${f.planId}`, staffA],
      [`assignments?planId=${f.planId}`, supervisor],
      ['my-work', staffA],
      ['notices', supervisor],
      ['extensions', supervisor],
      ['closures', supervisor],
      ['units?kind=district', staffA],
      ['review-queue', supervisor],
      ['users?role=supervisor', await f.w.api.login(sysadmin.username, sysadmin.password)],
    ];
    for (const [list, cookie] of lists) {
      const [name, query] = list.split('?');
      const x = await open(`/api/v1/exports/${name}.xlsx${query ? `?${query}` : ''}`, cookie);
      expect(x.columns.length, list).toBeGreaterThan(3);
      expect(
        x.columns.every((c) => c && c !== 'undefined'),
        list,
      ).toBe(true);
    }
    const measures = await open(`/api/v1/exports/measures.xlsx?planId=${f.planId}`, staffA);
    expect(measures.text(2)).toMatch(/^筛选条件：计划=/);
    expect(measures.rows).toHaveLength(2);
    const units = await open('/api/v1/exports/units.xlsx?kind=district', staffA);
    expect(units.text(2)).toBe('筛选条件：类别=区');
    expect(units.rows.every((r) => r.getCell(units.col('类别')).value === '区')).toBe(true);
    const users = await open(
      '/api/v1/exports/users.xlsx?role=supervisor',
      await f.w.api.login(sysadmin.username, sysadmin.password),
    );
    expect(users.text(2)).toBe('筛选条件：角色=督办人员');
    expect(users.rows.map((r) => r.getCell(users.col('角色')).value)).toEqual(['督办人员']);
  });
});

describe("the page's own filters apply to its export", () => {
  it('measures: the plan view filters (unit, role, words) and names them', async () => {
    const all = await open(`/api/v1/exports/measures.xlsx?planId=${f.planId}`, staffA);
    expect(all.rows).toHaveLength(2);
    const ofC = await open(`/api/v1/exports/measures.xlsx?planId=${f.planId}&unitId=${f.C.id}`, staffA);
    expect(ofC.text(2)).toContain(`单位=${f.C.name}`);
    expect(ofC.rows.map((r) => r.getCell(1).value)).toEqual(['1.1']);
    const bLeads = await open(
      `/api/v1/exports/measures.xlsx?planId=${f.planId}&unitId=${f.B.id}&role=lead`,
      supervisor, // A sees only its own assignments and those on measures it leads: B's lead is the office's to see
    );
    expect(bLeads.text(2)).toContain('职责=牵头');
    expect(bLeads.rows.map((r) => r.getCell(1).value)).toEqual(['2.1']);
    const text = String(all.rows[1]?.getCell(all.col('工作措施')).value).slice(0, 6);
    const words = await open(
      `/api/v1/exports/measures.xlsx?planId=${f.planId}&q=${encodeURIComponent(text)}`,
      staffA,
    );
    expect(words.text(2)).toContain(`搜索=${text}`);
    expect(words.rows.length).toBeGreaterThan(0);
    const none = await open(
      `/api/v1/exports/measures.xlsx?planId=${f.planId}&q=${encodeURIComponent('没有这样的措施')}`,
      staffA,
    );
    expect(none.rows).toHaveLength(0);
  });

  it('my work: role and words', async () => {
    const lead = await open('/api/v1/exports/my-work.xlsx?role=lead', staffA);
    expect(lead.text(2)).toContain('职责=牵头');
    expect(lead.rows.map((r) => r.getCell(lead.col('职责')).value)).toEqual(['牵头']);
    const none = await open(`/api/v1/exports/my-work.xlsx?q=${encodeURIComponent('没有这样的措施')}`, staffA);
    expect(none.rows).toHaveLength(0);
  });
});

describe('a user exports only what they may list', () => {
  it("another unit's rows are absent", async () => {
    const b = await open('/api/v1/exports/notifications.xlsx', staffB);
    expect(b.rows).toHaveLength(0);
    // C assists on measure 1 only: its export of the plan's assignments holds its own row, not B's or A's.
    const c = await open(`/api/v1/exports/assignments.xlsx?planId=${f.planId}`, staffC);
    expect(c.rows.map((r) => r.getCell(c.col('单位')).value)).toEqual([f.C.name]);
    const all = await open(`/api/v1/exports/assignments.xlsx?planId=${f.planId}`, supervisor);
    expect(all.rows).toHaveLength(5);
    const myWorkB = await open('/api/v1/exports/my-work.xlsx', staffB);
    expect(myWorkB.rows.map((r) => r.getCell(myWorkB.col('职责')).value).sort()).toEqual(['主责', '牵头']);
  });

  it('refuses lists the role may not read, and bad filters name the field', async () => {
    expect((await download('/api/v1/exports/audit.xlsx', staffA)).status).toBe(403);
    expect((await download('/api/v1/exports/board.xlsx', staffA)).status).toBe(403);
    expect((await download('/api/v1/exports/users.xlsx', supervisor)).status).toBe(403);
    const bad = await download('/api/v1/exports/notices.xlsx?state=bogus', supervisor);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('state');
    const unknownPlan = await download(`/api/v1/exports/measures.xlsx?planId=${randomUUID()}`, staffA);
    expect(unknownPlan.status).toBe(404);
    expect((await download('/api/v1/exports/notifications.xlsx', '')).status).toBe(401);
  });

  it('records each export in the audit trail with its filter', async () => {
    await open('/api/v1/exports/notifications.xlsx?unreadOnly=true', staffA);
    const rec = await f.w.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'list.export')
      .where('user_id', '=', f.A.staff.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(rec.object_id).toBe('notifications');
    expect(JSON.parse(rec.detail ?? '{}')).toMatchObject({
      filters: '筛选条件：状态=未读',
      title: '我的消息',
    });
  });
});
