/** The import wizard's preview: parse without storing, and show how the columns were read. */
import { createHash } from 'node:crypto';
import type { ImportPreviewResponse } from '@lantian/contract';
import type { AppContext } from '../../context.ts';
import {
  checkPlanDocument,
  type PlanDocumentInput,
  type ReadPlanOptions,
  readPlanDocument,
} from './plan-import.service.ts';
import { findDuplicate } from './plan-versions.service.ts';

const SAMPLE_ROWS = 5;

export async function previewPlanDocument(
  ctx: AppContext,
  doc: PlanDocumentInput,
  opts: ReadPlanOptions,
): Promise<ImportPreviewResponse> {
  checkPlanDocument(doc, ctx.config.uploadMaxBytes);
  const { plan, remembered } = await readPlanDocument(ctx, doc, opts);
  const taskName = new Map(plan.tasks.map((t) => [t.no, t.name]));
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
  return {
    title: plan.title,
    year: plan.year,
    format: plan.source.format,
    columns: plan.columns.map((c) => ({
      header: c.header,
      role: c.role,
      confidence: c.confidence,
      samples: (c.samples ?? []).slice(0, 3),
    })),
    remembered,
    tasks: plan.tasks.length,
    measures: plan.measures.length,
    sampleRows: plan.measures.slice(0, SAMPLE_ROWS).map((m) => ({
      no: `${m.task}.${m.seq}`,
      task: taskName.get(m.task) ?? '',
      text: m.text,
      deadline: m.deadline.raw,
      lead: m.lead,
      responsible: m.responsible,
      assisting: m.assisting,
    })),
    warnings: plan.warnings,
    duplicate: await findDuplicate(ctx.db.kysely, { sha256, title: plan.title, year: plan.year }),
  };
}
