/**
 * The plan parse, run in a worker thread (piscina) so a large document never holds up the event loop.
 * Takes and returns plain data only: a PlanParseError comes back as `{ error }`, never as a throw.
 */
import type { ColumnChoice, Plan, UnitDirectory } from '@lantian/core';
import { PlanParseError } from '@lantian/core';
import { parsePlanFile } from '@lantian/intake';

export interface ParseJob {
  bytes: Uint8Array;
  fileName: string;
  year?: number;
  columns?: ColumnChoice;
  directory: UnitDirectory;
}

export type ParseOutcome =
  | { plan: Plan }
  | { error: { code: PlanParseError['code']; message: string; line: number | null } };

export async function parseJob(job: ParseJob): Promise<ParseOutcome> {
  try {
    const plan = await parsePlanFile(job.bytes, {
      fileName: job.fileName,
      year: job.year,
      columns: job.columns,
      directory: job.directory,
    });
    return { plan };
  } catch (e) {
    if (e instanceof PlanParseError)
      return { error: { code: e.code, message: e.message, line: e.line ?? null } };
    throw e;
  }
}

export default parseJob;
