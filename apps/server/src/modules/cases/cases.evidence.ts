/**
 * A case's evidence (photos of the problem and of its rectification): uploaded by the unit while it
 * holds the case (signed, rectifying, rework), checked by content as every evidence file is
 * (modules/evidence/file-check.ts), read by whoever may read the case.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import { ensureAuthorized } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { checkEvidenceFile, refuseTwin, type UploadedFile } from '../evidence/evidence.service.ts';
import { cleanFileName } from '../evidence/file-check.ts';
import { recordCaseEvent } from './cases.events.ts';
import { caseKind, caseVisible } from './cases.kind.ts';

const WRITABLE = ['signed', 'rectifying', 'rework'];

export async function caseEvidence(db: Executor, caseId: string): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('case_evidence as e')
    .leftJoin('users as u', 'u.id', 'e.uploaded_by')
    .select([
      'e.id',
      'e.file_name',
      'e.stored_name',
      'e.media_type',
      'e.size',
      'e.sha256',
      'e.uploaded_at',
      'u.display_name as uploader',
    ])
    .where('e.case_id', '=', caseId)
    .orderBy('e.uploaded_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    storedName: r.stored_name,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploader ?? null,
    downloadUrl: `/api/v1/cases/${caseId}/evidence/${r.id}`,
  }));
}

export async function addCaseEvidence(
  ctx: AppContext,
  user: Principal,
  caseId: string,
  file: UploadedFile,
): Promise<Attachment> {
  const s = ctx.config.supervision;
  const { detected, sha256 } = checkEvidenceFile(ctx, file);
  const id = randomUUID();
  await transaction(ctx, async (trx) => {
    const { row } = await caseKind.load(ctx, trx, user, caseId);
    ensureAuthorized(user, 'case.evidence', { type: 'unitOwned', unitId: row.unit_id ?? '' });
    if (!WRITABLE.includes(row.state))
      throw new AppError('INVALID_STATE', '案件签收后、反馈前才能上传整改佐证材料');
    const files = await trx
      .selectFrom('case_evidence')
      .select(['sha256', 'file_name'])
      .where('case_id', '=', caseId)
      .execute();
    if (files.length >= s.evidenceMaxFiles)
      throw new AppError('INVALID_INPUT', `每个案件最多 ${s.evidenceMaxFiles} 个佐证文件`);
    refuseTwin(files.find((f) => f.sha256 === sha256));
    const now = ctx.clock.now().toISOString();
    const fileName = cleanFileName(file.fileName, detected);
    await trx
      .insertInto('case_evidence')
      .values({
        id,
        case_id: caseId,
        file_name: fileName,
        stored_name: `case-${id}.${detected.ext}`,
        media_type: detected.mediaType,
        size: file.bytes.length,
        sha256,
        content: file.bytes,
        uploaded_by: user.userId,
        uploaded_at: now,
      })
      .execute();
    await recordCaseEvent(trx, caseId, {
      at: now,
      action: 'evidence',
      from: row.state,
      to: row.state,
      user,
      detail: { evidenceId: id, fileName },
    });
    await audit(ctx, trx, actorOf(user), {
      action: 'evidence.upload',
      objectType: 'case_evidence',
      objectId: id,
      after: { owner: `case:${caseId}`, fileName, size: file.bytes.length, sha256 },
    });
  });
  const listed = (await caseEvidence(ctx.db.kysely, caseId)).find((a) => a.id === id);
  if (!listed) throw notFound('佐证材料');
  return listed;
}

export async function caseEvidenceFile(ctx: AppContext, user: Principal, caseId: string, evidenceId: string) {
  const db = ctx.db.kysely;
  const c = await db.selectFrom('cases').select(['unit_id']).where('id', '=', caseId).executeTakeFirst();
  if (!c || !caseVisible(user, c)) throw notFound('问题案件');
  const f = await db
    .selectFrom('case_evidence')
    .selectAll()
    .where('id', '=', evidenceId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!f) throw notFound('佐证材料');
  return f;
}
