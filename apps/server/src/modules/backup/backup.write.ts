/**
 * `lantian backup`: a consistent snapshot of a running system in one portable file, the same for
 * SQLite and PostgreSQL — gzip'd JSON lines: a manifest (format and schema version, the tables in
 * restore order), one line per row (binary columns such as evidence bytes as base64), and a closing
 * line with each table's row count and SHA-256. Consistent: everything is read in one read
 * transaction (REPEATABLE READ READ ONLY on PostgreSQL; a WAL read snapshot on SQLite, taken on its
 * own connection so writers go on). A backup given an abort signal stops at the next row once it fires
 * (the server is shutting down): its temporary file is removed and nothing is listed as a backup.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { type AppContext, audit, transaction } from '../../context.ts';
import type { Db, Executor } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../audit/actor.ts';
import { parentsFirst, type TableInfo, tablesInOrder } from './backup.tables.ts';

export const BACKUP_FORMAT = 'lantian-backup';
export const BACKUP_VERSION = 1;
const PAGE = 200;

export interface BackupManifest {
  kind: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  sourceDialect: string;
  migrations: string[];
  tables: string[];
}

export interface BackupEnd {
  kind: 'end';
  counts: Record<string, number>;
  sha256: Record<string, string>;
}

/** Run `fn` inside one read snapshot of the whole database. */
async function withSnapshot<T>(db: Db, fn: (ex: Executor) => Promise<T>): Promise<T> {
  if (db.dialect === 'postgres') {
    return db.kysely
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        return fn(trx);
      });
  }
  if (!db.file) throw new Error('SQLite 数据库没有文件路径，无法备份');
  const handle = new SQLite(db.file, { readonly: true, fileMustExist: true });
  handle.pragma('busy_timeout = 5000');
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  try {
    await sql`begin`.execute(k);
    try {
      return await fn(k);
    } finally {
      await sql`commit`.execute(k);
    }
  } finally {
    await k.destroy();
  }
}

/** A row as a JSON-safe object: binary columns become {"$b64": …}. */
export function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
  return out;
}

async function* rowsOf(ex: Executor, t: TableInfo): AsyncGenerator<Record<string, unknown>> {
  const order = t.primaryKey.length > 0 ? t.primaryKey.map((c) => `"${c}"`).join(', ') : '1';
  if (t.selfRefs.length > 0) {
    const all = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(t.name)} order by ${sql.raw(order)}`.execute(ex);
    yield* parentsFirst(all.rows, t);
    return;
  }
  for (let offset = 0; ; offset += PAGE) {
    const page = await sql<Record<string, unknown>>`
      select * from ${sql.table(t.name)} order by ${sql.raw(order)} limit ${PAGE} offset ${offset}`.execute(
      ex,
    );
    yield* page.rows;
    if (page.rows.length < PAGE) return;
  }
}

/** The backup was stopped by its abort signal before it was complete (its partial file removed). */
export class BackupStopped extends Error {
  override readonly name = 'BackupStopped';
}

export interface BackupResult {
  file: string;
  bytes: number;
  rows: number;
  counts: Record<string, number>;
}

/**
 * Write a backup of the whole database to `file` (atomically: a temporary file renamed at the end).
 * `signal`: stop at the next row once it fires (BackupStopped), the temporary file removed.
 */
export async function writeBackup(
  ctx: AppContext,
  actor: Actor,
  file: string,
  opts: { signal?: AbortSignal } = {},
): Promise<BackupResult> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  const gz = createGzip();
  gz.pipe(out);
  const write = async (line: unknown) => {
    if (opts.signal?.aborted) throw new BackupStopped(`备份 ${path.basename(target)} 未完成：服务正在停止`);
    if (!gz.write(`${JSON.stringify(line)}\n`)) await once(gz, 'drain');
  };
  const counts: Record<string, number> = {};
  const sha256: Record<string, string> = {};
  try {
    await withSnapshot(ctx.db, async (ex) => {
      const tables = await tablesInOrder(ctx.db, ex);
      const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        ex,
      );
      const manifest: BackupManifest = {
        kind: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: ctx.clock.now().toISOString(),
        sourceDialect: ctx.db.dialect,
        migrations: migrations.rows.map((m) => m.name),
        tables: tables.map((t) => t.name),
      };
      await write(manifest);
      for (const t of tables) {
        const h = createHash('sha256');
        let n = 0;
        for await (const row of rowsOf(ex, t)) {
          const r = encodeRow(row);
          h.update(`${JSON.stringify(r)}\n`);
          await write({ t: t.name, r });
          n++;
        }
        counts[t.name] = n;
        sha256[t.name] = h.digest('hex');
      }
    });
    const end: BackupEnd = { kind: 'end', counts, sha256 };
    await write(end);
    gz.end();
    // Once the closing line is written the file is complete: it is finished, not thrown away.
    await once(out, 'close');
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, target);
  } catch (e) {
    gz.destroy();
    // The file is removed once the stream has let it go (a stream still opening would create it after).
    const closed = out.closed ? Promise.resolve() : once(out, 'close');
    out.destroy();
    await closed.catch(() => {});
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const bytes = fs.statSync(target).size;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actor, {
      action: 'backup.create',
      objectType: 'backup',
      objectId: path.basename(target),
      detail: { file: target, bytes, rows, tables: Object.keys(counts).length },
    }),
  );
  return { file: target, bytes, rows, counts };
}
