/**
 * The unit directory as a table (issue 8 §3): another city loads its own units from CSV or .xlsx. The
 * preview says what would be created and renamed and lists every bad row with its line and column; the
 * import writes all of it in one transaction or nothing, in the history and the audit trail; only the
 * system administrator imports; an export imported again changes nothing.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexDirectory } from '@lantian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { readDirectory } from '../src/modules/directory/directory.service.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, makeUnit, makeUser, uniq, type World } from './helpers/context.ts';
import { multipart } from './helpers/files.ts';

let w: World;
let sys: string;
let sup: string;
beforeAll(async () => {
  w = await createWorld();
  const office = (await makeUnit(w.ctx)).id;
  const admin = await makeUser(w.ctx, { unitId: office, roles: ['sysadmin'] });
  const supervisor = await makeUser(w.ctx, { unitId: office, roles: ['supervisor'] });
  sys = await w.api.login(admin.username, admin.password);
  sup = await w.api.login(supervisor.username, supervisor.password);
});
afterAll(() => w.close());

type Preview = {
  rows: number;
  creates: { line: number; name: string; aliases: string[]; groups: string[]; parent: string | null }[];
  updates: { line: number; unitId: string; renamedFrom: string | null; changed: string[] }[];
  unchanged: number;
  newGroups: string[];
  problems: { line: number; column: string; cell: string | null; message: string }[];
  digest: string;
};
const upload = (url: string, name: string, bytes: Buffer, cookie = sys) =>
  w.api.request({ method: 'POST', url: `/api/v1/directory/${url}`, cookie, ...multipart(name, bytes) });
const preview = async (name: string, bytes: Buffer) => {
  const r = await upload('import/preview', name, bytes);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as Preview;
};
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
const unitCount = async () =>
  Number(
    (
      await w.ctx.db.kysely
        .selectFrom('units')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lookup = async (name: string) => {
  const { directory, unitIds, groupIds } = await readDirectory(w.ctx.db.kysely);
  const index = indexDirectory(directory);
  const hit = index.lookup(name);
  if (hit?.type === 'unit') return { id: unitIds.get(hit.unit.name), unit: hit.unit };
  if (hit?.type === 'group')
    return { id: groupIds.get(hit.group.name), members: index.members(hit.group.name) };
  return undefined;
};
const exported = async (format: 'csv' | 'xlsx') => {
  const r = await w.app.inject({
    url: `/api/v1/directory/export?format=${format}`,
    headers: { cookie: sup },
  });
  expect(r.statusCode).toBe(200);
  return r.rawPayload;
};

describe('directory import and export', () => {
  it('exports the bundled directory and imports it back as a no-op, as .xlsx and as CSV', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const bytes = await exported(format);
      const p = await preview(`directory.${format}`, bytes);
      expect(p.problems).toEqual([]);
      expect(p.creates).toEqual([]);
      expect(p.updates).toEqual([]);
      expect(p.newGroups).toEqual([]);
      expect(p.unchanged).toBe(p.rows);
      expect(p.rows).toBeGreaterThan(50);
      const r = await upload(`import?digest=${p.digest}`, `directory.${format}`, bytes);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual({ created: 0, updated: 0, unchanged: p.rows, groupsCreated: 0 });
      // And the export after it is the same file.
      expect(Buffer.compare(await exported('csv'), await exported('csv'))).toBe(0);
    }
    const text = (await exported('csv')).toString('utf8');
    expect(
      text.startsWith('\ufeff单位名称,全称,简称/别名,类型,所属分组,上级/所属区,地区,状态,备注\r\n'),
    ).toBe(true);
    expect(text).toMatch(/\r\n市生态环境局,北京市生态环境局,[^\r\n]*,市级部门,[^\r\n]*,北京市,启用,/);
  });

  it('creates another city’s units, their aliases, a group with its members and a parent, audited', async () => {
    const city = uniq('测试市城管委');
    const county = uniq('测试甲县政府');
    const town = uniq('测试甲县某镇');
    const group = uniq('测试各县政府');
    const bytes = csv([
      '单位名称,简称/别名,类型,所属分组,上级/所属区,备注',
      `${city},${city}简称、${city}全称;${city}又名,委办局,,,城市管理`,
      '',
      `${county},${county}简称,区政府,${group},,`,
      `${town},,街道,,${county},`,
    ]);
    const before = await unitCount();
    const p = await preview('other-city.csv', bytes);
    expect(p.problems).toEqual([]);
    expect(p.creates.map((c) => [c.line, c.name])).toEqual([
      [2, city],
      [4, county],
      [5, town],
    ]);
    expect(p.creates[0]?.aliases).toEqual([`${city}简称`, `${city}全称`, `${city}又名`]);
    expect(p.creates[1]?.groups).toEqual([group]);
    expect(p.creates[2]?.parent).toBe(county);
    expect(p.newGroups).toEqual([group]);
    expect(await unitCount()).toBe(before);

    const r = await upload(`import?digest=${p.digest}`, 'other-city.csv', bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ created: 3, updated: 0, unchanged: 0, groupsCreated: 1 });
    expect(await unitCount()).toBe(before + 3);
    const made = await lookup(`${city}又名`);
    expect(made?.unit).toMatchObject({ name: city, fullName: city, kind: 'city_department' });
    expect((await lookup(group))?.members).toEqual([county]);
    const townRow = await w.ctx.db.kysely
      .selectFrom('units')
      .selectAll()
      .where('name', '=', town)
      .executeTakeFirst();
    expect(townRow).toMatchObject({ kind: 'street', parent_id: (await lookup(county))?.id });
    const cityRow = await w.ctx.db.kysely
      .selectFrom('units')
      .selectAll()
      .where('name', '=', city)
      .executeTakeFirst();
    expect(cityRow?.note).toBe('城市管理');
    const history = await w.api.get(`/api/v1/units/${made?.id}/history`, sys);
    expect(history.body.changes).toMatchObject([
      { action: 'create', reason: '导入单位名录：other-city.csv' },
    ]);
    const events = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('action', '=', 'directory.import')
      .execute();
    expect(events.some((e) => String(e.detail).includes('other-city.csv'))).toBe(true);
    // Imported again: nothing to do.
    const again = await preview('other-city.csv', bytes);
    expect([again.creates.length, again.updates.length, again.unchanged]).toEqual([0, 0, 3]);
  });

  it('updates aliases, renames a unit named among the aliases (its former name still maps) from .xlsx', async () => {
    const a = await makeUnit(w.ctx, uniq('测试别名单位'));
    const b = await makeUnit(w.ctx, uniq('测试旧名单位'));
    const renamed = uniq('测试新名单位');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['某市单位名录']);
    ws.addRow(['单位名称', '别名', '类型']);
    ws.addRow([a.name, `${a.name}甲、${a.name}乙`, '市级部门']);
    ws.addRow([renamed, `${b.name}、${b.full_name}`, '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await preview('rename.xlsx', bytes);
    expect(p.problems).toEqual([]);
    expect(p.creates).toEqual([]);
    expect(p.updates).toMatchObject([
      { line: 3, unitId: a.id, renamedFrom: null, changed: ['aliases'] },
      { line: 4, unitId: b.id, renamedFrom: b.name, changed: ['name', 'aliases'] },
    ]);
    const r = await upload('import', 'rename.xlsx', bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 0, updated: 2 });
    expect((await lookup(`${a.name}乙`))?.id).toBe(a.id);
    expect((await lookup(renamed))?.id).toBe(b.id);
    expect((await lookup(b.name))?.id).toBe(b.id);
    // The full name stays (no 全称 column), and kind stays when its cell is blank.
    expect((await lookup(renamed))?.unit).toMatchObject({ fullName: b.full_name, kind: 'city_department' });
    const history = await w.api.get(`/api/v1/units/${b.id}/history`, sys);
    expect(history.body.changes[0]).toMatchObject({
      action: 'rename',
      before: { name: b.name },
      after: { name: renamed },
    });
  });

  it('reports every bad row with its line and column, and writes nothing', async () => {
    const fresh = uniq('测试不该写入');
    const other = await makeUnit(w.ctx, uniq('测试已有单位'));
    const bytes = csv([
      '单位名称,简称/别名,类型,所属分组,上级/所属区',
      `${fresh},${fresh}简称,委办局,,`,
      `${uniq('测试冲突')},市生态环境局,委办局,,`,
      `${uniq('测试重复别名')},${fresh}简称,委办局,,`,
      `${uniq('测试类型')},,局,,`,
      `${uniq('测试上级')},,街道,,没有这个区`,
      `${fresh},,委办局,,`,
      `${uniq('测试组')},,区,相关区政府,`,
      `,${uniq('无名')},委办局,,`,
      `${uniq('测试二改名')},${other.name}、市发展改革委,委办局,,`,
    ]);
    const before = await unitCount();
    const p = await preview('bad.csv', bytes);
    expect(p.problems.map((x) => [x.line, x.column, x.cell])).toEqual([
      [3, '简称/别名', 'B3'],
      [4, '简称/别名', 'B4'],
      [5, '类型', 'C5'],
      [6, '上级/所属区', 'E6'],
      [7, '单位名称', 'A7'],
      [8, '所属分组', 'D8'],
      [9, '单位名称', 'A9'],
      [10, '简称/别名', 'B10'],
      [10, '简称/别名', 'B10'],
    ]);
    expect(p.problems[0]?.message).toContain('市生态环境局');
    expect(p.problems[1]?.message).toContain('第 2 行');
    expect(p.problems[4]?.message).toContain('第 2 行');
    const r = await upload('import', 'bad.csv', bytes);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('第 3 行“简称/别名”列（B3）');
    expect((r.body.error.details as { rejected: unknown[] }).rejected).toHaveLength(9);
    expect(await unitCount()).toBe(before);
    expect(await lookup(fresh)).toBeUndefined();
  });

  it('refuses a file without the header, an unknown column, and a stale preview', async () => {
    const noHeader = await preview('x.csv', csv(['市生态环境局,委办局']));
    expect(noHeader.problems).toMatchObject([{ line: 1, message: expect.stringContaining('单位名称') }]);
    const unknown = await preview('x.csv', csv(['单位名称,电话', '市生态环境局,123']));
    expect(unknown.problems).toMatchObject([{ line: 1, column: '电话', cell: 'B1' }]);
    const name = uniq('测试过期');
    const bytes = csv(['单位名称,类型', `${name},其他`]);
    const p = await preview('stale.csv', bytes);
    await makeUnit(w.ctx, name);
    const stale = await upload(`import?digest=${p.digest}`, 'stale.csv', bytes);
    expect(stale.status).toBe(409);
    const badDigest = await upload('import?digest=zz', 'stale.csv', bytes);
    expect(badDigest.status).toBe(400);
    expect(JSON.stringify(badDigest.body)).toContain('digest');
  });

  it('lets only the system administrator import; everyone may export', async () => {
    const bytes = csv(['单位名称,类型', `${uniq('测试权限')},其他`]);
    expect((await upload('import/preview', 'p.csv', bytes, sup)).status).toBe(403);
    expect((await upload('import', 'p.csv', bytes, sup)).status).toBe(403);
    const plain = await w.api.post('/api/v1/directory/import', { file: 'x' }, sys);
    expect(plain.status).toBe(415);
    expect((await upload('import', 'p.csv', bytes, sys)).status).toBe(200);
  });

  it('exports and imports on the command line: a dry run, the bad rows on stderr with exit 1, then the import', async () => {
    const cli = async (...argv: string[]) => {
      const io = cliIo(w.testDb.env);
      const code = await main(argv, io);
      return { code, out: io.out(), err: io.err() };
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-directory-'));
    const out = path.join(dir, 'directory.csv');
    expect((await cli('directory', 'export', '--out', out)).code).toBe(0);
    const exported = await cli('directory', 'import', out, '--dry-run');
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ created: 0, updated: 0, dryRun: true });
    const name = uniq('测试命令行单位');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `单位名称,类型\n${name},不知道\n`);
    const refused = await cli('directory', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第 2 行“类型”列（B2）');
    fs.writeFileSync(bad, `单位名称,类型\n${name},企业\n`);
    const done = await cli('directory', 'import', bad);
    expect(done.code, done.err).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ created: 1, updated: 0 });
    expect((await lookup(name))?.unit).toMatchObject({ kind: 'enterprise' });
    expect((await cli('directory', 'export', '--out', path.join(dir, 'x.txt'))).code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
