import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { DEMO_PLAN_FILE } from '../src/modules/demo/demo.service.ts';
import { cliIo } from './helpers/cli.ts';
import { createWorld, type World } from './helpers/context.ts';

let w: World;
let tmp: string;
beforeAll(async () => {
  w = await createWorld();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-cli-'));
});
afterAll(async () => {
  await w.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('lantian plan parse', () => {
  it('prints the plan as JSON', async () => {
    const io = cliIo({});
    expect(await main(['plan', 'parse', DEMO_PLAN_FILE, '--year', '2022'], io)).toBe(0);
    const plan = JSON.parse(io.out());
    expect(plan.year).toBe(2022);
    expect(plan.tasks).toHaveLength(24);
    expect(io.out()).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });

  it('exits 2 with the reason on stderr when the file is not a plan table', async () => {
    const file = path.join(tmp, 'not-a-plan.txt');
    fs.writeFileSync(file, 'just some text\nand more\n');
    const io = cliIo({});
    expect(await main(['plan', 'parse', file], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/表头/);
  });

  it('reads a Word or Excel plan the same as the text, and refuses a legacy .doc with exit 2', async () => {
    const { fromTsv, toDocx, toXlsx } = await import('../../../packages/intake/test/table-writers.ts');
    const table = fromTsv(fs.readFileSync(DEMO_PLAN_FILE, 'utf8'));
    const text = cliIo({});
    expect(await main(['plan', 'parse', DEMO_PLAN_FILE], text)).toBe(0);
    const expected = JSON.parse(text.out());
    for (const [name, bytes] of [
      ['计划.docx', await toDocx(table)],
      ['计划.xlsx', await toXlsx(table)],
    ] as const) {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      const io = cliIo({});
      expect(await main(['plan', 'parse', file], io)).toBe(0);
      const plan = JSON.parse(io.out());
      expect(plan.measures.map((m: { text: string }) => m.text)).toEqual(
        expected.measures.map((m: { text: string }) => m.text),
      );
      expect(plan.tasks).toEqual(expected.tasks.map((t: object) => ({ ...t, lines: expect.any(Array) })));
    }
    const doc = path.join(tmp, '计划.doc');
    fs.writeFileSync(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const io = cliIo({});
    expect(await main(['plan', 'parse', doc], io)).toBe(2);
    expect(io.err()).toMatch(/另存为” \.docx/);
  });

  it('exits 2 on a missing file, a bad year, or an unknown option', async () => {
    expect(await main(['plan', 'parse', path.join(tmp, 'missing.txt')], cliIo({}))).toBe(2);
    expect(await main(['plan', 'parse', DEMO_PLAN_FILE, '--year', 'next'], cliIo({}))).toBe(2);
    const io = cliIo({});
    expect(await main(['plan', 'parse', DEMO_PLAN_FILE, '--yaer', '2022'], io)).toBe(2);
    expect(io.err()).toMatch(/yaer/);
  });

  it('prints each column with its role and confidence, and takes --columns to change a role', async () => {
    const io = cliIo({});
    expect(
      await main(['plan', 'parse', DEMO_PLAN_FILE, '--columns', '备注=remark,协办单位=ignored'], io),
    ).toBe(0);
    const plan = JSON.parse(io.out());
    const assisting = plan.columns.find((c: { header: string }) => c.header === '协办单位');
    expect(assisting).toMatchObject({ role: 'ignored', confidence: 1 });
    expect(plan.columns.find((c: { header: string }) => c.header === '牵头部门')).toMatchObject({
      role: 'lead',
    });
    const bad = cliIo({});
    expect(await main(['plan', 'parse', DEMO_PLAN_FILE, '--columns', '协办单位=boss'], bad)).toBe(2);
    expect(bad.err()).toMatch(/--columns/);
  });
});

describe('lantian user add', () => {
  it('creates a user with the password from stdin, who must change it at first login', async () => {
    const io = cliIo(w.testDb.env, 'Cli-initial-pass-1\n');
    const code = await main(
      ['user', 'add', '--username', 'cli_user', '--unit', '延庆区', '--role', 'unit_staff'],
      io,
    );
    expect(code, io.err()).toBe(0);
    const id = io.out().trim();
    const row = await w.ctx.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(1);
    const unit = await w.ctx.db.kysely
      .selectFrom('units')
      .select('name')
      .where('id', '=', row.unit_id)
      .executeTakeFirstOrThrow();
    expect(unit.name).toBe('延庆区政府');
    const login = await w.api.post('/api/v1/auth/login', {
      username: 'cli_user',
      password: 'Cli-initial-pass-1',
    });
    expect(login.body.mustChangePassword).toBe(true);
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('object_id', '=', id)
      .execute();
    expect(audit.map((a) => [a.action, a.username])).toEqual([['user.create', 'cli']]);
  });

  it('refuses a weak password, an unknown unit or role, and two administrator roles', async () => {
    const run = async (args: string[], stdin = 'Good-pass-word-1') => {
      const io = cliIo(w.testDb.env, stdin);
      return { code: await main(['user', 'add', ...args], io), err: io.err() };
    };
    expect(
      await run(['--username', 'weak', '--unit', '市财政局', '--role', 'viewer'], '12345678'),
    ).toMatchObject({
      code: 1,
      err: expect.stringMatching(/密码/),
    });
    expect((await run(['--username', 'nounit', '--unit', '火星局', '--role', 'viewer'])).err).toMatch(
      /火星局/,
    );
    expect((await run(['--username', 'norole', '--unit', '市财政局', '--role', 'king'])).code).toBe(2);
    expect(
      (await run(['--username', 'two', '--unit', '市财政局', '--role', 'sysadmin,auditor'])).err,
    ).toMatch(/兼任/);
    expect((await run(['--username', 'nopw', '--unit', '市财政局', '--role', 'viewer'], '')).code).toBe(2);
  });
});

describe('lantian user reset-password', () => {
  it('resets an administrator the web cannot reach: the user must change it, and it is audited', async () => {
    const add = cliIo(w.testDb.env, 'Sec-initial-pass-1\n');
    expect(
      await main(['user', 'add', '--username', 'cli_sec', '--unit', '市财政局', '--role', 'secadmin'], add),
    ).toBe(0);
    const id = add.out().trim();
    const io = cliIo(w.testDb.env, 'Sec-reset-pass-2\n');
    expect(await main(['user', 'reset-password', '--username', 'CLI_sec'], io), io.err()).toBe(0);
    const login = await w.api.post('/api/v1/auth/login', {
      username: 'cli_sec',
      password: 'Sec-reset-pass-2',
    });
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'username'])
      .where('object_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toContain('user.password_reset');
    expect(
      await main(['user', 'reset-password', '--username', 'nobody'], cliIo(w.testDb.env, 'X-pass-word-9\n')),
    ).toBe(2);
  });
});

describe('lantian', () => {
  it('prints usage for help and exits 2 on an unknown command', async () => {
    const help = cliIo({});
    expect(await main(['help'], help)).toBe(0);
    expect(help.out()).toMatch(/plan import/);
    const bad = cliIo({});
    expect(await main(['frobnicate'], bad)).toBe(2);
    expect(bad.err()).toMatch(/未知命令/);
  });
});
