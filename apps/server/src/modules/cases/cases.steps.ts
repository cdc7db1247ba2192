/**
 * The steps of a problem case, declared on the workflow engine (engine.ts): who may take each (the
 * one policy, four eyes through `officeDecision`), from which states, what it writes, its audit record
 * and its timeline entry and notifications in the same transaction.
 */
import type {
  CaseExtensionDecisionRequest,
  CaseExtensionRequest,
  CheckCaseRequest,
  DispatchCaseRequest,
  FeedbackCaseRequest,
  RectifyCaseRequest,
  RevisitCaseRequest,
  SignCaseRequest,
  VerifyCaseRequest,
} from '@lantian/contract';
import { addDays } from '@lantian/core';
import { AppError } from '../../errors.ts';
import { beijingDay, parseDay } from '../supervision/day.ts';
import type { Step } from '../workflow/engine.ts';
import {
  type CaseArgs,
  type CaseRow,
  officeDecision,
  tellOffice,
  tellUnit,
  timeline,
  UNESCALATED,
  unitResource,
  wrongState,
} from './cases.kind.ts';
import { readCaseSettings, timeLimitDays } from './cases.settings.ts';

type CaseStep<I, P = void> = Step<CaseRow, null, I, P>;
const today = (a: CaseArgs<unknown, unknown>) => beijingDay(a.now);
const CLOCK: CaseRow['state'][] = ['dispatched', 'signed', 'rectifying', 'rework'];

export const verifyStep: CaseStep<VerifyCaseRequest> = {
  from: ['reported'],
  wrongState: wrongState('核实'),
  action: 'case.verify',
  resource: (a) => officeDecision(a.row.reported_by),
  to: (a) => (a.input.decision === 'void' ? 'voided' : 'verified'),
  set: (a) => ({ verified_at: a.now, verified_by: a.user.userId, updated_at: a.now }),
  audit: (a, to) => ({
    action: to === 'voided' ? 'case.void' : 'case.verify',
    after: { state: to },
    detail: { comment: a.input.comment ?? null },
  }),
  after: (a, to) => timeline(a, to === 'voided' ? 'void' : 'verify', to),
};

interface Dispatch {
  unitName: string;
  days: number;
}

export const dispatchStep: CaseStep<DispatchCaseRequest, Dispatch> = {
  from: ['verified', 'returned', 'reopened'],
  wrongState: wrongState('派发'),
  action: 'case.dispatch',
  resource: () => ({ type: 'unitOwned', unitId: '' }),
  async guard(a) {
    const u = await a.trx
      .selectFrom('units')
      .select('id')
      .where('id', '=', a.input.unitId)
      .executeTakeFirst();
    if (!u) throw new AppError('VALIDATION_FAILED', `unitId：单位 ${a.input.unitId} 不存在`);
  },
  async prepare(a) {
    const u = await a.trx
      .selectFrom('units')
      .select('name')
      .where('id', '=', a.input.unitId)
      .executeTakeFirstOrThrow();
    return { unitName: u.name, days: await timeLimitDays(a.trx, a.row.category, a.row.severity) };
  },
  to: () => 'dispatched',
  set: (a) => ({
    unit_id: a.input.unitId,
    dispatched_at: a.now,
    dispatched_by: a.user.userId,
    time_limit_days: a.prepared.days,
    due_on: addDays(today(a), a.prepared.days),
    signed_at: null,
    signed_by: null,
    ...UNESCALATED,
    updated_at: a.now,
  }),
  audit: (a, to) => ({
    action: 'case.dispatch',
    after: { state: to, unitId: a.input.unitId, dueOn: addDays(today(a), a.prepared.days) },
  }),
  async after(a, to) {
    const dueOn = addDays(today(a), a.prepared.days);
    await timeline(a, 'dispatch', to, {
      unitId: a.input.unitId,
      unitName: a.prepared.unitName,
      dueOn,
      days: a.prepared.days,
    });
    await tellUnit(a, a.input.unitId, {
      kind: 'case.dispatched',
      title: `问题案件待签收：${a.row.number}`,
      body: `${a.row.address}：${a.row.description}（办理时限 ${dueOn}）`,
      email: true,
    });
  },
};

export const signStep: CaseStep<SignCaseRequest> = {
  from: ['dispatched'],
  wrongState: wrongState('签收或退回'),
  action: 'case.sign',
  resource: unitResource,
  to: (a) => (a.input.decision === 'return' ? 'returned' : 'signed'),
  set: (a, to) =>
    to === 'returned'
      ? { return_count: a.row.return_count + 1, updated_at: a.now }
      : { signed_at: a.now, signed_by: a.user.userId, updated_at: a.now },
  audit: (a, to) => ({
    action: to === 'returned' ? 'case.return' : 'case.sign',
    after: { state: to },
    detail: { comment: a.input.comment ?? null },
  }),
  async after(a, to) {
    await timeline(a, to === 'returned' ? 'return' : 'sign', to);
    if (to === 'returned')
      await tellOffice(a, {
        kind: 'case.returned',
        title: `问题案件被退回，请重新派发：${a.row.number}`,
        body: `${a.user.unitName}：${a.input.comment ?? ''}`,
      });
  },
};

export const rectifyStep: CaseStep<RectifyCaseRequest> = {
  from: ['signed', 'rework'],
  wrongState: wrongState('开始整改'),
  action: 'case.rectify',
  resource: unitResource,
  to: () => 'rectifying',
  set: (a) => ({ updated_at: a.now }),
  audit: (_a, to) => ({ action: 'case.rectify', after: { state: to } }),
  after: (a, to) => timeline(a, 'rectify', to),
};

export const feedbackStep: CaseStep<FeedbackCaseRequest & { comment?: string }> = {
  from: ['rectifying'],
  wrongState: wrongState('反馈'),
  action: 'case.feedback',
  resource: unitResource,
  async guard(a) {
    const since = a.row.feedback_at ?? '';
    const photo = await a.trx
      .selectFrom('case_evidence')
      .select('id')
      .where('case_id', '=', a.row.id)
      .where('uploaded_at', '>', since)
      .limit(1)
      .executeTakeFirst();
    if (!photo)
      throw new AppError(
        'INVALID_INPUT',
        since ? '请先上传本次整改的佐证材料（照片等）再反馈' : '请先上传整改佐证材料（照片等）再反馈',
      );
  },
  to: () => 'feedback',
  set: (a) => ({
    feedback_at: a.now,
    feedback_by: a.user.userId,
    feedback_text: a.input.text,
    ever_fed_back: 1,
    updated_at: a.now,
  }),
  audit: (_a, to) => ({ action: 'case.feedback', after: { state: to } }),
  async after(a, to) {
    await timeline({ ...a, input: { ...a.input, comment: a.input.text } }, 'feedback', to);
    await tellOffice(a, {
      kind: 'case.feedback',
      title: `问题案件已反馈整改情况，待核查：${a.row.number}`,
      body: a.input.text,
    });
  },
};

export const checkStep: CaseStep<CheckCaseRequest, { revisitAfterDays: number }> = {
  from: ['feedback'],
  wrongState: wrongState('核查'),
  action: 'case.check',
  resource: (a) => officeDecision(a.row.feedback_by),
  prepare: async (a) => ({ revisitAfterDays: (await readCaseSettings(a.trx)).revisitAfterDays }),
  to: (a) => (a.input.decision === 'rework' ? 'rework' : 'closed'),
  set: (a, to) =>
    to === 'rework'
      ? { rework_count: a.row.rework_count + 1, updated_at: a.now }
      : {
          closed_at: a.now,
          closed_by: a.user.userId,
          closed_on: today(a),
          revisit_on: addDays(today(a), a.prepared.revisitAfterDays),
          updated_at: a.now,
        },
  audit: (a, to) => ({
    action: to === 'rework' ? 'case.rework' : 'case.close',
    after: { state: to },
    detail: { comment: a.input.comment ?? null },
  }),
  async after(a, to) {
    await timeline(a, to === 'rework' ? 'rework' : 'close', to);
    if (a.row.unit_id)
      await tellUnit(a, a.row.unit_id, {
        kind: to === 'rework' ? 'case.rework' : 'case.closed',
        title: to === 'rework' ? `问题案件退回整改：${a.row.number}` : `问题案件已销号：${a.row.number}`,
        body: a.input.comment ?? '',
      });
  },
};

export const revisitStep: CaseStep<RevisitCaseRequest> = {
  from: ['closed'],
  wrongState: wrongState('回头看'),
  action: 'case.revisit',
  resource: () => ({ type: 'unitOwned', unitId: '' }),
  guard(a) {
    if (a.row.revisit_on && today(a) < a.row.revisit_on)
      throw new AppError('INVALID_STATE', `销号后 ${a.row.revisit_on} 起才能回头看`);
  },
  to: (a) => (a.input.outcome === 'reopen' ? 'reopened' : 'closed'),
  set: (a, to) =>
    to === 'reopened'
      ? { revisited_at: a.now, reopen_count: a.row.reopen_count + 1, updated_at: a.now }
      : { revisited_at: a.now, revisit_on: null, updated_at: a.now },
  audit: (a, to) => ({
    action: to === 'reopened' ? 'case.reopen' : 'case.revisit',
    after: { state: to },
    detail: { comment: a.input.comment ?? null },
  }),
  after: (a, to) => timeline(a, to === 'reopened' ? 'reopen' : 'revisit', to),
};

export const requestExtensionStep: CaseStep<CaseExtensionRequest & { comment?: string }> = {
  from: CLOCK,
  wrongState: wrongState('申请延期'),
  action: 'case.requestExtension',
  resource: unitResource,
  guard(a) {
    if (!parseDay(a.input.requestedDue))
      throw new AppError('VALIDATION_FAILED', `requestedDue：${a.input.requestedDue} 不是有效日期`);
    if (a.row.extension_state === 'pending') throw new AppError('INVALID_STATE', '已有一份待审批的延期申请');
    if (a.row.due_on && a.input.requestedDue <= a.row.due_on)
      throw new AppError('VALIDATION_FAILED', `requestedDue：申请的日期应晚于现行时限 ${a.row.due_on}`);
  },
  to: (a) => a.row.state,
  set: (a) => ({
    extension_state: 'pending',
    extension_due: a.input.requestedDue,
    extension_reason: a.input.reason,
    extension_by: a.user.userId,
    extension_at: a.now,
    extension_decided_at: null,
    extension_comment: null,
    updated_at: a.now,
  }),
  audit: (a) => ({
    action: 'case.extension_request',
    after: { requestedDue: a.input.requestedDue, from: a.row.due_on },
  }),
  async after(a, to) {
    await timeline({ ...a, input: { ...a.input, comment: a.input.reason } }, 'extension_request', to, {
      requestedDue: a.input.requestedDue,
      dueOn: a.row.due_on,
    });
    await tellOffice(a, {
      kind: 'case.extension',
      title: `问题案件申请延期：${a.row.number}`,
      body: `申请由 ${a.row.due_on} 延至 ${a.input.requestedDue}：${a.input.reason}`,
    });
  },
};

export const decideExtensionStep: CaseStep<CaseExtensionDecisionRequest> = {
  from: CLOCK,
  wrongState: wrongState('审批延期'),
  action: 'case.decideExtension',
  resource: (a) => officeDecision(a.row.extension_by),
  guard(a) {
    if (a.row.extension_state !== 'pending') throw new AppError('INVALID_STATE', '没有待审批的延期申请');
  },
  to: (a) => a.row.state,
  set: (a) => {
    const approve = a.input.decision === 'approve';
    return {
      extension_state: approve ? 'approved' : 'refused',
      extension_decided_at: a.now,
      extension_comment: a.input.comment ?? null,
      ...(approve ? { due_on: a.row.extension_due } : {}),
      updated_at: a.now,
    };
  },
  audit: (a) => ({
    action: a.input.decision === 'approve' ? 'case.extension_approve' : 'case.extension_refuse',
    before: { dueOn: a.row.due_on },
    after: { dueOn: a.input.decision === 'approve' ? a.row.extension_due : a.row.due_on },
  }),
  async after(a, to) {
    const approve = a.input.decision === 'approve';
    await timeline(a, approve ? 'extension_approve' : 'extension_refuse', to, {
      requestedDue: a.row.extension_due,
      dueOn: approve ? a.row.extension_due : a.row.due_on,
    });
    if (a.row.unit_id)
      await tellUnit(a, a.row.unit_id, {
        kind: approve ? 'case.extension_approved' : 'case.extension_refused',
        title: `问题案件延期${approve ? '已批准' : '未获同意'}：${a.row.number}`,
        body: approve ? `新的时限为 ${a.row.extension_due}` : (a.input.comment ?? ''),
      });
  },
};
