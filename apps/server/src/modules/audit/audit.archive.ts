/**
 * Retention: audit records older than a date move to signed archive files (gzip'd JSON lines: a
 * header, the records, a signature line), then leave the database in one transaction that records
 * the archive itself. Nothing younger than the retention period (180 days) is ever archived, and
 * `audit verify` walks the archives first, so the chain stays verifiable across the boundary.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DAY } from '../../clock.ts';
import { type AppContext, audit } from '../../context.ts';
import type { AuditEventsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { auditKey } from '../../secrets.ts';
import type { Actor } from './actor.ts';
import { KEYED_ALGORITHM, sign, signatureValid } from './audit.hash.ts';
import { deleteAuditRange, lockAuditChain } from './audit.repository.ts';

export interface ArchiveHeader {
  kind: 'lantian-audit-archive';
  version: 1;
  fromSeq: number;
  toSeq: number;
  count: number;
  before: string;
  createdAt: string;
}

export interface ReadArchive {
  file: string;
  header: ArchiveHeader | null;
  records: AuditEventsTable[];
  /** Why the file cannot be trusted, if it cannot. */
  problem: string | null;
}

const fileName = (from: number, to: number) =>
  `audit-${String(from).padStart(12, '0')}-${String(to).padStart(12, '0')}.jsonl.gz`;

/** Every archive file in the directory, in chain order, each checked against its signature. */
export function readArchives(ctx: AppContext): ReadArchive[] {
  const dir = ctx.config.safety.archiveDir;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^audit-\d{12}-\d{12}\.jsonl\.gz$/.test(n));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const key = auditKey(ctx.config);
  return names.sort().map((name) => {
    const file = path.join(dir, name);
    try {
      const text = gunzipSync(fs.readFileSync(file)).toString('utf8');
      const cut = text.lastIndexOf('\n', text.length - 2);
      const body = text.slice(0, cut + 1);
      const sig = JSON.parse(text.slice(cut + 1)) as { kind: string; algorithm: string; mac: string };
      const lines = body.trimEnd().split('\n');
      const header = JSON.parse(lines[0] as string) as ArchiveHeader;
      const records = lines.slice(1).map((l) => JSON.parse(l) as AuditEventsTable);
      const valid = sig.kind === 'signature' && signatureValid(key, body, sig.mac, sig.algorithm);
      const problem = !valid
        ? '签名无效（文件被改动或伪造）'
        : records.length !== header.count
          ? `记录数 ${records.length} 与文件头 ${header.count} 不符`
          : null;
      return { file, header, records, problem };
    } catch (e) {
      return { file, header: null, records: [], problem: `无法读取：${(e as Error).message}` };
    }
  });
}

export interface ArchiveResult {
  file: string | null;
  count: number;
  fromSeq: number | null;
  toSeq: number | null;
}

/** Move the records older than `before` (a date at least the retention period ago) to an archive file. */
export async function archiveAudit(ctx: AppContext, actor: Actor, before: string): Promise<ArchiveResult> {
  const cutoff = new Date(`${before}T00:00:00.000Z`);
  if (!/^\d{4}-\d\d-\d\d$/.test(before) || Number.isNaN(cutoff.getTime()))
    throw new AppError('INVALID_INPUT', `--before 应为日期 YYYY-MM-DD：${before}`);
  const days = ctx.config.safety.auditRetentionDays;
  const latest = new Date(ctx.clock.now().getTime() - days * DAY);
  if (cutoff > latest)
    throw new AppError(
      'INVALID_INPUT',
      `审计记录至少保留 ${days} 天：--before 不得晚于 ${latest.toISOString().slice(0, 10)}`,
    );
  const iso = cutoff.toISOString();
  const key = auditKey(ctx.config);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await lockAuditChain(trx, ctx.db.dialect);
    // The oldest records, in chain order, up to the first one not older than the cutoff.
    const first = await trx
      .selectFrom('audit_events')
      .select('seq')
      .where('at', '>=', iso)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    let q = trx.selectFrom('audit_events').selectAll().orderBy('seq');
    if (first) q = q.where('seq', '<', first.seq);
    const records = await q.execute();
    if (records.length === 0) return { file: null, count: 0, fromSeq: null, toSeq: null };
    const fromSeq = (records[0] as AuditEventsTable).seq;
    const toSeq = (records.at(-1) as AuditEventsTable).seq;
    const header: ArchiveHeader = {
      kind: 'lantian-audit-archive',
      version: 1,
      fromSeq,
      toSeq,
      count: records.length,
      before: iso,
      createdAt: ctx.clock.now().toISOString(),
    };
    const body = `${[header, ...records].map((r) => JSON.stringify(r)).join('\n')}\n`;
    const signature = { kind: 'signature', algorithm: KEYED_ALGORITHM, mac: sign(key, body) };
    const bytes = gzipSync(Buffer.from(`${body}${JSON.stringify(signature)}\n`));
    const dir = ctx.config.safety.archiveDir;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, fileName(fromSeq, toSeq));
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, bytes, { mode: 0o600 });
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
    await deleteAuditRange(trx, ctx.db.dialect, fromSeq, toSeq);
    await audit(ctx, trx, actor, {
      action: 'audit.archive',
      objectType: 'audit_archive',
      objectId: path.basename(file),
      detail: {
        fromSeq,
        toSeq,
        count: records.length,
        before: iso,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    });
    return { file, count: records.length, fromSeq, toSeq };
  });
}
