import {
  type ParsePlanOptions,
  type Plan,
  PlanParseError,
  parsePlan,
  type SourceDocument,
} from '@lantian/core';
import { readHtml } from './html.ts';
import { DEFAULT_LIMITS, type IntakeLimits } from './limits.ts';
import { readOffice } from './office.ts';
import { readPdf } from './pdf.ts';

export type SniffedFormat = 'text' | 'docx' | 'xlsx' | 'html' | 'pdf';

export interface ReadOptions {
  /** The name the file came with; used for messages and as a hint after the bytes. */
  fileName?: string;
  limits?: Partial<IntakeLimits>;
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];
const RTF = [0x7b, 0x5c, 0x72, 0x74];

function extension(fileName: string | undefined): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '');
  return m ? m[1].toLowerCase() : '';
}

function named(fileName: string | undefined): string {
  return fileName ? `文件“${fileName}”` : '该文件';
}

/**
 * What a file is. Its first bytes decide; the name only separates what the bytes cannot (a zip is a
 * .docx or an .xlsx by its content, which the container reader checks). Refusals say what to do.
 */
export function sniffFormat(bytes: Uint8Array, fileName?: string): SniffedFormat {
  const ext = extension(fileName);
  const who = named(fileName);
  if (startsWith(bytes, OLE)) {
    // An OLE compound file is a legacy Office/WPS document, or an encrypted OOXML one.
    throw new PlanParseError(
      ext === 'docx' || ext === 'xlsx' ? 'ENCRYPTED_FILE' : 'LEGACY_FORMAT',
      ext === 'docx' || ext === 'xlsx'
        ? `${who}设置了打开密码（已加密），无法读取。请在 Office/WPS 中取消密码后再上传。`
        : `${who}是旧版 Office/WPS 格式（.doc、.xls、.wps 等），无法直接读取。请用 Word/Excel/WPS 打开后“另存为” .docx 或 .xlsx 再上传。`,
    );
  }
  if (startsWith(bytes, RTF))
    throw new PlanParseError('LEGACY_FORMAT', `${who}是 RTF 文档。请用 Word/WPS 打开后另存为 .docx 再上传。`);
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, ZIP)) {
    if (['docm', 'xlsm', 'dotm', 'xltm', 'xlsb'].includes(ext))
      throw new PlanParseError(
        'MACRO_FORMAT',
        `${who}是含宏或二进制的 Office 格式（.${ext}），出于安全不予读取。请另存为 .docx 或 .xlsx（不含宏）再上传。`,
      );
    if (ext === 'xlsx' || ext === 'xltx') return 'xlsx';
    return 'docx'; // the container reader tells docx from xlsx by the parts it holds
  }
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 2048))
    .trimStart()
    .toLowerCase();
  if (
    ext === 'html' ||
    ext === 'htm' ||
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    /^<(meta|head|body|table)\b/.test(head)
  )
    return 'html';
  return 'text';
}

/** The file opened within limits: bytes for text (parsePlan decodes them), a SourceDocument otherwise. */
export async function readPlanSource(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<Uint8Array | SourceDocument> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (bytes.length > limits.maxFileBytes)
    throw new PlanParseError(
      'TOO_LARGE',
      `${named(options.fileName)}过大（${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB）。`,
    );
  const format = sniffFormat(bytes, options.fileName);
  if (format === 'text') return bytes;
  const who = named(options.fileName);
  if (format === 'docx' || format === 'xlsx')
    return withName(readOffice(bytes, who, limits), options.fileName);
  if (format === 'html') return withName(readHtml(bytes, limits, who), options.fileName);
  return withName(await readPdf(bytes, options.fileName, limits, who), options.fileName);
}

/** Open and parse in one step; throws only PlanParseError. */
export async function parsePlanFile(
  bytes: Uint8Array,
  options: ReadOptions & ParsePlanOptions = {},
): Promise<Plan> {
  const source = await readPlanSource(bytes, options);
  return parsePlan(source, options);
}

function withName(doc: SourceDocument, fileName: string | undefined): SourceDocument {
  return fileName ? { ...doc, fileName } : doc;
}
