/**
 * Whose an evidence file is, and who may read or change it: it follows what it belongs to — a report
 * (its assignment's visibility; its unit while the report is editable), a notice (the office and the
 * unit it was issued to; the unit until it answers), a closure request (its assignment; its unit while
 * still a draft).
 */
import type { Executor } from '../../db/connect.ts';
import type { AttachmentOwner } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize, ensureAuthorized } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { assignmentResource, ensureWritable, loadAssignment } from '../supervision/assignment.ts';
import { planArchived, planOpen } from '../supervision/common.ts';

export interface EvidenceOwner {
  type: AttachmentOwner;
  id: string;
  planId: string;
  unitId: string;
  /** The user may add or remove files now. */
  writable: boolean;
}

const EDITABLE_REPORT = ['draft', 'returned'];
const OPEN_NOTICE = ['issued', 'sent_back'];

/** The owner if the user may read it (else 404); with `write`, also checks they may change it now. */
export async function resolveOwner(
  db: Executor,
  user: Principal,
  type: AttachmentOwner,
  id: string,
  mode: 'read' | 'write',
): Promise<EvidenceOwner> {
  if (type === 'report' || type === 'closure') {
    const row =
      type === 'report'
        ? await db
            .selectFrom('progress_reports')
            .select(['assignment_id', 'state'])
            .where('id', '=', id)
            .executeTakeFirst()
        : await db
            .selectFrom('closure_requests')
            .select(['assignment_id', 'state'])
            .where('id', '=', id)
            .executeTakeFirst();
    const a = row ? await loadAssignment(db, row.assignment_id) : undefined;
    const what = type === 'report' ? '进展报告' : '销号申请';
    const readAction = type === 'report' ? 'report.read' : 'closure.read';
    if (!row || !a || !authorize(user, readAction, assignmentResource(a))) throw notFound(what);
    const editableState = type === 'report' ? EDITABLE_REPORT.includes(row.state) : row.state === 'draft';
    if (mode === 'write') {
      ensureAuthorized(user, 'evidence.write', assignmentResource(a));
      ensureWritable(a);
      if (!editableState) throw new AppError('INVALID_STATE', `${what}已提交，不能再增删佐证材料`);
    }
    return { type, id, planId: a.planId, unitId: a.unitId, writable: editableState && a.closedOn === null };
  }
  if (type === 'notice') {
    const n = await db
      .selectFrom('supervision_notices')
      .select(['plan_id', 'unit_id', 'state'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!n || !authorize(user, 'notice.read', { type: 'unitOwned', unitId: n.unit_id }))
      throw notFound('督办单');
    const live = await planOpen(db, n.plan_id);
    const open = OPEN_NOTICE.includes(n.state) && live;
    if (mode === 'write') {
      ensureAuthorized(user, 'evidence.write', { type: 'unitOwned', unitId: n.unit_id });
      if (!live) throw planArchived();
      if (!open) throw new AppError('INVALID_STATE', '督办单已回复或已办结，不能再增删佐证材料');
    }
    return { type, id, planId: n.plan_id, unitId: n.unit_id, writable: open };
  }
  throw notFound('佐证材料');
}
