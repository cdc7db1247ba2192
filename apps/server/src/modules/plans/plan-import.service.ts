/** Importing a plan document as a draft: parse it, then store everything in one transaction. */
import { createHash, randomUUID } from 'node:crypto';
import { type Plan, PlanParseError, parsePlan } from '@lantian/core';
import { MINUTE } from '../../clock.ts';
import { type AppContext, audit, type Trx, transaction } from '../../context.ts';
import type { MeasuresTable, MeasureUnitsTable, MilestonesTable, TargetsTable } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../audit/actor.ts';
import { readDirectory } from '../directory/directory.service.ts';
import { insertMany, recentImportsBy } from './plans.repository.ts';

export interface PlanDocumentInput {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Formats that are not a plan table, recognised by their first bytes. */
const REFUSED_MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'Office/zip 文件（xlsx、docx、xlsm、docm 等）' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: '旧版 Office 文件（xls、doc）' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文件' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74], what: 'RTF 文件' },
];
const ALLOWED_EXTENSIONS = ['', 'txt', 'tsv', 'tab', 'csv'];

/** Refuse what is plainly not a text table, before parsing: by content first, then by name. */
export function checkPlanDocument(doc: PlanDocumentInput, maxBytes: number): void {
  if (doc.bytes.length === 0) throw new AppError('INVALID_INPUT', `文件“${doc.fileName}”是空的`);
  if (doc.bytes.length > maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件“${doc.fileName}”超过 ${Math.floor(maxBytes / 1024)} KB 的上限`,
    );
  }
  for (const m of REFUSED_MAGIC) {
    if (m.bytes.every((b, i) => doc.bytes[i] === b)) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `文件“${doc.fileName}”是${m.what}，请把计划表格另存为文本（制表符分隔或 CSV）后再导入`,
      );
    }
  }
  const dot = doc.fileName.lastIndexOf('.');
  const ext = dot >= 0 ? doc.fileName.slice(dot + 1).toLowerCase() : '';
  if (!ALLOWED_EXTENSIONS.includes(ext)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `不支持 .${ext} 文件：请导入 .txt、.tsv 或 .csv 格式的计划表格`,
    );
  }
}

/** Parse a document with the directory as stored now (units created in earlier reviews included). */
export async function parseDocument(ctx: AppContext, bytes: Uint8Array, year?: number): Promise<Plan> {
  const { directory } = await readDirectory(ctx.db.kysely);
  try {
    return parsePlan(bytes, { year, directory });
  } catch (e) {
    if (e instanceof PlanParseError) {
      throw new AppError('PLAN_PARSE_FAILED', `无法读取计划表格：${e.message}`, {
        code: e.code,
        line: e.line ?? null,
      });
    }
    throw e;
  }
}

/** Upload or CLI: check, parse and store as a draft. All or nothing. */
export async function importPlanDocument(
  ctx: AppContext,
  actor: Actor,
  doc: PlanDocumentInput,
  opts: { year?: number } = {},
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
  const plan = await parseDocument(ctx, doc.bytes, opts.year);
  return transaction(ctx, (trx) => storeDraftPlan(ctx, trx, actor, plan, doc));
}

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
  const { unitIds, groupIds } = await readDirectory(trx);
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
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
