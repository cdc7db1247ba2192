/**
 * `audit verify`: walk the chain from its first record (archives first, then the database) and
 * compare it with the checkpoints kept outside the database. Each kind of break gets its own line:
 * a rewritten record, a broken link, a forged record, records missing, truncation after a
 * checkpoint, a wipe, a missing or forged checkpoint, a bad archive, a moved keying boundary.
 */
import type { AppContext } from '../../context.ts';
import type { AuditEventsTable } from '../../db/schema.ts';
import { auditKey } from '../../secrets.ts';
import { readArchives } from './audit.archive.ts';
import { readCheckpoints } from './audit.checkpoint.ts';
import { auditHash, GENESIS_HASH, keyedAuditHash } from './audit.hash.ts';
import { auditKeying, keyingValid } from './audit.keying.ts';
import { auditPage } from './audit.repository.ts';

export type AuditBreakKind =
  | 'rewritten'
  | 'broken_link'
  | 'forged'
  | 'missing_records'
  | 'truncated'
  | 'wiped'
  | 'missing_checkpoint'
  | 'bad_checkpoint'
  | 'bad_archive'
  | 'keying';

export interface AuditBreak {
  kind: AuditBreakKind;
  /** The first record concerned, when there is one. */
  seq: number | null;
  id: string | null;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Records read (archives and database). */
  checked: number;
  archived: number;
  checkpoints: number;
  firstBroken: { seq: number; id: string | null; reason: string } | null;
  breaks: AuditBreak[];
}

const range = (a: number, b: number) => (a === b ? `第 ${a} 条` : `第 ${a}–${b} 条`);

export async function verifyAuditChain(ctx: AppContext): Promise<VerifyResult> {
  const key = auditKey(ctx.config);
  const every = ctx.config.safety.checkpointEveryRecords;
  const breaks: AuditBreak[] = [];
  const add = (kind: AuditBreakKind, seq: number | null, id: string | null, reason: string) =>
    breaks.push({ kind, seq, id, reason });

  const keying = await auditKeying(ctx.db.kysely);
  let boundary = 1;
  if (keying && keyingValid(ctx, keying)) boundary = keying.boundary_seq;
  else if (keying)
    add(
      'keying',
      keying.boundary_seq,
      null,
      '密钥边界标记的签名无效（边界被移动或伪造）：全部记录按带密钥的方式校验',
    );

  const checkpoints = readCheckpoints(ctx);
  for (const c of checkpoints.filter((c) => !c.valid))
    add(
      'bad_checkpoint',
      c.seq >= 0 ? c.seq : null,
      null,
      `检查点文件第 ${c.line} 行签名无效（伪造或被改动的检查点）`,
    );
  const anchors = checkpoints.filter((c) => c.valid);
  const anchorSeqs = new Set(anchors.map((c) => c.seq));
  const seen = new Map<number, string>();

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  /** Records whose hash is not theirs: [seq, id]. Classified once the walk is over. */
  const unsigned: { seq: number; id: string }[] = [];

  const visit = (e: AuditEventsTable) => {
    checked++;
    if (e.seq > expectedSeq) {
      add('missing_records', expectedSeq, null, `${range(expectedSeq, e.seq - 1)}记录缺失（被删除）`);
      prevHash = e.prev_hash;
    } else if (e.prev_hash !== prevHash) {
      add('broken_link', e.seq, e.id, `第 ${e.seq} 条记录的前序哈希与第 ${e.seq - 1} 条记录不符（链被改接）`);
    }
    const { hash, ...rest } = e;
    const want = e.seq < boundary ? auditHash(rest) : keyedAuditHash(rest, key, keying?.algorithm);
    if (want !== hash) unsigned.push({ seq: e.seq, id: e.id });
    if (anchorSeqs.has(e.seq)) seen.set(e.seq, hash);
    prevHash = hash;
    expectedSeq = e.seq + 1;
    lastSeq = e.seq;
  };

  const archives = readArchives(ctx);
  let archived = 0;
  for (const a of archives) {
    if (a.problem) add('bad_archive', a.header?.fromSeq ?? null, null, `归档文件 ${a.file}：${a.problem}`);
    for (const e of a.records) visit(e);
    archived += a.records.length;
  }
  for (;;) {
    const page = await auditPage(ctx.db.kysely, { afterSeq: expectedSeq - 1, limit: 1000, order: 'asc' });
    if (page.length === 0) break;
    for (const e of page) visit(e);
  }

  // A record without its own MAC: rewritten if a checkpoint vouched for its place or a good record
  // follows it; forged when it belongs to an unsigned tail after the last checkpoint.
  const lastAnchor = anchors.reduce((m, c) => Math.max(m, c.seq), 0);
  let tailFrom = lastSeq + 1;
  for (let i = unsigned.length - 1; i >= 0; i--) {
    const u = unsigned[i] as { seq: number };
    if (u.seq === tailFrom - 1 && u.seq > lastAnchor) tailFrom = u.seq;
    else break;
  }
  const runs: { kind: 'rewritten' | 'forged'; from: number; to: number; id: string }[] = [];
  for (const u of unsigned) {
    const kind = u.seq >= tailFrom ? 'forged' : 'rewritten';
    const run = runs.at(-1);
    if (run && run.kind === kind && run.to === u.seq - 1) run.to = u.seq;
    else runs.push({ kind, from: u.seq, to: u.seq, id: u.id });
  }
  for (const r of runs) {
    if (r.kind === 'rewritten')
      add('rewritten', r.from, r.id, `${range(r.from, r.to)}记录的内容与其签名不符（记录被改写）`);
    else add('forged', r.from, r.id, `${range(r.from, r.to)}记录没有有效签名（伪造的追加记录）`);
  }

  for (const c of anchors) {
    const hash = seen.get(c.seq);
    if (hash !== undefined && hash !== c.hash)
      add('rewritten', c.seq, null, `第 ${c.seq} 条记录与 ${c.at} 的检查点不符（记录被替换）`);
  }
  if (lastAnchor > lastSeq) {
    const c = anchors.find((a) => a.seq === lastAnchor) as { at: string };
    if (checked === 0)
      add(
        'wiped',
        null,
        null,
        `审计记录被清空：${c.at} 的检查点记下了第 ${lastAnchor} 条，现在一条记录也没有`,
      );
    else
      add(
        'truncated',
        lastSeq + 1,
        null,
        `第 ${lastSeq} 条之后的记录被删除：${c.at} 的检查点记下了第 ${lastAnchor} 条，现在只到第 ${lastSeq} 条`,
      );
  }
  if (lastSeq - lastAnchor > 2 * every)
    add(
      'missing_checkpoint',
      lastAnchor + 1,
      null,
      lastAnchor === 0
        ? `没有任何检查点，而链上已有 ${lastSeq} 条记录（应至少每 ${every} 条一个）`
        : `最后一个检查点在第 ${lastAnchor} 条，其后 ${lastSeq - lastAnchor} 条记录没有检查点（应至少每 ${every} 条一个）`,
    );
  if (!keying && checked > 0)
    add('keying', null, null, '缺少密钥边界标记（被删除）：全部记录按带密钥的方式校验');

  breaks.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  const first = breaks[0];
  return {
    ok: breaks.length === 0,
    checked,
    archived,
    checkpoints: anchors.length,
    firstBroken: first ? { seq: first.seq ?? 0, id: first.id, reason: first.reason } : null,
    breaks,
  };
}
