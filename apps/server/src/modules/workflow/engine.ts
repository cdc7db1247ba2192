/**
 * One workflow engine: a request that moves through declared states by people's decisions.
 *
 * A *kind* (督办单 notices, 延期 extensions, 销号 closures; problem cases next) declares:
 * - `table`, a table whose rows carry `id`, `state` and `version` (optimistic locking: every step
 *   writes `version + 1` where the version is still the one read, or fails with VERSION_CONFLICT);
 * - `label` (the Chinese name in errors: `销号申请已被他人修改…`) and `objectType` (the audit's);
 * - `load`, which reads the row for a step and the *subject* the rules need (its assignment, its
 *   plan), taking the row lock the kind serializes on (PostgreSQL `for update`, see db/lock.ts; on
 *   SQLite BEGIN IMMEDIATE already serializes writers), and throws notFound when the user may not see it.
 *
 * A *step* (one transition, or a decision with several outcomes) declares:
 * - `from`: the states it leaves from, and `wrongState` the refusal for any other state;
 * - `action` and `resource`: the one policy (modules/auth/policy.ts) decides who may take it. Four
 *   eyes lives there: a `decision`/`review` resource names who handled the earlier steps
 *   (`handledBy`), a `signoff` resource who wrote it (`writtenBy`, with the unit's sole-signer
 *   exception) — see `signoffStep` in signoff.ts for the unit's own sign-off before a request leaves it;
 * - `guard`: what else must hold (plan open, assignment writable, evidence attached: evidence.ts);
 * - `checks`: the order of the four checks (state, authorize, guard, version), as each flow's
 *   contract has always answered them; by default state → authorize → guard → version;
 * - `prepare`: what the step reads once the checks pass (the reply it decides, new evidence);
 * - `to`: the state reached (it may depend on the decision in the input), `set`: the columns the
 *   step writes besides state and version, `audit`: the audit record (`before: { state }` is added),
 *   `after`: the effects in the same transaction (notifications, status refresh, reminder dates).
 *
 * Deadlines and reminders: a kind names the column holding its deadline and the states in which it
 * runs (`deadline`); `dueBy` lists the open rows whose deadline is on or before a day, for the jobs
 * (exactly once, with leases: modules/jobs) to remind or escalate with a step of their own.
 *
 * A fourth kind, problem cases, is declared the same way: states reported, verified, voided,
 * dispatched, signed, returned, rectifying, feedback, closed, rework, reopened; steps `verify`
 * (reported → verified | voided, the office, reason required by a guard), `dispatch` (verified |
 * returned → dispatched, `set` writes the due date from category and severity), `sign` (dispatched →
 * signed | returned, the unit, `unitOwned` resource), `rectify` (signed | rework → rectifying),
 * `feedback` (rectifying → feedback, evidence guard, optional `signoffStep` within the unit), `check`
 * (feedback → closed | rework, a `decision` resource handled by whoever gave the feedback) and
 * `revisit` (closed → reopened); `deadline: { column: 'due_on', states: ['dispatched', …] }`.
 */
import type { Kysely } from 'kysely';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { AuditInput } from '../audit/audit.service.ts';
import { type Action, ensureAuthorized, type Resource } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { versionConflict } from '../supervision/common.ts';

export interface WorkflowRow {
  id: string;
  state: string;
  version: number;
}

export type WorkflowTable = 'supervision_notices' | 'extension_requests' | 'closure_requests' | (string & {});

export interface WorkflowKind<R extends WorkflowRow, S> {
  table: WorkflowTable;
  label: string;
  objectType: string;
  load(ctx: AppContext, trx: Trx, user: Principal, id: string): Promise<{ row: R; subject: S }>;
  deadline?: { column: keyof R & string; states: readonly R['state'][] };
}

/** What every callback of a step receives. `to` is known once the step's outcome is decided. */
export interface StepArgs<R extends WorkflowRow, S, I, P = void> {
  ctx: AppContext;
  trx: Trx;
  user: Principal;
  row: R;
  subject: S;
  input: I;
  now: string;
  /** What the step's `prepare` found once the checks passed (undefined before). */
  prepared: P;
}

export type Check = 'state' | 'authorize' | 'guard' | 'version';

type AuditRecord = Pick<AuditInput, 'action' | 'before' | 'after' | 'detail'>;

export interface Step<R extends WorkflowRow, S, I, P = void> {
  from: readonly R['state'][];
  wrongState: (state: R['state']) => string;
  action: Action;
  resource: (a: StepArgs<R, S, I, P>) => Resource | Promise<Resource>;
  guard?: (a: StepArgs<R, S, I, P>) => void | Promise<void>;
  checks?: readonly Check[];
  /** Once the checks pass, before anything is written: what `set`, `audit` and `after` need. */
  prepare?: (a: StepArgs<R, S, I, P>) => Promise<P>;
  to: (a: StepArgs<R, S, I, P>) => R['state'];
  set?: (a: StepArgs<R, S, I, P>, to: R['state']) => Partial<R>;
  audit: (a: StepArgs<R, S, I, P>, to: R['state']) => AuditRecord;
  after?: (a: StepArgs<R, S, I, P>, to: R['state']) => Promise<void>;
}

const DEFAULT_CHECKS: readonly Check[] = ['state', 'authorize', 'guard', 'version'];

/** Kysely over tables the engine knows only by name (each kind's own module types its rows). */
type Loose = Kysely<Record<string, Record<string, unknown>>>;
const loose = (trx: Trx) => trx as unknown as Loose;

/**
 * Write a step's changes with the version bumped, only if the row still has the version read.
 * Nothing is written (and VERSION_CONFLICT is thrown) when another step came first.
 */
export async function bumpVersion<R extends WorkflowRow>(
  trx: Trx,
  kind: Pick<WorkflowKind<R, unknown>, 'table' | 'label'>,
  row: Pick<R, 'id'>,
  version: number,
  changes: Partial<R>,
): Promise<void> {
  const u = await loose(trx)
    .updateTable(kind.table)
    .set({ ...changes, version: version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(u.numUpdatedRows) !== 1) throw versionConflict(kind.label);
}

/** Run one step inside an open transaction; returns the state reached. */
export async function takeStepIn<R extends WorkflowRow, S, I extends { version: number }, P = void>(
  ctx: AppContext,
  trx: Trx,
  user: Principal,
  kind: WorkflowKind<R, S>,
  step: Step<R, S, I, P>,
  id: string,
  input: I,
): Promise<R['state']> {
  const { row, subject } = await kind.load(ctx, trx, user, id);
  const now = ctx.clock.now().toISOString();
  const args: StepArgs<R, S, I, P> = { ctx, trx, user, row, subject, input, now, prepared: undefined as P };
  for (const check of step.checks ?? DEFAULT_CHECKS) {
    if (check === 'state' && !step.from.includes(row.state))
      throw new AppError('INVALID_STATE', step.wrongState(row.state));
    if (check === 'authorize') ensureAuthorized(user, step.action, await step.resource(args));
    if (check === 'guard') await step.guard?.(args);
    if (check === 'version' && row.version !== input.version) throw versionConflict(kind.label);
  }
  if (step.prepare) args.prepared = await step.prepare(args);
  const to = step.to(args);
  await bumpVersion(trx, kind, row, input.version, { ...step.set?.(args, to), state: to } as Partial<R>);
  const record = step.audit(args, to);
  await audit(ctx, trx, actorOf(user), {
    objectType: kind.objectType,
    objectId: row.id,
    ...record,
    before: record.before ?? { state: row.state },
  });
  await step.after?.(args, to);
  return to;
}

/** One step in its own transaction: all of it (row, audit, notifications) is written, or nothing. */
export function takeStep<R extends WorkflowRow, S, I extends { version: number }, P = void>(
  ctx: AppContext,
  user: Principal,
  kind: WorkflowKind<R, S>,
  step: Step<R, S, I, P>,
  id: string,
  input: I,
): Promise<R['state']> {
  return transaction(ctx, (trx) => takeStepIn(ctx, trx, user, kind, step, id, input));
}

/** Open rows of a kind whose deadline falls on or before `day` (YYYY-MM-DD), for reminder jobs. */
export async function dueBy<R extends WorkflowRow>(
  trx: Trx,
  kind: WorkflowKind<R, unknown>,
  day: string,
): Promise<R[]> {
  if (!kind.deadline) throw new Error(`${kind.label}没有声明期限`);
  const rows = await loose(trx)
    .selectFrom(kind.table)
    .selectAll()
    .where('state', 'in', [...kind.deadline.states])
    .where(kind.deadline.column, '<=', day as never)
    .orderBy(kind.deadline.column)
    .execute();
  return rows as unknown as R[];
}
