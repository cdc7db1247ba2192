/** Measured data (issue 9): areas, indicators, values, rankings. */
import { z } from 'zod';
import { FieldText, Id } from './common.ts';

export const AreaLevel = z.enum(['district', 'street']);
export type AreaLevel = z.infer<typeof AreaLevel>;
export const Resolution = z.enum(['day', 'half_month', 'month', 'quarter', 'year']);
export const Better = z.enum(['lower', 'higher']);
export const Aggregate = z.enum(['mean', 'sum']);
export const RankBy = z.enum(['value', 'yoy']);

/** `2022`, `2022-Q3`, `2022-10`, `2022-10-H1`, `2022-10-15`. */
export const PeriodText = z
  .string()
  .trim()
  .regex(
    /^\d{4}(-Q[1-4]|-\d{2}(-H[12]|-\d{2})?)?$/i,
    '期间格式：2022、2022-Q3、2022-10、2022-10-H1、2022-10-15',
  );

export const Area = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: AreaLevel,
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type Area = z.infer<typeof Area>;
export const AreasResponse = z.object({ areas: z.array(Area) });
export type AreasResponse = z.infer<typeof AreasResponse>;
export const AreaImportResponse = z.object({ created: z.number().int(), updated: z.number().int() });
export type AreaImportResponse = z.infer<typeof AreaImportResponse>;

export const IndicatorInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/, 'code：字母开头，字母、数字、_ . -，最多 40 个字符'),
  name: FieldText.trim().min(1).max(100),
  unit: FieldText.trim().min(1).max(30),
  better: Better,
  resolution: Resolution,
  decimals: z.number().int().min(0).max(6).default(0),
  levels: z.array(AreaLevel).min(1).max(2).default(['district']),
  aggregate: Aggregate.default('mean'),
});
export type IndicatorInput = z.input<typeof IndicatorInput>;

/**
 * What the office may change of an indicator (PATCH): not its code (keys, files and scripts name it) nor its
 * resolution (its values are kept per period of that resolution). A level is removed only while it holds no values.
 */
export const IndicatorUpdate = z
  .strictObject({
    name: FieldText.trim().min(1).max(100).optional(),
    unit: FieldText.trim().min(1).max(30).optional(),
    better: Better.optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    levels: z.array(AreaLevel).min(1).max(2).optional(),
    aggregate: Aggregate.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '至少修改一项' });
export type IndicatorUpdate = z.infer<typeof IndicatorUpdate>;

export const Goal = z.object({
  area: z.string().nullable(),
  areaId: z.string().nullable(),
  period: z.string(),
  value: z.number(),
});
export const Indicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  better: Better,
  resolution: Resolution,
  decimals: z.number().int(),
  levels: z.array(AreaLevel),
  aggregate: Aggregate,
  goals: z.array(Goal),
});
export type Indicator = z.infer<typeof Indicator>;
export const IndicatorsResponse = z.object({ indicators: z.array(Indicator) });
export type IndicatorsResponse = z.infer<typeof IndicatorsResponse>;
export const IndicatorParams = z.strictObject({ code: FieldText.min(1).max(40) });

/** Goals replace the indicator's goals for the periods named. `area` null: every area. */
export const GoalsRequest = z.strictObject({
  goals: z
    .array(
      z.strictObject({
        area: FieldText.trim().min(1).max(100).nullable(),
        period: PeriodText,
        value: z.number(),
      }),
    )
    .max(2000),
});
export type GoalsRequest = z.infer<typeof GoalsRequest>;

export const RejectedRow = z.object({
  line: z.number().int(),
  cell: z.string().optional(),
  message: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;
/** What an import did; with any rejected row, nothing was written. */
export const ValueImportResponse = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(RejectedRow),
});
export type ValueImportResponse = z.infer<typeof ValueImportResponse>;

/** A monitoring system's push (API key with `values:write`). `value` null: 数据不足. */
export const ValuePushRequest = z.strictObject({
  indicator: FieldText.min(1).max(40),
  source: FieldText.trim().min(1).max(200).optional(),
  values: z
    .array(
      z.strictObject({
        area: FieldText.trim().min(1).max(100),
        district: FieldText.trim().min(1).max(100).optional(),
        period: PeriodText,
        value: z.number().finite().nullable(),
      }),
    )
    .min(1)
    .max(5000),
});
export type ValuePushRequest = z.infer<typeof ValuePushRequest>;

export const ValueHistoryEntry = z.object({
  value: z.number().nullable(),
  source: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  replacedAt: z.string().nullable(),
});
export const SeriesPoint = z.object({
  period: z.string(),
  value: z.number().nullable(),
  /** Its rank among its level that period (null without data). */
  rank: z.number().int().nullable(),
  of: z.number().int(),
  goal: z.number().nullable(),
  history: z.array(ValueHistoryEntry),
});
export const AreaSeriesQuery = z.strictObject({
  indicator: FieldText.min(1).max(40),
  area: Id,
  year: z.coerce.number().int().min(1900).max(2999),
});
export const AreaSeriesResponse = z.object({
  indicator: z.string(),
  area: z.string(),
  unit: z.string(),
  points: z.array(SeriesPoint),
});
export type AreaSeriesResponse = z.infer<typeof AreaSeriesResponse>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const RankingQuery = z.strictObject({
  indicator: FieldText.min(1).max(40),
  period: PeriodText,
  level: AreaLevel,
  /** A district (id, code or name): its streets only. */
  within: FieldText.min(1).max(100).optional(),
  by: RankBy.default('value'),
  cumulative: flag.default(false),
});
export type RankingQuery = z.input<typeof RankingQuery>;

export const RankingRow = z.object({
  rank: z.number().int(),
  area: z.string(),
  unit: z.string().nullable(),
  value: z.number(),
  previous: z.number().nullable(),
  yoyPercent: z.number().nullable(),
  areaId: z.string(),
  code: z.string(),
  district: z.string().nullable(),
});
export type RankingRow = z.infer<typeof RankingRow>;
export const Ranking = z.object({
  indicator: z.string(),
  period: z.string(),
  level: AreaLevel,
  by: RankBy,
  cumulative: z.boolean(),
  within: z.string().nullable(),
  rows: z.array(RankingRow),
  noData: z.array(z.string()),
});
export type Ranking = z.infer<typeof Ranking>;

export const RankingDifference = z.object({
  area: z.string(),
  publishedRank: z.number().int().nullable(),
  rank: z.number().int().nullable(),
  publishedValue: z.number().nullable(),
  value: z.number().nullable(),
});
export type RankingDifference = z.infer<typeof RankingDifference>;
export const PublishedRanking = z.object({
  id: z.string(),
  edition: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  note: z.string().nullable(),
  ranking: Ranking,
});
export type PublishedRanking = z.infer<typeof PublishedRanking>;
/** The live ranking, its publications, and how the latest one differs from today's data. */
export const RankingResponse = Ranking.extend({
  published: z.array(PublishedRanking.omit({ ranking: true })),
  differences: z.array(RankingDifference),
  /** For a district unit: its own districts' rows (the page highlights them). */
  ownAreaIds: z.array(z.string()),
});
export type RankingResponse = z.infer<typeof RankingResponse>;

export const PublishRankingRequest = z.strictObject({
  indicator: FieldText.min(1).max(40),
  period: PeriodText,
  level: AreaLevel,
  within: FieldText.min(1).max(100).optional(),
  by: RankBy.default('value'),
  cumulative: z.boolean().default(false),
  note: FieldText.trim().max(500).optional(),
});
export type PublishRankingRequest = z.input<typeof PublishRankingRequest>;
export const PublishedRankingParams = z.strictObject({ rankingId: Id });

/** Each district's best and worst streets (the half-monthly bulletin's table). */
export const DistrictExtremesResponse = z.object({
  indicator: z.string(),
  period: z.string(),
  cumulative: z.boolean(),
  districts: z.array(
    z.object({
      district: z.string(),
      districtId: z.string(),
      best: z.array(RankingRow),
      worst: z.array(RankingRow),
    }),
  ),
});
export type DistrictExtremesResponse = z.infer<typeof DistrictExtremesResponse>;
export const DistrictExtremesQuery = z.strictObject({
  indicator: FieldText.min(1).max(40),
  period: PeriodText,
  cumulative: flag.default(false),
  n: z.coerce.number().int().min(1).max(10).default(3),
});
