/**
 * Signed checkpoints of the audit chain, written outside the database: a line (sequence number, hash,
 * time, HMAC) appended to `checkpoints.jsonl` in the checkpoint directory, and sent to syslog where
 * configured. Someone who deletes the last records, or all of them, cannot delete what the checkpoints
 * already remember; `audit verify` compares the two.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { auditKey } from '../../secrets.ts';
import { KEYED_ALGORITHM, keyedAuditHash, sign, signatureValid } from './audit.hash.ts';
import { auditKeying } from './audit.keying.ts';
import { lastFullAuditEvent, lockAuditChain } from './audit.repository.ts';

export const CHECKPOINT_FILE = 'checkpoints.jsonl';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  algorithm: string;
  mac: string;
}

export interface ReadCheckpoint extends Checkpoint {
  /** 1-based line in the file. */
  line: number;
  valid: boolean;
}

const signedText = (c: Omit<Checkpoint, 'mac' | 'algorithm'>) =>
  `lantian-audit-checkpoint\n${c.seq}\n${c.hash}\n${c.at}`;

/** Every checkpoint in the directory, each with whether its signature holds. Unparseable lines are invalid. */
export function readCheckpoints(ctx: AppContext): ReadCheckpoint[] {
  const file = path.join(ctx.config.safety.checkpointDir, CHECKPOINT_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const key = auditKey(ctx.config);
  const out: ReadCheckpoint[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const c = JSON.parse(raw) as Checkpoint;
      const valid =
        Number.isInteger(c.seq) &&
        typeof c.hash === 'string' &&
        typeof c.at === 'string' &&
        typeof c.mac === 'string' &&
        signatureValid(key, signedText(c), c.mac, c.algorithm);
      out.push({ ...c, line: i + 1, valid });
    } catch {
      out.push({ seq: -1, hash: '', at: '', algorithm: '', mac: '', line: i + 1, valid: false });
    }
  });
  return out;
}

/** The last checkpoint written to this directory by this process, so an unchanged chain is not rewritten. */
const lastWritten = new Map<string, number>();

function sendSyslog(url: string, message: string): Promise<void> {
  const u = new URL(url);
  const socket = dgram.createSocket(u.hostname.includes(':') ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    socket.send(Buffer.from(message), Number(u.port), u.hostname.replace(/^\[|\]$/g, ''), () => {
      socket.close();
      resolve();
    });
  });
}

/**
 * Write a checkpoint of the chain's latest committed record (nothing when the chain is empty or the
 * last checkpoint already names it). Returns the checkpoint written, if any.
 */
export async function writeCheckpoint(ctx: AppContext): Promise<Checkpoint | null> {
  // Behind the chain's lock: the latest record of a committed transaction, never one still open.
  const last = await ctx.db.kysely.transaction().execute(async (trx) => {
    await lockAuditChain(trx, ctx.db.dialect);
    return lastFullAuditEvent(trx);
  });
  if (!last) return null;
  // Never vouch for a record that is not Lantian's own (a forged tail stays unanchored).
  const keying = await auditKeying(ctx.db.kysely);
  const { hash, ...rest } = last;
  if (keying && last.seq >= keying.boundary_seq && keyedAuditHash(rest, auditKey(ctx.config)) !== hash) {
    process.stderr.write(
      `蓝天：审计链最后一条记录（第 ${last.seq} 条）签名无效，未写检查点；请运行 audit verify\n`,
    );
    return null;
  }
  const dir = ctx.config.safety.checkpointDir;
  const known = lastWritten.get(dir) ?? readCheckpoints(ctx).at(-1)?.seq;
  if (known === last.seq) return null;
  const at = ctx.clock.now().toISOString();
  const body = { seq: last.seq, hash: last.hash, at };
  const cp: Checkpoint = {
    ...body,
    algorithm: KEYED_ALGORITHM,
    mac: sign(auditKey(ctx.config), signedText(body)),
  };
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fd = fs.openSync(path.join(dir, CHECKPOINT_FILE), 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(cp)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  lastWritten.set(dir, cp.seq);
  const url = ctx.config.safety.syslogUrl;
  if (url) {
    // RFC 5424, facility 13 (log audit), severity 6 (informational).
    const msg = `<110>1 ${at} ${hostname()} lantian ${process.pid} audit-checkpoint - seq=${cp.seq} hash=${cp.hash} alg=${cp.algorithm} mac=${cp.mac}`;
    await sendSyslog(url, msg);
  }
  return cp;
}

const pending = new WeakMap<AppContext['db'], Promise<unknown>>();

/**
 * Ask for a checkpoint soon, off the caller's transaction (it names the latest committed record).
 * A failure is reported on stderr, never to the request that triggered it; `audit verify` reports a
 * missing checkpoint.
 */
export function scheduleCheckpoint(ctx: AppContext): void {
  if (pending.has(ctx.db)) return;
  // A microtask, not a timer: it queues behind the current transaction, even under a busy loop.
  const p = Promise.resolve()
    .then(() => writeCheckpoint(ctx))
    .catch((e: unknown) => {
      if (!/destroyed|closed|after calling end/i.test(String(e)))
        process.stderr.write(`蓝天：审计检查点写入失败：${String(e)}\n`);
    })
    .finally(() => pending.delete(ctx.db));
  pending.set(ctx.db, p);
}

/** Wait for a scheduled checkpoint (tests, shutdown). */
export async function checkpointsSettled(ctx: AppContext): Promise<void> {
  await pending.get(ctx.db);
}
