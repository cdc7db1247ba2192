/** A test file's world: a fresh database, a fake clock, the app, and small factories. */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserRole } from '@lantian/contract';
import type { Plan } from '@lantian/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type PrepareResult, prepareDatabase } from '../../src/bootstrap.ts';
import { FakeClock } from '../../src/clock.ts';
import { type Config, defaultSecurity, loadConfig, type SafetyConfig } from '../../src/config.ts';
import { type AppContext, transaction } from '../../src/context.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { unitByName } from '../../src/modules/directory/directory.repository.ts';
import { createUnit } from '../../src/modules/directory/directory.service.ts';
import { writeDraft } from '../../src/modules/plans/plan-draft-writer.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { createTestDb, type TestDb } from './db.ts';
import { Api } from './http.ts';

let scratchDir: string | undefined;
/** A data directory for configurations not tied to a test database (keys, checkpoints). */
function scratch(): string {
  scratchDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'lantian-cfg-'));
  return scratchDir;
}

/**
 * Test configuration: production defaults, except a cheap scrypt so the suite stays fast and the second
 * factor optional (so that tests of other features sign administrators in with a password). `env` is a
 * test database's environment: its data directory holds the audit key and checkpoints, shared with
 * the CLI pointed at the same database.
 */
export type ConfigOverrides = Omit<Partial<Config>, 'safety'> & { safety?: Partial<SafetyConfig> };

export function testConfig(overrides: ConfigOverrides = {}, env: Record<string, string> = {}): Config {
  const base = loadConfig({
    LANTIAN_DATA_DIR: scratch(),
    ...env,
    LANTIAN_WEB_DIST: '/nonexistent-web-dist',
  });
  return {
    ...base,
    logLevel: 'silent',
    ...overrides,
    security: {
      ...defaultSecurity,
      scrypt: { N: 2 ** 10, r: 8, p: 1, keyLength: 32 },
      // The second factor is required in production; tests of it ask for it (secauth.test.ts).
      secondFactor: 'optional',
      ...overrides.security,
    },
    safety: { ...base.safety, ...overrides.safety },
  };
}

export const PASSWORD = 'Lantian-test-9';

export interface World {
  testDb: TestDb;
  ctx: AppContext;
  clock: FakeClock;
  app: FastifyInstance;
  prep: PrepareResult;
  api: Api;
  close(): Promise<void>;
}

export async function createWorld(opts: { config?: ConfigOverrides; start?: string } = {}): Promise<World> {
  const testDb = await createTestDb();
  const clock = new FakeClock(opts.start ?? '2022-01-10T01:00:00.000Z');
  const config = testConfig(opts.config, testDb.env);
  const ctx: AppContext = { db: testDb.db, clock, config };
  const prep = await prepareDatabase(ctx);
  const app = await buildApp({ db: testDb.db, config, clock });
  await app.ready();
  return {
    testDb,
    ctx,
    clock,
    app,
    prep,
    api: new Api(app),
    async close() {
      await app.close();
      await testDb.cleanup();
    },
  };
}

export const uniq = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;

export async function unitId(ctx: AppContext, name: string): Promise<string> {
  const unit = await unitByName(ctx.db.kysely, name);
  if (!unit) throw new Error(`test setup: no unit ${name}`);
  return unit.id;
}

export async function makeUnit(
  ctx: AppContext,
  name = uniq('测试单位'),
  kind: 'city_department' | 'district' | 'other' = 'city_department',
) {
  return transaction(ctx, (trx) =>
    createUnit(ctx, trx, cliActor(), { name, fullName: `北京市${name}`, kind }),
  );
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  unitId: string;
}

/** A user who has already changed the initial password, unless `mustChange` says otherwise. */
export async function makeUser(
  ctx: AppContext,
  opts: { unitId: string; roles: UserRole[]; username?: string; password?: string; mustChange?: boolean },
): Promise<TestUser> {
  const username = opts.username ?? uniq('user_');
  const password = opts.password ?? PASSWORD;
  const id = await createUser(ctx, cliActor(), {
    username,
    unitId: opts.unitId,
    roles: opts.roles,
    password,
    mustChangePassword: opts.mustChange ?? false,
  });
  return { id, username, password, unitId: opts.unitId };
}

type MeasureSpec = {
  task: number;
  seq?: number;
  lead?: string[];
  responsible?: string[];
  assisting?: string[];
  unknown?: { role: 'lead' | 'responsible' | 'assisting'; name: string }[];
  groups?: { role: 'lead' | 'responsible' | 'assisting'; name: string }[];
};

/** A small hand-made parse result, as `parsePlan` would return it. */
export function buildPlan(overrides: Partial<Plan> & { measureSpecs?: MeasureSpec[] } = {}): Plan {
  const specs: MeasureSpec[] = overrides.measureSpecs ?? [
    { task: 1, lead: ['市生态环境局'], groups: [{ role: 'responsible', name: '各区政府' }] },
    {
      task: 2,
      lead: ['市交通委'],
      responsible: ['市公安局'],
      groups: [{ role: 'responsible', name: '相关区政府' }],
    },
  ];
  const taskNos = [...new Set(specs.map((s) => s.task))];
  const seqs = new Map<number, number>();
  const measures = specs.map((s) => {
    const seq = s.seq ?? (seqs.get(s.task) ?? 0) + 1;
    seqs.set(s.task, seq);
    const mention = (kind: 'unit' | 'group' | 'unknown') => (name: string) => ({ name, written: name, kind });
    const units = {
      lead: (s.lead ?? []).map(mention('unit')),
      responsible: (s.responsible ?? []).map(mention('unit')),
      assisting: (s.assisting ?? []).map(mention('unit')),
    };
    for (const g of s.groups ?? []) units[g.role].push(mention('group')(g.name));
    for (const u of s.unknown ?? []) units[u.role].push(mention('unknown')(u.name));
    const names = (role: 'lead' | 'responsible' | 'assisting') => units[role].map((u) => u.name);
    return {
      task: s.task,
      seq,
      text: `措施 ${s.task}-${seq}：6月底前，制定工作方案；完成 100 万辆次以上检查。`,
      lines: [10 + s.task],
      deadline: { raw: '年底前', kind: 'date' as const, due: '2022-12-31' },
      lead: names('lead'),
      responsible: names('responsible'),
      assisting: names('assisting'),
      leadEtAl: false,
      responsibleEtAl: false,
      assistingEtAl: false,
      milestones: [{ due: '2022-06-30', raw: '6月底前', text: '6月底前，制定工作方案' }],
      targets: [
        {
          value: 100,
          unit: '万辆次',
          comparison: 'at_least' as const,
          yearOnYear: false,
          text: '完成 100 万辆次以上检查',
        },
      ],
      units,
    };
  });
  return {
    title: '测试行动计划',
    year: 2022,
    preamble: [],
    sections: [{ ordinal: '一', title: '主要目标', line: 3 }],
    tasks: taskNos.map((no) => ({ no, name: `重点任务${no}`, section: '一', lines: [10 + no] })),
    measures,
    warnings: [{ line: 12, code: 'GROUP_NEEDS_DECISION', message: '相关区政府需要决定' }],
    columns: [],
    source: { format: 'text', encoding: 'utf-8', delimiter: 'tab', lines: 20, headerLine: 2, columns: [] },
    notes: [],
    ...overrides,
  };
}

/** Store a hand-made plan as a draft, as an import would. */
export async function importPlanObject(ctx: AppContext, plan: Plan = buildPlan()): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(plan));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return writeDraft(
    ctx,
    cliActor(),
    plan,
    { fileName: 'test-plan.txt', mediaType: 'text/plain', bytes, sha256 },
    async () => {},
  );
}
