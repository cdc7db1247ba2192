/**
 * The plan parse, run in a worker thread (piscina) so a large document never holds up the event loop.
 * Takes and returns plain data only: a PlanParseError comes back as `{ error }`, never as a throw.
 * Asked to `pack`, it returns the plan as JSON text, a measure a line: a structured clone of
 * the object graph of 6,000 measures took the main thread a few hundred milliseconds to read back in one
 * go; a string copies at once, and the main thread parses the measures a slice at a time (`plan-packed.ts`).
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
  /** Return the plan packed as JSON text (from the worker), not as an object. */
  pack?: boolean;
}

/**
 * A plan as JSON text: everything but the measures, and the measures one JSON text a line (JSON text has
 * no raw line break; one string copies between threads at once, 6,000 of them took tens of milliseconds).
 */
export interface PackedPlan {
  head: string;
  measures: string;
  count: number;
}

export type ParseOutcome =
  | { plan: Plan }
  | { packed: PackedPlan }
  | { error: { code: PlanParseError['code']; message: string; line: number | null } };

export async function parseJob(job: ParseJob): Promise<ParseOutcome> {
  try {
    const plan = await parsePlanFile(job.bytes, {
      fileName: job.fileName,
      year: job.year,
      columns: job.columns,
      directory: job.directory,
    });
    if (!job.pack) return { plan };
    const { measures, ...head } = plan;
    const lines = measures.map((m) => JSON.stringify(m)).join('\n');
    return { packed: { head: JSON.stringify(head), measures: lines, count: measures.length } };
  } catch (e) {
    if (e instanceof PlanParseError)
      return { error: { code: e.code, message: e.message, line: e.line ?? null } };
    throw e;
  }
}

export default parseJob;
