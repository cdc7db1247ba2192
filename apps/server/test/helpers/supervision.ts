/**
 * A small published plan for the supervision tests: unit 甲 leads measure 1 (乙 responsible, 丙
 * assisting) and is responsible on measure 2, which 乙 leads. Each unit has a staff member, a leader
 * and a viewer; the office has a supervisor.
 */
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@lantian/contract';
import { defaultSupervision } from '../../src/config.ts';
import {
  buildPlan,
  createWorld,
  importPlanObject,
  makeUnit,
  makeUser,
  type TestUser,
  uniq,
  unitId,
  type World,
} from './context.ts';
import { multipart, PDF } from './files.ts';

export interface UnitPeople {
  id: string;
  name: string;
  staff: TestUser;
  leader: TestUser;
  viewer: TestUser;
}

export interface SupervisionFixture {
  w: World;
  planId: string;
  A: UnitPeople;
  B: UnitPeople;
  C: UnitPeople;
  supervisor: TestUser;
  /** Assignment ids by `<task>:<unit letter>:<role>`. */
  assignment: Record<string, string>;
  measure: Record<number, string>;
  login(u: TestUser): Promise<string>;
}

async function people(w: World, name: string): Promise<UnitPeople> {
  const unit = await makeUnit(w.ctx, name);
  const make = (roles: UserRole[]) => makeUser(w.ctx, { unitId: unit.id, roles });
  return {
    id: unit.id,
    name,
    staff: await make(['unit_staff']),
    leader: await make(['unit_leader']),
    viewer: await make(['viewer']),
  };
}

export async function supervisionFixture(
  opts: { start?: string; smtp?: boolean } = {},
): Promise<SupervisionFixture> {
  const w = await createWorld({
    start: opts.start ?? '2022-06-10T02:00:00.000Z',
    config: {
      security: { passwordMaxAgeDays: 0 } as never,
      supervision: { ...defaultSupervision, smtpUrl: opts.smtp ? 'smtp://test.invalid:25' : undefined },
    },
  });
  const tag = uniq('');
  const A = await people(w, `甲${tag}`);
  const B = await people(w, `乙${tag}`);
  const C = await people(w, `丙${tag}`);
  const plan = buildPlan({
    measureSpecs: [
      { task: 1, lead: [A.name], responsible: [B.name], assisting: [C.name] },
      { task: 2, lead: [B.name], responsible: [A.name] },
    ],
  });
  const planId = await importPlanObject(w.ctx, plan);
  const supervisor = await makeUser(w.ctx, {
    unitId: await unitId(w.ctx, '市生态环境局'),
    roles: ['supervisor'],
  });
  const supCookie = await w.api.login(supervisor.username, supervisor.password);
  const published = await w.api.post(`/api/v1/plans/${planId}/publish`, undefined, supCookie);
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  const rows = await w.ctx.db.kysely
    .selectFrom('assignments as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['a.id', 'a.unit_id', 'a.role', 'm.task_no', 'm.id as measure_id'])
    .where('a.plan_id', '=', planId)
    .execute();
  const letter = (id: string) => (id === A.id ? 'A' : id === B.id ? 'B' : id === C.id ? 'C' : '?');
  const assignment: Record<string, string> = {};
  const measure: Record<number, string> = {};
  for (const r of rows) {
    assignment[`${r.task_no}:${letter(r.unit_id)}:${r.role}`] = r.id;
    measure[r.task_no] = r.measure_id;
  }
  return {
    w,
    planId,
    A,
    B,
    C,
    supervisor,
    assignment,
    measure,
    login: (u) => w.api.login(u.username, u.password),
  };
}

/** The content of a report, as the form sends it. */
export function reportBody(extra: Record<string, unknown> = {}) {
  return { status: 'on_track', summary: '按计划推进', targetValues: [], milestonesReached: [], ...extra };
}

export const requestId = () => randomUUID();

/**
 * Issue a 督办单 as `cookie` (a supervisor): by default a yellow one to unit 乙 about measure 1, to be
 * answered by 30 June; `over` changes any field. Returns the response.
 */
export function issueNotice(f: SupervisionFixture, cookie: string, over: Record<string, unknown> = {}) {
  return f.w.api.post(
    '/api/v1/notices',
    {
      planId: f.planId,
      unitId: f.B.id,
      measureIds: [f.measure[1]],
      reason: '请说明',
      level: 'yellow',
      replyDue: '2022-06-30',
      ...over,
    },
    cookie,
  );
}

/** Attach a PDF (`验收.pdf` unless named) to a closure request as `cookie`. Returns the response. */
export function closureEvidence(f: SupervisionFixture, closureId: string, cookie: string, name = '验收.pdf') {
  return f.w.api.request({
    method: 'POST',
    url: `/api/v1/closures/${closureId}/evidence`,
    cookie,
    ...multipart(name, PDF),
  });
}
