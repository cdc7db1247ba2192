import { beijingDirectory } from '../directory/beijing.ts';
import { type DirectoryIndex, indexDirectory } from '../directory/directory.ts';
import type { UnitDirectory } from '../directory/model.ts';
import { decodeText } from '../text/decode.ts';
import type { ColumnChoice } from './columns.ts';
import { PlanParseError } from './errors.ts';
import type { Plan } from './model.ts';
import { PlanReader, type TextMeta } from './reader.ts';
import type { SourceDocument } from './source.ts';
import { splitLines } from './table.ts';
import { findTextHeader, HEADER_SCAN_LINES, textToSource } from './text-source.ts';

export interface ParsePlanOptions {
  /** The plan year when the title does not say (`--year`); overrides the title. */
  year?: number;
  /** Unit directory to resolve names against (default: the bundled Beijing directory). */
  directory?: UnitDirectory;
  /** Refuse inputs larger than this many bytes (default 32 MiB). */
  maxBytes?: number;
  /** A supervisor's roles for columns, by header (`{ "责任部门": "responsible" }`); overrides the reading. */
  columns?: ColumnChoice;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const defaultIndex = indexDirectory(beijingDirectory);
const indexCache = new WeakMap<UnitDirectory, DirectoryIndex>();

function directoryIndex(directory: UnitDirectory | undefined): DirectoryIndex {
  if (!directory || directory === beijingDirectory) return defaultIndex;
  let idx = indexCache.get(directory);
  if (!idx) {
    idx = indexDirectory(directory);
    indexCache.set(directory, idx);
  }
  return idx;
}

function isSourceDocument(input: unknown): input is SourceDocument {
  return typeof input === 'object' && input !== null && !(input instanceof Uint8Array) && 'tables' in input;
}

function checkYear(year: number | undefined) {
  if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
    throw new PlanParseError('YEAR_UNKNOWN', `计划年份“${year}”无效：应为 1990 至 2100 之间的四位年份。`);
  }
}

/**
 * Read a plan into a Plan: a SourceDocument from a container reader (.docx, .xlsx, .html, .pdf), or
 * TSV/CSV text (UTF-8 with or without BOM, UTF-16 with BOM, or GB18030/GBK bytes), which is first split
 * into a SourceDocument. One reader reads every input. Throws PlanParseError (with a code, a message
 * and a line) when the input is not a plan table; never throws anything else.
 */
export function parsePlan(input: Uint8Array | string | SourceDocument, options: ParsePlanOptions = {}): Plan {
  checkYear(options.year);
  const index = directoryIndex(options.directory);
  if (isSourceDocument(input)) {
    if (input.tables.every((t) => t.rows.every((r) => r.cells.every((c) => c.text.trim() === ''))))
      throw new PlanParseError('EMPTY_FILE', '文件中没有任何表格内容。');
    return new PlanReader(input, {}, index, options).read();
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === 'string' ? input.length * 3 : input.length;
  if (size > maxBytes && (typeof input !== 'string' || new TextEncoder().encode(input).length > maxBytes)) {
    throw new PlanParseError(
      'TOO_LARGE',
      `文件过大（超过 ${Math.round(maxBytes / 1024 / 1024)} MB），不像是一份计划表格。`,
    );
  }
  const { doc, meta } = textSource(input, options.columns);
  return new PlanReader(doc, meta, index, options).read();
}

/**
 * Plain text split into the SourceDocument the parser reads (one table; the lines above the header are
 * its first rows), with how it was decoded. Throws PlanParseError when no line reads as a header.
 */
export function textSource(
  input: Uint8Array | string,
  columns?: ColumnChoice,
): { doc: SourceDocument; meta: Required<TextMeta> } {
  const { text, encoding } = decodeText(input);
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === '')) throw new PlanParseError('EMPTY_FILE', '文件中没有任何内容。');
  const header = findTextHeader(lines, columns);
  if (!header) {
    const first = lines.findIndex((l) => l.trim() !== '');
    throw new PlanParseError(
      'NOT_A_PLAN_TABLE',
      `没有找到计划表格的表头：前 ${Math.min(lines.length, HEADER_SCAN_LINES)} 行中没有一行同时含有工作内容（“工作措施”“具体措施”“主要工作内容”“考核内容”或“重点任务”等）以及“完成时限”“牵头部门”“责任单位”等列名（列之间用制表符、逗号或竖线分隔）。`,
      first + 1,
    );
  }
  return {
    doc: textToSource(lines, header.delimiter),
    meta: { encoding, delimiter: header.delimiter, lines: lines.length },
  };
}
