/** Caps applied while opening a container: a file that would exceed one is refused, not half-read. */
export interface IntakeLimits {
  /** The file itself, in bytes. */
  maxFileBytes: number;
  /** The sum of every zip entry's real inflated size, counted while inflating (not the size the zip claims). */
  maxInflatedBytes: number;
  /** Entries in one zip. */
  maxEntries: number;
  /** Table cells read from one document, all tables together. */
  maxCells: number;
  /** PDF pages read. */
  maxPages: number;
}

export const DEFAULT_LIMITS: IntakeLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxInflatedBytes: 96 * 1024 * 1024,
  maxEntries: 2_000,
  maxCells: 400_000,
  maxPages: 500,
};
