/**
 * The unit directory's table carries each unit's 地区 (its jurisdiction: the directory's own, another
 * city's whose plans keep their own names, or 未注明地区) and its 状态 (启用/停用): an export imported again
 * changes nothing, a row marked 停用 disables the unit through the directory page's own step (its history,
 * audit record and refusals), and a bad value is a problem naming the line, the column and the cell.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../src/context.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { createUnit } from '../src/modules/directory/directory.service.ts';
import { createWorld, makeUnit, makeUser, uniq, type World } from './helpers/context.ts';
import { multipart } from './helpers/files.ts';

let w: World;
let sys: string;
beforeAll(async () => {
  w = await createWorld();
  const office = (await makeUnit(w.ctx)).id;
  const admin = await makeUser(w.ctx, { unitId: office, roles: ['sysadmin'] });
  sys = await w.api.login(admin.username, admin.password);
});
afterAll(() => w.close());

type Line = { name: string; jurisdiction: string | null; disabled: boolean; aliases: string[] };
type Preview = {
  rows: number;
  creates: (Line & { line: number })[];
  updates: { line: number; unitId: string; changed: string[]; before: Line; after: Line }[];
  unchanged: number;
  problems: { line: number; column: string; cell: string | null; message: string }[];
  digest: string;
};
const upload = (url: string, name: string, bytes: Buffer) =>
  w.api.request({ method: 'POST', url: `/api/v1/directory/${url}`, cookie: sys, ...multipart(name, bytes) });
const preview = async (name: string, bytes: Buffer) => {
  const r = await upload('import/preview', name, bytes);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as Preview;
};
const apply = async (name: string, bytes: Buffer) => {
  const p = await preview(name, bytes);
  expect(p.problems).toEqual([]);
  const r = await upload(`import?digest=${p.digest}`, name, bytes);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return p;
};
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');
const exportedCsv = async () => {
  const r = await w.app.inject({ url: '/api/v1/directory/export?format=csv', headers: { cookie: sys } });
  expect(r.statusCode).toBe(200);
  return r.rawPayload;
};
const row = (name: string) =>
  w.ctx.db.kysely.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
const foreignUnit = (name: string, jurisdiction: string) =>
  transaction(w.ctx, (trx) =>
    createUnit(w.ctx, trx, cliActor(), { name, fullName: name, kind: 'city_department', jurisdiction }),
  );

describe('directory import: 地区 and 状态', () => {
  it('exports another city’s units and disabled units with their 地区 and 状态, and imports them back as a no-op', async () => {
    const foreign = uniq('测试成都城管委');
    await foreignUnit(foreign, '成都市');
    const off = await makeUnit(w.ctx, uniq('测试已停用单位'));
    const r = await w.api.post(`/api/v1/units/${off.id}/disable`, { reason: '撤并' }, sys);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const bytes = await exportedCsv();
    const text = bytes.toString('utf8');
    expect(text).toContain(`\r\n${foreign},${foreign},,市级部门,,,成都市,启用,\r\n`);
    expect(text).toContain(`\r\n${off.name},北京市${off.name},,市级部门,,,北京市,停用,\r\n`);
    const p = await preview('directory.csv', bytes);
    expect(p.problems).toEqual([]);
    expect(p.creates).toEqual([]);
    expect(p.updates).toEqual([]);
    expect(p.unchanged).toBe(p.rows);
    const done = await upload(`import?digest=${p.digest}`, 'directory.csv', bytes);
    expect(done.body).toMatchObject({ created: 0, updated: 0, unchanged: p.rows });
    expect(Buffer.compare(await exportedCsv(), bytes)).toBe(0);
  });

  it('creates units of another jurisdiction and of no place named, and moves a unit to another jurisdiction', async () => {
    const [a, b, c] = [uniq('测试沈阳市城管局'), uniq('测试无地区单位'), uniq('测试迁出单位')];
    await makeUnit(w.ctx, c);
    const p = await apply(
      'places.csv',
      csv(['单位名称,类型,所属地区', `${a},委办局,沈阳市`, `${b},其他,未注明地区`, `${c},委办局, 河北省 `]),
    );
    expect(p.creates.map((x) => [x.name, x.jurisdiction])).toEqual([
      [a, '沈阳市'],
      [b, ''],
    ]);
    expect(p.updates).toMatchObject([
      { line: 4, changed: ['jurisdiction'], after: { jurisdiction: '河北省' } },
    ]);
    expect((await row(a)).jurisdiction).toBe('沈阳市');
    expect((await row(b)).jurisdiction).toBe('');
    expect((await row(c)).jurisdiction).toBe('河北省');
    // The directory's own name (or its district) brings a unit back to it; an empty cell leaves it as it is.
    await apply('back.csv', csv(['单位名称,地区', `${c},北京市`, `${a},`]));
    expect((await row(c)).jurisdiction).toBeNull();
    expect((await row(a)).jurisdiction).toBe('沈阳市');
  });

  it('disables a unit marked 停用 through the directory page’s step (history, audit), and enables it with 启用', async () => {
    const u = await makeUnit(w.ctx, uniq('测试导入停用'));
    const p = await apply('off.csv', csv(['单位名称,状态', `${u.name},停用`]));
    expect(p.updates).toMatchObject([{ unitId: u.id, changed: ['disabled'], before: { disabled: false } }]);
    const off = await row(u.name);
    expect(off.disabled_at).not.toBeNull();
    expect(off.disabled_reason).toBe('导入单位名录：off.csv');
    const history = await w.api.get(`/api/v1/units/${u.id}/history`, sys);
    expect(
      (history.body.changes as { action: string; reason: string }[]).map((c) => [c.action, c.reason]),
    ).toEqual(expect.arrayContaining([['disable', '导入单位名录：off.csv']]));
    const audits = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('object_id', '=', u.id)
      .execute();
    expect(audits.map((a) => a.action)).toContain('unit.disable');
    // Marked 停用 again: nothing to do. Without a 状态 column a disabled unit is refused, as before.
    const again = await preview('off.csv', csv(['单位名称,状态', `${u.name},已停用`]));
    expect([again.updates.length, again.unchanged, again.problems.length]).toEqual([0, 1, 0]);
    const bare = await preview('bare.csv', csv(['单位名称', u.name]));
    expect(bare.problems).toMatchObject([
      { line: 2, column: '单位名称', cell: 'A2', message: expect.stringContaining('状态') },
    ]);
    await apply('on.csv', csv(['单位名称,状态', `${u.name},启用`]));
    expect((await row(u.name)).disabled_at).toBeNull();
  });

  it('names the line, column and cell of a bad 地区 or 状态, refuses the page’s refusals, and writes nothing', async () => {
    const off = await makeUnit(w.ctx, uniq('测试停用改名'));
    await w.api.post(`/api/v1/units/${off.id}/disable`, { reason: '撤并' }, sys);
    // While it was disabled, another unit took the alias it had: enabling it again is refused.
    const holder = await makeUnit(w.ctx, uniq('测试别名持有'));
    const taken = uniq('测试被占别名');
    await w.ctx.db.kysely
      .updateTable('units')
      .set({ aliases: JSON.stringify([taken]) })
      .where('id', '=', off.id)
      .execute();
    await w.ctx.db.kysely
      .updateTable('units')
      .set({ aliases: JSON.stringify([taken]) })
      .where('id', '=', holder.id)
      .execute();
    const fresh = uniq('测试不该写入');
    const bytes = csv([
      '单位名称,简称/别名,类型,地区,状态',
      `${fresh},,委办局,成都市,`,
      `${uniq('测试坏状态')},,委办局,,暂停`,
      `${uniq('测试坏地区')},,委办局,abc,`,
      `${off.name},${uniq('测试新别名')},委办局,,停用`,
      `${off.name.replace('测试', '')},,委办局,成都 市政,启用`,
      `${off.name},${taken},委办局,北京市,启用`,
    ]);
    const before = await w.ctx.db.kysely
      .selectFrom('units')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const p = await preview('bad.csv', bytes);
    expect(p.problems.map((x) => [x.line, x.column, x.cell])).toEqual([
      [3, '状态', 'E3'],
      [4, '地区', 'D4'],
      [5, '状态', 'E5'],
      [6, '地区', 'D6'],
      [7, '单位名称', 'A7'],
    ]);
    expect(p.problems[0]?.message).toContain('暂停');
    expect(p.problems[1]?.message).toContain('abc');
    expect(p.problems[2]?.message).toContain('已停用');
    expect(p.problems[4]?.message).toContain('第 5 行');
    // Without the duplicate row, the alias another unit took is the refusal.
    const enable = await preview('enable.csv', csv(['单位名称,简称/别名,状态', `${off.name},${taken},启用`]));
    expect(enable.problems).toMatchObject([
      { line: 2, column: '简称/别名', cell: 'B2', message: expect.stringContaining(holder.name) },
    ]);
    const r = await upload('import', 'bad.csv', bytes);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('第 3 行“状态”列（E3）');
    const after = await w.ctx.db.kysely
      .selectFrom('units')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await row(off.name)).disabled_at).not.toBeNull();
  });
});
