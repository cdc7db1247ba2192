/** Importing a plan document as a draft: parse it, then store everything in one transaction. */
import { createHash, randomUUID } from 'node:crypto';
import type { ColumnChoice, Plan, PlanParseErrorCode } from '@lantian/core';
import { MINUTE } from '../../clock.ts';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { MeasuresTable, MeasureUnitsTable, MilestonesTable, TargetsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { addPlanGroups, readDirectory } from '../directory/directory.service.ts';
import { headersOf, rememberColumns, rememberedColumns } from './plan-columns.service.ts';
import { runParse } from './plan-parse.pool.ts';
import { checkReplaceable, duplicateError, findDuplicate, recordVersion } from './plan-versions.service.ts';
import { insertMany, recentImportsBy } from './plans.repository.ts';

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
    return out.plan;
  };
  if (opts.columns) return { plan: await parse(opts.columns), remembered: false };
  const plan = await parse();
  const remembered = await rememberedColumns(ctx.db.kysely, headersOf(plan));
  if (!remembered) return { plan, remembered: false };
  return { plan: await parse(remembered), remembered: true };
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
  const { plan } = await readPlanDocument(ctx, doc, opts);
  const sha256 = sha256Of(doc.bytes);
  if (opts.asNewVersionOf) await checkReplaceable(ctx.db.kysely, opts.asNewVersionOf);
  else {
    const dup = await findDuplicate(ctx.db.kysely, { sha256, title: plan.title, year: plan.year });
    if (dup) throw duplicateError(dup);
  }
  return transaction(ctx, async (trx) => {
    const planId = await storeDraftPlan(ctx, trx, actor, plan, doc);
    const now = ctx.clock.now().toISOString();
    if (opts.asNewVersionOf) await recordVersion(trx, planId, opts.asNewVersionOf, now);
    if (opts.columns) await rememberColumns(trx, headersOf(plan), opts.columns, actor.userId, now);
    return planId;
  });
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Check that a parse result can be stored: every measure in a known task, no duplicates. */
function checkPlanShape(plan: Plan): void {
  const taskNos = new Set<number>();
  for (const t of plan.tasks) {
    if (taskNos.has(t.no)) throw new AppError('INVALID_INPUT', `重点任务序号 ${t.no} 重复`);
    taskNos.add(t.no);
  }
  const seen = new Set<string>();
  for (const m of plan.measures) {
    if (!taskNos.has(m.task))
      throw new AppError('INVALID_INPUT', `措施 ${m.task}-${m.seq} 所属的重点任务 ${m.task} 不存在`);
    const key = `${m.task}-${m.seq}`;
    if (seen.has(key)) throw new AppError('INVALID_INPUT', `措施 ${key} 重复`);
    seen.add(key);
  }
  if (plan.measures.length === 0) throw new AppError('INVALID_INPUT', '计划中没有任何工作措施');
}

/** Store a parsed plan as a draft, with its source document, in the caller's transaction. */
export async function storeDraftPlan(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  plan: Plan,
  doc: PlanDocumentInput,
): Promise<string> {
  checkPlanShape(plan);
  const now = ctx.clock.now().toISOString();
  const { unitIds, groupIds: known } = await readDirectory(trx);
  const ownGroups = plan.measures.flatMap((m) =>
    Object.values(m.units ?? {})
      .flat()
      .filter((u) => u.kind === 'group' && !known.has(u.name))
      .map((u) => u.name),
  );
  const groupIds = new Map([...known, ...(await addPlanGroups(ctx, trx, actor, ownGroups))]);
  const sha256 = sha256Of(doc.bytes);
  const documentId = randomUUID();
  const planId = randomUUID();
  await trx
    .insertInto('plan_documents')
    .values({
      id: documentId,
      file_name: doc.fileName.slice(0, 255),
      media_type: doc.mediaType.slice(0, 100),
      size: doc.bytes.length,
      sha256,
      content: Buffer.from(doc.bytes),
      uploaded_by: actor.userId,
      uploaded_at: now,
    })
    .execute();
  await trx
    .insertInto('plans')
    .values({
      id: planId,
      title: plan.title,
      year: plan.year,
      status: 'draft',
      document_id: documentId,
      parse_result: JSON.stringify(plan),
      warnings: JSON.stringify(plan.warnings),
      preamble: JSON.stringify(plan.preamble),
      imported_by: actor.userId,
      imported_at: now,
      published_by: null,
      published_at: null,
      archived_at: null,
      version: 1,
      updated_at: now,
    })
    .execute();

  const sectionIds = new Map<string, string>();
  await insertMany(
    trx,
    'plan_sections',
    plan.sections.map((s, position) => {
      const id = randomUUID();
      sectionIds.set(s.ordinal, id);
      return { id, plan_id: planId, ordinal: s.ordinal, title: s.title, position, line: s.line };
    }),
  );
  const taskIds = new Map<number, string>();
  await insertMany(
    trx,
    'plan_tasks',
    plan.tasks.map((t) => {
      const id = randomUUID();
      taskIds.set(t.no, id);
      return {
        id,
        plan_id: planId,
        section_id: t.section ? (sectionIds.get(t.section) ?? null) : null,
        no: t.no,
        name: t.name,
        lines: JSON.stringify(t.lines),
      };
    }),
  );

  const measureRows: MeasuresTable[] = [];
  const milestoneRows: MilestonesTable[] = [];
  const targetRows: TargetsTable[] = [];
  const mentionRows: MeasureUnitsTable[] = [];
  for (const m of plan.measures) {
    const id = randomUUID();
    const d = m.deadline;
    measureRows.push({
      id,
      plan_id: planId,
      task_id: taskIds.get(m.task) as string,
      task_no: m.task,
      seq: m.seq,
      text: m.text,
      lines: JSON.stringify(m.lines),
      deadline_raw: d.raw,
      deadline_kind: d.kind,
      deadline_due: d.due ?? null,
      deadline_start: d.start ?? null,
      deadline_end: d.end ?? null,
      deadline_recurrence: d.recurrence ?? null,
      deadline_assumed: (d.assumed ? 1 : 0) as 0 | 1,
      lead_et_al: (m.leadEtAl ? 1 : 0) as 0 | 1,
      responsible_et_al: (m.responsibleEtAl ? 1 : 0) as 0 | 1,
      assisting_et_al: (m.assistingEtAl ? 1 : 0) as 0 | 1,
      version: 1,
      updated_at: now,
    });
    m.milestones.forEach((ms, position) => {
      milestoneRows.push({
        id: randomUUID(),
        measure_id: id,
        position,
        due: ms.due,
        raw: ms.raw,
        text: ms.text,
      });
    });
    m.targets.forEach((t, position) => {
      targetRows.push({
        id: randomUUID(),
        measure_id: id,
        position,
        value: t.value,
        unit: t.unit,
        comparison: t.comparison,
        year_on_year: (t.yearOnYear ? 1 : 0) as 0 | 1,
        text: t.text,
      });
    });
    for (const role of ['lead', 'responsible', 'assisting'] as const) {
      (m.units?.[role] ?? []).forEach((u, position) => {
        const unitId = u.kind === 'unit' ? (unitIds.get(u.name) ?? null) : null;
        const groupId = u.kind === 'group' ? (groupIds.get(u.name) ?? null) : null;
        mentionRows.push({
          id: randomUUID(),
          plan_id: planId,
          measure_id: id,
          role,
          position,
          written: u.written,
          name: u.name,
          // A name the parser knew but the stored directory does not is unknown here.
          kind: unitId ? 'unit' : groupId ? 'group' : 'unknown',
          unit_id: unitId,
          group_id: groupId,
          acting_as: u.actingAs ?? null,
        });
      });
    }
  }
  await insertMany(trx, 'measures', measureRows);
  await insertMany(trx, 'milestones', milestoneRows);
  await insertMany(trx, 'targets', targetRows);
  await insertMany(trx, 'measure_units', mentionRows);
  await audit(ctx, trx, actor, {
    action: 'plan.import',
    objectType: 'plan',
    objectId: planId,
    after: { title: plan.title, year: plan.year, status: 'draft' },
    detail: {
      fileName: doc.fileName,
      sha256,
      size: doc.bytes.length,
      tasks: plan.tasks.length,
      measures: plan.measures.length,
      warnings: plan.warnings.length,
    },
  });
  return planId;
}
