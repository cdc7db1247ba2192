/** What an exportable list is: its policy action, title, filter in words, columns and every row in batches. */
import type { EXPORT_QUERIES, ExportList } from '@lantian/contract';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { Action } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { SheetColumn } from './xlsx-writer.ts';

export type ExportQueryOf<L extends ExportList> = z.infer<(typeof EXPORT_QUERIES)[L]>;

export interface ListExport<L extends ExportList, R> {
  list: L;
  /** The list's own action: whoever may list it may export it, and sees in the file what the list shows them. */
  action: Action;
  title: string;
  /**
   * The filter as `name=value` pairs with human names (plan titles, unit names). Runs before anything is
   * sent, so a plan the caller may not see is a 404 and bad input a 400, not a broken download.
   */
  filters(ctx: AppContext, user: Principal, q: ExportQueryOf<L>): Promise<[string, string][]>;
  columns: SheetColumn<R>[];
  /** The columns when they depend on the query (the matrix: a column per task of the plan). */
  columnsFor?: (ctx: AppContext, user: Principal, q: ExportQueryOf<L>) => Promise<SheetColumn<R>[]>;
  /** Every matching row, a page at a time, through the list's own query. */
  rows(ctx: AppContext, user: Principal, q: ExportQueryOf<L>): AsyncIterable<readonly R[]>;
}

export function defineExport<L extends ExportList, R>(def: ListExport<L, R>): ListExport<L, R> {
  return def;
}

/** Push a filter pair when its value is set. */
export function pair(out: [string, string][], name: string, value: string | undefined | null): void {
  if (value !== undefined && value !== null && value !== '') out.push([name, value]);
}
