/** Documents out (issue 11): the monthly bulletin (通报) and the printable 督办单. */
import { z } from 'zod';
import { CaseState } from './cases.ts';
import { FieldText, Id, IsoDate, IsoDateTime } from './common.ts';
import { Ranking } from './monitoring.ts';
import { NoticeLevel, NoticeState } from './notices.ts';
import { LightCounts } from './supervision-common.ts';

/** The sections of a bulletin the office switches on and off. */
export const BULLETIN_SECTIONS = [
  'progress',
  'units',
  'items',
  'notices',
  'extensions',
  'closures',
  'rankings',
  'cases',
] as const;
export const BulletinSection = z.enum(BULLETIN_SECTIONS);
export type BulletinSection = z.infer<typeof BulletinSection>;

/** A bulletin's month: `YYYY-MM`. */
export const BulletinPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM，如 2022-06');

export const BulletinParams = z.strictObject({ planId: Id });
export const BulletinQuery = z.strictObject({ period: BulletinPeriod });
export type BulletinQuery = z.infer<typeof BulletinQuery>;

/** What the office edits: 文号, the opening and closing paragraphs, the sections switched off. */
export const BulletinTexts = z.object({
  docNo: z.string(),
  opening: z.string(),
  closing: z.string(),
  sectionsOff: z.array(BulletinSection),
  /** 0 while nothing was saved; send it back with the change (a newer save is a 409). */
  version: z.number().int(),
  updatedAt: IsoDateTime.nullable(),
  updatedBy: z.string().nullable(),
});
export type BulletinTexts = z.infer<typeof BulletinTexts>;

export const BulletinTextsRequest = z.strictObject({
  version: z.number().int().min(0),
  docNo: FieldText.trim().max(60),
  opening: FieldText.max(4000),
  closing: FieldText.max(4000),
  sectionsOff: z.array(BulletinSection).max(BULLETIN_SECTIONS.length),
});
export type BulletinTextsRequest = z.infer<typeof BulletinTextsRequest>;

export const BulletinUnitRow = z.object({
  /** Competition rank (1, 2, 2, 4): by the share on time, then fewer overdue, fewer reports missing. */
  rank: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  assignments: z.number().int(),
  /** Green: on schedule. */
  onTime: z.number().int(),
  /** Yellow: behind or due soon. */
  behind: z.number().int(),
  /** Red: overdue. */
  overdue: z.number().int(),
  /** Closed (销号). */
  closed: z.number().int(),
  /** Progress reports owed and not delivered as of the bulletin's day. */
  reportsMissing: z.number().int(),
});
export type BulletinUnitRow = z.infer<typeof BulletinUnitRow>;

/** A red or yellow item, folded: one line per measure and unit, its reasons worded. */
export const BulletinItem = z.object({
  measure: z.string(),
  measureText: z.string(),
  unitName: z.string(),
  light: z.enum(['red', 'yellow']),
  reasons: z.array(z.string()),
});
export type BulletinItem = z.infer<typeof BulletinItem>;

export const BulletinNotice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  unitName: z.string(),
  level: NoticeLevel,
  measures: z.array(z.string()),
  issuedOn: IsoDate,
  replyDue: IsoDate,
  state: NoticeState,
  /** The first reply within the period, if any. */
  answeredOn: IsoDate.nullable(),
  /** Issued within the period (otherwise only answered in it). */
  issuedInPeriod: z.boolean(),
});

export const BulletinExtension = z.object({
  measure: z.string(),
  unitName: z.string(),
  subject: z.string(),
  originalDue: IsoDate,
  newDue: IsoDate,
  decidedOn: IsoDate,
});

export const BulletinClosure = z.object({
  measure: z.string(),
  unitName: z.string(),
  closedOn: IsoDate,
});

export const BulletinRanking = z.object({
  indicatorName: z.string(),
  indicatorUnit: z.string(),
  edition: z.number().int(),
  ranking: Ranking,
});

/**
 * The month's problem cases (问题案件), of every unit: the cases received in the month with their state
 * as of the bulletin's day (from the case timeline), counted by state and by district; the cases overdue
 * on that day whenever received, named; the month's cases linked to an earlier one at the same place.
 */
export const BulletinCases = z.object({
  received: z.number().int(),
  /** Of the month's cases: closed (已销号) as of the day. */
  closed: z.number().int(),
  /** Of the month's cases: neither closed nor voided as of the day. */
  open: z.number().int(),
  byState: z.array(z.object({ state: CaseState, name: z.string(), count: z.number().int() })),
  byDistrict: z.array(
    z.object({
      district: z.string(),
      received: z.number().int(),
      closed: z.number().int(),
      /** Overdue as of the day, whenever received. */
      overdue: z.number().int(),
    }),
  ),
  overdue: z.array(
    z.object({
      number: z.string(),
      unitName: z.string(),
      categoryName: z.string(),
      district: z.string(),
      address: z.string(),
      dueOn: IsoDate,
      daysOverdue: z.number().int(),
    }),
  ),
  repeats: z.array(
    z.object({
      number: z.string(),
      earlierNumber: z.string(),
      /** `repeat`: the earlier case was closed; `duplicate`: it was still open. */
      kind: z.enum(['repeat', 'duplicate']),
      categoryName: z.string(),
      district: z.string(),
      address: z.string(),
    }),
  ),
});
export type BulletinCases = z.infer<typeof BulletinCases>;

export const BulletinResponse = z.object({
  planId: z.string(),
  planTitle: z.string(),
  period: z.string(),
  /** The day the facts are taken at: the month's last day, or today for the month under way. */
  asOf: IsoDate,
  texts: BulletinTexts,
  progress: z.object({
    counts: LightCounts,
    sections: z.array(z.object({ ordinal: z.string(), title: z.string(), counts: LightCounts })),
  }),
  units: z.array(BulletinUnitRow),
  items: z.array(BulletinItem),
  notices: z.array(BulletinNotice),
  extensions: z.array(BulletinExtension),
  closures: z.array(BulletinClosure),
  rankings: z.array(BulletinRanking),
  cases: BulletinCases,
});
export type BulletinResponse = z.infer<typeof BulletinResponse>;
