/**
 * @lantian/intake: plan documents in any container to the one SourceDocument the plan parser reads.
 *
 * The contract the server, the CLI and the web import share:
 * - `sniffFormat(bytes, fileName)` says what a file is (by its bytes first, its name second), or
 *   throws PlanParseError with a refusal code (legacy .doc/.xls/.wps, macro formats, encrypted files…);
 * - `readPlanSource(bytes, options)` opens the container within limits and returns what `parsePlan`
 *   takes: the bytes themselves for text (TSV/CSV/pasted), a SourceDocument for .docx/.xlsx/.html/.pdf;
 * - `parsePlanFile(bytes, options)` does both and parses.
 * Every refusal is a PlanParseError (code, message in Chinese saying what and where), never another throw.
 */
export type { SourceCell, SourceDocument, SourceFormat, SourceRow, SourceTable } from '@lantian/core';
export { DEFAULT_LIMITS, type IntakeLimits } from './limits.ts';
export { parsePlanFile, type ReadOptions, readPlanSource, sniffFormat } from './read.ts';
export { isZipHead, readZip, type ZipRead, type ZipReadOptions } from './zip.ts';
