/**
 * Problem cases declared on the workflow engine: the kind (read with the row locked on PostgreSQL,
 * visible to the office and to the unit it is dispatched to) and each step's shared pieces.
 */
import { CASE_CLOCK_STATES } from '@lantian/contract';
import type { AppContext, Trx } from '../../context.ts';
import { lockRow } from '../../db/lock.ts';
import type { CasesTable } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { authorize, type Resource } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { type Message, notify, supervisorRecipients, unitRecipients } from '../notifications/notify.ts';
import type { StepArgs, WorkflowKind } from '../workflow/engine.ts';
import { recordCaseEvent } from './cases.events.ts';

/** A case not escalated and without an extension: as it is reported, and again once dispatched. */
export const UNESCALATED = {
  escalated_at: null,
  extension_state: null,
  extension_due: null,
  extension_reason: null,
  extension_by: null,
  extension_at: null,
  extension_decided_at: null,
  extension_comment: null,
} as const satisfies Partial<CasesTable>;

export type CaseRow = CasesTable;
export type CaseArgs<I, P = void> = StepArgs<CaseRow, null, I, P>;

/** The office sees every case; a unit the cases dispatched to it. */
export function caseVisible(user: Principal, row: Pick<CaseRow, 'unit_id'>): boolean {
  return authorize(user, 'case.read', { type: 'unitOwned', unitId: row.unit_id ?? '' });
}

export const caseKind: WorkflowKind<CaseRow, null> = {
  table: 'cases',
  label: '问题案件',
  objectType: 'case',
  async load(ctx: AppContext, trx: Trx, user: Principal, id: string) {
    await lockRow(ctx, trx, 'cases', id);
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !caseVisible(user, row)) throw notFound('问题案件');
    return { row, subject: null };
  },
  deadline: { column: 'due_on', states: CASE_CLOCK_STATES as readonly CaseRow['state'][] },
};

/** The unit's own people act on a dispatched case. */
export const unitResource = (a: CaseArgs<unknown, unknown>): Resource => ({
  type: 'unitOwned',
  unitId: a.row.unit_id ?? '',
});

/** The office's decision, not by whoever handled the step before it (four eyes). */
export const officeDecision = (...handledBy: (string | null)[]): Resource => ({
  type: 'decision',
  stage: 'supervisor',
  unitId: '',
  leadUnitIds: [],
  handledBy,
});

export const wrongState = (what: string) => (state: string) =>
  `案件当前状态（${STATE_NAMES[state] ?? state}）不能${what}`;

export const STATE_NAMES: Record<string, string> = {
  reported: '待核实',
  verified: '已核实',
  voided: '已作废',
  dispatched: '已派发',
  signed: '已签收',
  returned: '已退回',
  rectifying: '整改中',
  feedback: '已反馈',
  closed: '已销号',
  rework: '退回整改',
  reopened: '已重新打开',
};

/** Record the step on the timeline; `comment` from the input when it has one. */
export async function timeline<I extends { comment?: string | null }>(
  a: CaseArgs<I, unknown>,
  action: string,
  to: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await recordCaseEvent(a.trx, a.row.id, {
    at: a.now,
    action,
    from: a.row.state,
    to,
    user: a.user,
    comment: a.input.comment ?? null,
    detail: detail ?? null,
  });
}

export async function tellOffice(a: CaseArgs<unknown, unknown>, m: Omit<Message, 'objectType' | 'objectId'>) {
  await notify(a.ctx, a.trx, await supervisorRecipients(a.trx), {
    ...m,
    objectType: 'case',
    objectId: a.row.id,
  });
}

export async function tellUnit(
  a: CaseArgs<unknown, unknown>,
  unitId: string,
  m: Omit<Message, 'objectType' | 'objectId'>,
) {
  await notify(a.ctx, a.trx, await unitRecipients(a.trx, unitId), {
    ...m,
    objectType: 'case',
    objectId: a.row.id,
  });
}
