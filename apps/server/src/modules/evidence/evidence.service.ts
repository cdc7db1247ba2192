/** Adding, serving and removing evidence files; every change audited in its transaction. */
import { createHash, randomUUID } from 'node:crypto';
import type { Attachment } from '@lantian/contract';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { AttachmentOwner } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { actorOf } from '../auth/principal.ts';
import { resolveOwner } from './evidence.owners.ts';
import type { AttachmentMeta } from './evidence.repository.ts';
import * as repo from './evidence.repository.ts';
import { checkNameAgainstType, cleanFileName, detectEvidenceType } from './file-check.ts';

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** A file as evidence: its type by its content within the limits, its name checked against it, its SHA-256. */
export function checkEvidenceFile(ctx: AppContext, file: UploadedFile) {
  const s = ctx.config.supervision;
  const detected = detectEvidenceType(file.bytes, {
    maxBytes: s.evidenceMaxBytes,
    zipMaxEntries: s.zipMaxEntries,
    zipMaxInflatedBytes: s.zipMaxInflatedBytes,
    zipMaxRatio: s.zipMaxRatio,
  });
  checkNameAgainstType(file.fileName, detected);
  return { detected, sha256: createHash('sha256').update(file.bytes).digest('hex') };
}

/** The same bytes twice under one report, request or case are a slip, not more evidence. */
export function refuseTwin(twin: { file_name: string } | undefined): void {
  if (twin)
    throw new AppError(
      'DUPLICATE_EVIDENCE',
      `这个文件已经上传过（内容与“${twin.file_name}”相同），无需重复上传`,
    );
}

function presentAttachment(a: AttachmentMeta, names: Map<string, string>): Attachment {
  return {
    id: a.id,
    fileName: a.file_name,
    storedName: a.stored_name,
    mediaType: a.media_type,
    size: a.size,
    sha256: a.sha256,
    uploadedAt: a.uploaded_at,
    uploadedBy: a.uploaded_by ? (names.get(a.uploaded_by) ?? null) : null,
    downloadUrl: `/api/v1/evidence/${a.id}`,
  };
}

/** Evidence of several owners of one kind, presented, grouped by owner id. */
export async function evidenceOf(
  ctx: AppContext,
  type: AttachmentOwner,
  ownerIds: readonly string[],
): Promise<Map<string, Attachment[]>> {
  const rows = await repo.attachmentsOf(ctx.db.kysely, type, ownerIds);
  const out = new Map<string, Attachment[]>();
  for (const r of rows) {
    const names = new Map(r.uploaded_by && r.uploader_name ? [[r.uploaded_by, r.uploader_name]] : []);
    out.set(r.owner_id, [...(out.get(r.owner_id) ?? []), presentAttachment(r, names)]);
  }
  return out;
}

export async function addEvidence(
  ctx: AppContext,
  user: Principal,
  type: AttachmentOwner,
  ownerId: string,
  file: UploadedFile,
): Promise<Attachment> {
  const s = ctx.config.supervision;
  const { detected, sha256 } = checkEvidenceFile(ctx, file);
  const id = randomUUID();
  const row = await transaction(ctx, async (trx) => {
    const owner = await resolveOwner(trx, user, type, ownerId, 'write');
    if ((await repo.countAttachments(trx, type, ownerId)) >= s.evidenceMaxFiles)
      throw new AppError('INVALID_INPUT', `每份材料最多 ${s.evidenceMaxFiles} 个佐证文件`);
    refuseTwin(await repo.sameContent(trx, type, ownerId, sha256));
    const meta: AttachmentMeta = {
      id,
      owner_type: type,
      owner_id: ownerId,
      plan_id: owner.planId,
      unit_id: owner.unitId,
      file_name: cleanFileName(file.fileName, detected),
      stored_name: `ev-${id}.${detected.ext}`,
      media_type: detected.mediaType,
      size: file.bytes.length,
      sha256,
      uploaded_by: user.userId,
      uploaded_at: ctx.clock.now().toISOString(),
    };
    await trx
      .insertInto('attachments')
      .values({ ...meta, content: file.bytes })
      .execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'evidence.upload',
      objectType: 'attachment',
      objectId: id,
      after: { owner: `${type}:${ownerId}`, fileName: meta.file_name, size: meta.size, sha256: meta.sha256 },
    });
    return meta;
  });
  return presentAttachment(row, new Map([[user.userId, user.displayName]]));
}

export async function removeEvidence(ctx: AppContext, user: Principal, id: string): Promise<void> {
  await transaction(ctx, async (trx) => {
    const meta = await repo.attachmentMeta(trx, id);
    if (!meta) throw notFound('佐证材料');
    await resolveOwner(trx, user, meta.owner_type, meta.owner_id, 'write');
    if (meta.owner_type === 'notice') {
      const replies = await trx
        .selectFrom('notice_replies')
        .select('attachment_ids')
        .where('notice_id', '=', meta.owner_id)
        // A reply its leader returned did not leave the unit: its files may still be removed.
        .where((eb) => eb.or([eb('signoff_state', 'is', null), eb('signoff_state', '<>', 'returned')]))
        .execute();
      if (replies.some((r) => (JSON.parse(r.attachment_ids) as string[]).includes(id)))
        throw new AppError('INVALID_STATE', '该文件已随回复报送，不能删除');
    }
    await trx.deleteFrom('attachments').where('id', '=', id).execute();
    await audit(ctx, trx, actorOf(user), {
      action: 'evidence.delete',
      objectType: 'attachment',
      objectId: id,
      before: { owner: `${meta.owner_type}:${meta.owner_id}`, fileName: meta.file_name, sha256: meta.sha256 },
    });
  });
}

/** The file, if its owner is visible to the user. */
export async function evidenceFile(ctx: AppContext, user: Principal, id: string) {
  const meta = await repo.attachmentMeta(ctx.db.kysely, id);
  if (!meta) throw notFound('佐证材料');
  await resolveOwner(ctx.db.kysely, user, meta.owner_type, meta.owner_id, 'read');
  const file = await repo.attachmentContent(ctx.db.kysely, id);
  if (!file) throw notFound('佐证材料');
  return file;
}
