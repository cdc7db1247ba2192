/** Evidence on a workflow row: the files attached to it (modules/evidence), required by a step's guard. */
import type { Trx } from '../../context.ts';
import type { AttachmentOwner } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { countAttachments } from '../evidence/evidence.repository.ts';

/** Refuse the step unless at least one file is attached to the row. */
export async function requireEvidence(trx: Trx, owner: AttachmentOwner, id: string, message: string) {
  if ((await countAttachments(trx, owner, id)) === 0) throw new AppError('INVALID_INPUT', message);
}

/** Ids of the row's files, oldest first, less those already sent with an earlier step. */
export async function newEvidence(
  trx: Trx,
  owner: AttachmentOwner,
  id: string,
  alreadySent: ReadonlySet<string>,
): Promise<string[]> {
  const files = await trx
    .selectFrom('attachments')
    .select('id')
    .where('owner_type', '=', owner)
    .where('owner_id', '=', id)
    .orderBy('uploaded_at')
    .execute();
  return files.map((f) => f.id).filter((f) => !alreadySent.has(f));
}
