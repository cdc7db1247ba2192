/** SQL for evidence files. Listing never reads the content column. */
import type { Executor } from '../../db/connect.ts';
import type { AttachmentOwner, AttachmentsTable } from '../../db/schema.ts';

const LISTED = [
  'id',
  'owner_type',
  'owner_id',
  'plan_id',
  'unit_id',
  'file_name',
  'stored_name',
  'media_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

export type AttachmentMeta = Omit<AttachmentsTable, 'content'>;

/** The files of some owners, with the uploader's display name. */
export async function attachmentsOf(
  db: Executor,
  ownerType: AttachmentOwner,
  ownerIds: readonly string[],
): Promise<(AttachmentMeta & { uploader_name: string | null })[]> {
  if (ownerIds.length === 0) return [];
  return db
    .selectFrom('attachments as f')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by')
    .select(LISTED.map((c) => `f.${c}` as const))
    .select('u.display_name as uploader_name')
    .where('f.owner_type', '=', ownerType)
    .where('f.owner_id', 'in', ownerIds)
    .orderBy('f.uploaded_at')
    .orderBy('f.id')
    .execute();
}

export async function attachmentMeta(db: Executor, id: string): Promise<AttachmentMeta | undefined> {
  return db.selectFrom('attachments').select(LISTED).where('id', '=', id).executeTakeFirst();
}

export async function attachmentContent(db: Executor, id: string) {
  return db
    .selectFrom('attachments')
    .select(['content', 'media_type', 'stored_name', 'file_name', 'sha256', 'size'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countAttachments(db: Executor, ownerType: AttachmentOwner, ownerId: string) {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A file of this owner with the same content, if one was uploaded already. */
export async function sameContent(db: Executor, ownerType: AttachmentOwner, ownerId: string, sha256: string) {
  return db
    .selectFrom('attachments')
    .select(['file_name'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}
