/**
 * `lantian restore FILE`: load a backup into an EMPTY database of either kind — migrations first,
 * then every row in the backup's dependency order, in one transaction, each table's count and SHA-256
 * checked against the backup's closing line before it commits. The audit table is only inserted into
 * (its triggers stay), so the restored chain verifies with the same audit key.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import { type AppContext, audit, transaction } from '../../context.ts';
import { MIGRATIONS, migrateToLatest } from '../../db/migrate.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { writeCheckpoint } from '../audit/audit.checkpoint.ts';
import { tablesInOrder } from './backup.tables.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupEnd, type BackupManifest } from './backup.write.ts';

/** Tables whose rows make a database "in use": a restore refuses to mix into them. */
const IN_USE = ['users', 'units', 'plans', 'audit_events'] as const;
const BATCH_ROWS = 100;
const BATCH_BYTES = 8 * 1024 * 1024;

function decodeRow(r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    const b = v as { $b64?: unknown } | null;
    out[k] = b && typeof b === 'object' && typeof b.$b64 === 'string' ? Buffer.from(b.$b64, 'base64') : v;
  }
  return out;
}

export interface RestoreResult {
  rows: number;
  counts: Record<string, number>;
  sourceDialect: string;
  createdAt: string;
}

export async function restoreBackup(ctx: AppContext, actor: Actor, file: string): Promise<RestoreResult> {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `备份文件不存在：${file}`);
  await migrateToLatest(ctx.db);
  for (const t of IN_USE) {
    const row = await ctx.db.kysely
      .selectFrom(t)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0)
      throw new AppError(
        'CONFLICT',
        `目标数据库不是空的（${t} 表已有 ${row.n} 行）：只能恢复到新建的空数据库`,
      );
  }
  const target = new Map((await tablesInOrder(ctx.db)).map((t) => [t.name, t]));
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    // The file is opened here, and its line iterator taken at once: a readline interface reads from the
    // moment it exists, and lines it emits before anyone iterates are lost — with the closing line gone
    // too, the loop below would wait forever (a restore into PostgreSQL awaited its BEGIN in between).
    const lines = readline.createInterface({
      input: fs.createReadStream(file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const iterator = lines[Symbol.asyncIterator]();
    let manifest: BackupManifest | null = null;
    let end: BackupEnd | null = null;
    const counts: Record<string, number> = {};
    const hashes = new Map<string, ReturnType<typeof createHash>>();
    let batch: Record<string, unknown>[] = [];
    let batchTable = '';
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      // The table comes from the backup, checked against this database's tables.
      // Rows a trigger already made while earlier tables were restored (the read-scope counters) give
      // way to the backup's: an upsert on the primary key. The audit table is only ever inserted into.
      const pk = target.get(batchTable)?.primaryKey ?? [];
      const cols = Object.keys(batch[0] ?? {}).filter((c) => !pk.includes(c));
      const insert = trx.insertInto(batchTable as keyof Database).values(batch as never);
      if (batchTable === 'audit_events' || pk.length === 0) await insert.execute();
      else
        await insert
          .onConflict((oc) =>
            cols.length === 0
              ? oc.columns(pk as never).doNothing()
              : oc
                  .columns(pk as never)
                  .doUpdateSet(Object.fromEntries(cols.map((c) => [c, sql.ref(`excluded.${c}`)])) as never),
          )
          .execute();
      batch = [];
      batchBytes = 0;
    };
    for await (const line of { [Symbol.asyncIterator]: () => iterator }) {
      if (line === '') continue;
      const item = JSON.parse(line) as { t?: string; r?: Record<string, unknown>; kind?: string };
      if (!manifest) {
        const m = item as unknown as BackupManifest;
        if (m.kind !== BACKUP_FORMAT || m.version !== BACKUP_VERSION)
          throw new AppError('INVALID_INPUT', '不是蓝天备份文件（或格式版本不受支持）');
        const unknown = m.migrations.filter((n) => !(n in MIGRATIONS));
        if (unknown.length > 0)
          throw new AppError(
            'INVALID_INPUT',
            `备份来自更新版本的蓝天（未知迁移：${unknown.join(', ')}），请先升级`,
          );
        const missing = m.tables.filter((t) => !target.has(t));
        if (missing.length > 0)
          throw new AppError('INVALID_INPUT', `备份中的表在本库不存在：${missing.join(', ')}`);
        manifest = m;
        // What migrations seeded (counters, markers) gives way to the backup's rows; audit_events is empty.
        for (const t of [...m.tables].reverse())
          if (t !== 'audit_events') await sql`delete from ${sql.table(t)}`.execute(trx);
        continue;
      }
      if (item.kind === 'end') {
        end = item as unknown as BackupEnd;
        break;
      }
      const { t, r } = item;
      if (!t || !r || !manifest.tables.includes(t))
        throw new AppError('INVALID_INPUT', `备份文件中有无法识别的行`);
      if (t !== batchTable || batch.length >= BATCH_ROWS || batchBytes > BATCH_BYTES) {
        await flush();
        batchTable = t;
      }
      let h = hashes.get(t);
      if (!h) {
        h = createHash('sha256');
        hashes.set(t, h);
      }
      h.update(`${JSON.stringify(r)}\n`);
      counts[t] = (counts[t] ?? 0) + 1;
      batch.push(decodeRow(r));
      batchBytes += line.length;
    }
    await flush();
    if (!manifest || !end) throw new AppError('INVALID_INPUT', '备份文件不完整（缺少结尾的校验行）');
    for (const t of manifest.tables) {
      const want = end.counts[t] ?? 0;
      const got = counts[t] ?? 0;
      const sum = (hashes.get(t) ?? createHash('sha256')).digest('hex');
      if (got !== want || (want > 0 && sum !== end.sha256[t]))
        throw new AppError('INVALID_INPUT', `备份文件中 ${t} 表的行数或校验和不符（文件损坏或被改动）`);
    }
    return {
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      counts,
      sourceDialect: manifest.sourceDialect,
      createdAt: manifest.createdAt,
    };
  });
  await transaction(ctx, (trx) =>
    audit(ctx, trx, actor, {
      action: 'backup.restore',
      objectType: 'backup',
      detail: { rows: result.rows, sourceDialect: result.sourceDialect, createdAt: result.createdAt },
    }),
  );
  await writeCheckpoint(ctx);
  return result;
}
