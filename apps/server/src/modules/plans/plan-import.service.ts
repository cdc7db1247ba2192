/** Importing a plan document as a draft: parse it off the event loop, then write it in steps (plan-draft-writer.ts). */
import { createHash } from 'node:crypto';
import type { ColumnChoice, Plan, PlanParseErrorCode } from '@lantian/core';
import { sql } from 'kysely';
import { MINUTE } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { readDirectory } from '../directory/directory.service.ts';
import { headersOf, rememberColumns, rememberedColumns } from './plan-columns.service.ts';
import { sweepAbandonedImports, writeDraft } from './plan-draft-writer.ts';
import { runParse } from './plan-parse.pool.ts';
import { checkReplaceable, duplicateError, findDuplicate, recordVersion } from './plan-versions.service.ts';
import { recentImportsBy } from './plans.repository.ts';

export interface PlanDocumentInput {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Refuse what cannot be a plan document before parsing: empty or over the upload limit. */
export function checkPlanDocument(doc: PlanDocumentInput, maxBytes: number): void {
  if (doc.bytes.length === 0) throw new AppError('INVALID_INPUT', `文件“${doc.fileName}”是空的`);
  if (doc.bytes.length > maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件“${doc.fileName}”超过 ${Math.floor(maxBytes / 1024)} KB 的上限`,
    );
  }
}

/** Parse refusals that are about the file, not its table: a format we do not open, or a limit. */
const REFUSAL_STATUS: Partial<Record<PlanParseErrorCode, 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE'>> = {
  LEGACY_FORMAT: 'UNSUPPORTED_MEDIA_TYPE',
  MACRO_FORMAT: 'UNSUPPORTED_MEDIA_TYPE',
  ENCRYPTED_FILE: 'UNSUPPORTED_MEDIA_TYPE',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  CONTAINER_LIMIT: 'PAYLOAD_TOO_LARGE',
};

export interface ReadPlanOptions {
  year?: number;
  /** Roles the supervisor chose, by header; without them a mapping remembered for the header applies. */
  columns?: ColumnChoice;
}

export interface ReadPlan {
  plan: Plan;
  /** The plan as JSON text, when the parse worker made it (saves serialising it again on the main thread). */
  json?: string;
  /** The roles came from a mapping remembered for this header. */
  remembered: boolean;
}

/**
 * Parse a document of any format (through @lantian/intake, off the event loop) with the directory as
 * stored now (units created in earlier reviews included); a remembered mapping applies when no
 * columns are given.
 */
export async function readPlanDocument(
  ctx: AppContext,
  doc: PlanDocumentInput,
  opts: ReadPlanOptions = {},
): Promise<ReadPlan> {
  const { directory } = await readDirectory(ctx.db.kysely);
  const parse = async (columns?: ColumnChoice) => {
    const out = await runParse({
      bytes: doc.bytes,
      fileName: doc.fileName,
      year: opts.year,
      columns,
      directory,
    });
    if ('error' in out) {
      const { code, message, line } = out.error;
      const refused = REFUSAL_STATUS[code];
      throw new AppError(refused ?? 'PLAN_PARSE_FAILED', refused ? message : `无法读取计划表格：${message}`, {
        code,
        file: doc.fileName,
        line,
      });
    }
    return { plan: out.plan, ...(out.json !== undefined ? { json: out.json } : {}) };
  };
  if (opts.columns) return { ...(await parse(opts.columns)), remembered: false };
  const first = await parse();
  const remembered = await rememberedColumns(ctx.db.kysely, headersOf(first.plan));
  if (!remembered) return { ...first, remembered: false };
  return { ...(await parse(remembered)), remembered: true };
}

export interface ImportOptions extends ReadPlanOptions {
  /** Import as a new version of this plan (the answer to DUPLICATE_PLAN). */
  asNewVersionOf?: string;
}

/** Upload or CLI: check, parse and store as a draft. All or nothing. */
export async function importPlanDocument(
  ctx: AppContext,
  actor: Actor,
  doc: PlanDocumentInput,
  opts: ImportOptions = {},
): Promise<string> {
  checkPlanDocument(doc, ctx.config.uploadMaxBytes);
  if (actor.userId) {
    const since = new Date(ctx.clock.now().getTime() - 10 * MINUTE).toISOString();
    if (
      (await recentImportsBy(ctx.db.kysely, actor.userId, since)) >= ctx.config.security.importsPerTenMinutes
    ) {
      throw new AppError('RATE_LIMITED', '导入过于频繁，请稍后再试');
    }
  }
  const { plan, json } = await readPlanDocument(ctx, doc, opts);
  const sha256 = sha256Of(doc.bytes);
  if (opts.asNewVersionOf) await checkReplaceable(ctx.db.kysely, opts.asNewVersionOf);
  else {
    const dup = await findDuplicate(ctx.db.kysely, { sha256, title: plan.title, year: plan.year });
    if (dup) throw duplicateError(dup);
  }
  await sweepAbandonedImports(ctx);
  return writeDraft(
    ctx,
    actor,
    plan,
    { ...doc, sha256, ...(json !== undefined ? { planJson: json } : {}) },
    async (trx, planId) => {
      const now = ctx.clock.now().toISOString();
      if (opts.asNewVersionOf) await recordVersion(trx, planId, opts.asNewVersionOf, now);
      else {
        // Another import of the same document may have finished while this one was written. On
        // PostgreSQL two final steps could each miss the other's uncommitted plan: they take turns.
        if (ctx.db.dialect === 'postgres')
          await sql`select pg_advisory_xact_lock(${IMPORT_FINAL_LOCK_KEY})`.execute(trx);
        const dup = await findDuplicate(trx, { sha256, title: plan.title, year: plan.year });
        if (dup) throw duplicateError(dup);
      }
      if (opts.columns) await rememberColumns(trx, headersOf(plan), opts.columns, actor.userId, now);
    },
  );
}

/** The advisory lock the final steps of imports take in turn (any constant apart from the audit's). */
const IMPORT_FINAL_LOCK_KEY = 7_202_612_04;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
