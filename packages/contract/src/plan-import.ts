/** The import wizard: column mapping, preview without storing, duplicates and new versions. */
import { COLUMN_ROLES } from '@lantian/core';
import { z } from 'zod';
import { Id } from './common.ts';
import { ParseWarning } from './plan-parts.ts';

/** What a column holds: @lantian/core's COLUMN_ROLES. */
export const ColumnRole = z.enum(COLUMN_ROLES);
export type ColumnRole = z.infer<typeof ColumnRole>;

/** A supervisor's roles by header text, sent as the multipart field `columns` (JSON). */
export const ColumnChoice = z
  .record(z.string().trim().min(1).max(200), ColumnRole)
  .refine((c) => Object.keys(c).length <= 60, { message: '最多 60 列' });
export type ColumnChoice = z.infer<typeof ColumnChoice>;

export const ImportColumn = z.object({
  header: z.string(),
  role: ColumnRole,
  /** 0–1; under 0.6 the wizard marks it for a look. */
  confidence: z.number(),
  samples: z.array(z.string()),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

/** An existing plan the document duplicates: same file bytes, or same title and year. */
export const DuplicatePlan = z.object({
  match: z.enum(['same_file', 'title_year']),
  plan: z.object({
    id: z.string(),
    title: z.string(),
    year: z.number().int(),
    status: z.enum(['draft', 'published', 'archived']),
  }),
});
export type DuplicatePlan = z.infer<typeof DuplicatePlan>;

export const ImportPreviewQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

export const ImportPreviewResponse = z.object({
  title: z.string(),
  year: z.number().int(),
  /** The container the table came from (text, docx, xlsx, html, pdf). */
  format: z.string(),
  columns: z.array(ImportColumn),
  /** The roles used came from a mapping remembered for this header (not from the request). */
  remembered: z.boolean(),
  tasks: z.number().int(),
  measures: z.number().int(),
  /** The first measures as the mapping reads them. */
  sampleRows: z.array(
    z.object({
      no: z.string(),
      task: z.string(),
      text: z.string(),
      deadline: z.string(),
      lead: z.array(z.string()),
      responsible: z.array(z.string()),
      assisting: z.array(z.string()),
    }),
  ),
  warnings: z.array(ParseWarning),
  duplicate: DuplicatePlan.nullable(),
});
export type ImportPreviewResponse = z.infer<typeof ImportPreviewResponse>;

export const ImportPlanQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  /** Import as a new version of this plan: publishing the draft archives it. */
  asNewVersionOf: Id.optional(),
});
