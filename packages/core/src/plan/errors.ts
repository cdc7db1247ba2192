/** Why a file could not be read as a plan table. */
export type PlanParseErrorCode =
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'ENCODING_UNKNOWN'
  | 'TOO_LARGE'
  | 'NOT_A_PLAN_TABLE'
  | 'MISSING_COLUMN'
  | 'NO_MEASURES'
  | 'YEAR_UNKNOWN'
  /** Container refusals (@lantian/intake): a format we do not open, or a file that breaks a limit. */
  | 'LEGACY_FORMAT'
  | 'MACRO_FORMAT'
  | 'ENCRYPTED_FILE'
  | 'SCANNED_PDF'
  | 'UNSUPPORTED_FORMAT'
  | 'CONTAINER_LIMIT'
  | 'XML_REFUSED'
  | 'CORRUPT_FILE';

/** A file that is not a plan table: says why and where (1-based line, when there is one). */
export class PlanParseError extends Error {
  override readonly name = 'PlanParseError';
  constructor(
    readonly code: PlanParseErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(line ? `第 ${line} 行：${message}` : message);
  }
}
