import type { UnitDirectory } from '../directory/model.ts';
import { PlanParseError } from './errors.ts';
import type { Plan } from './model.ts';

export interface ParsePlanOptions {
  /** The plan year when the title does not say (`--year`); overrides the title. */
  year?: number;
  /** Unit directory to resolve names against (default: the bundled Beijing directory). */
  directory?: UnitDirectory;
}

/**
 * Read a plan table (TSV/CSV text, UTF-8 with or without BOM, or GB18030/GBK bytes) into a Plan.
 * Throws PlanParseError (with a code, a message and a line) when the input is not a plan table;
 * never throws anything else.
 */
export function parsePlan(input: Uint8Array | string, options: ParsePlanOptions = {}): Plan {
  void input;
  void options;
  throw new PlanParseError('NOT_A_PLAN_TABLE', 'parser under construction');
}
