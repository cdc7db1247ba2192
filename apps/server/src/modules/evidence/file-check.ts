/**
 * What an evidence file is, read from its bytes (never from the name or the browser's claim), and the
 * refusals: unknown types, macro-capable formats (.docm/.xlsm, legacy .doc/.xls), and zip archives
 * that declare too many entries, too much inflated data or an extreme compression ratio. The central
 * directory decides the type; then the whole container is inflated once (@lantian/intake's readZip,
 * which counts the REAL output, never holding it) so that a zip lying about its sizes is refused too.
 * A zip inside the container (an embedded workbook) is inspected the same way and counts toward the
 * same total; a zip inside that one is refused.
 */
import { PlanParseError } from '@lantian/core';
import { DEFAULT_LIMITS, isZipHead, readZip } from '@lantian/intake';
import { AppError } from '../../errors.ts';

export interface FileLimits {
  maxBytes: number;
  zipMaxEntries: number;
  zipMaxInflatedBytes: number;
  zipMaxRatio: number;
}

/** A zip inside the evidence file may hold no further zip. */
const MAX_NESTING = 1;

export interface DetectedType {
  mediaType: string;
  ext: string;
  /** Extensions a name may carry for this type. */
  names: string[];
  label: string;
}

const PDF: DetectedType = { mediaType: 'application/pdf', ext: 'pdf', names: ['pdf'], label: 'PDF' };
const PNG: DetectedType = { mediaType: 'image/png', ext: 'png', names: ['png'], label: 'PNG 图片' };
const JPEG: DetectedType = {
  mediaType: 'image/jpeg',
  ext: 'jpg',
  names: ['jpg', 'jpeg'],
  label: 'JPEG 图片',
};
const GIF: DetectedType = { mediaType: 'image/gif', ext: 'gif', names: ['gif'], label: 'GIF 图片' };
const WEBP: DetectedType = { mediaType: 'image/webp', ext: 'webp', names: ['webp'], label: 'WebP 图片' };
const DOCX: DetectedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ext: 'docx',
  names: ['docx'],
  label: 'Word 文档',
};
const XLSX: DetectedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ext: 'xlsx',
  names: ['xlsx'],
  label: 'Excel 工作簿',
};
const PPTX: DetectedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ext: 'pptx',
  names: ['pptx'],
  label: 'PowerPoint 演示文稿',
};
const OFD: DetectedType = { mediaType: 'application/ofd', ext: 'ofd', names: ['ofd'], label: 'OFD 版式文档' };

const ALLOWED_EVIDENCE = 'PDF、OFD、Word（docx）、Excel（xlsx）、PowerPoint（pptx）、PNG、JPEG、GIF、WebP';
const MACRO_EXTENSIONS = ['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm'];

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function invalid(message: string): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', message);
}

/** The entries a zip's central directory declares (names and sizes), without inflating anything. */
function zipEntries(b: Uint8Array): { name: string; compressed: number; size: number }[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid('文件像是压缩包，但找不到其目录（文件可能已损坏）');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw invalid('不支持 ZIP64 格式的压缩文件');
  if (cdOffset + cdSize > b.length) throw invalid('压缩包目录超出文件范围（文件可能已损坏）');
  const out: { name: string; compressed: number; size: number }[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) throw invalid('压缩包目录已损坏');
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    out.push({ name: decoder.decode(b.subarray(p + 46, p + 46 + nameLen)), compressed, size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function detectZip(b: Uint8Array, limits: FileLimits): DetectedType {
  const entries = zipEntries(b);
  if (entries.length > limits.zipMaxEntries)
    throw invalid(`文档包含 ${entries.length} 个内部文件，超过 ${limits.zipMaxEntries} 个的上限`);
  const inflated = entries.reduce((s, e) => s + e.size, 0);
  if (inflated > limits.zipMaxInflatedBytes)
    throw invalid(`文档解压后达 ${Math.round(inflated / 1048576)} MB，超过上限（疑似压缩炸弹）`);
  if (inflated / Math.max(1, b.length) > limits.zipMaxRatio)
    throw invalid('文档的压缩比异常（疑似压缩炸弹），已拒绝');
  const names = entries.map((e) => e.name);
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n) || /(^|\/)vbaData\.xml$/i.test(n)))
    throw invalid('文档含有宏（VBA），不接受含宏的文件，请另存为不含宏的格式');
  if (names.some((n) => n.startsWith('/') || n.split('/').includes('..')))
    throw invalid('压缩包中含有不安全的路径，已拒绝');
  const type = officeType(names);
  if (!type) throw invalid(`不接受普通压缩包或未知的 Office 文件；可上传：${ALLOWED_EVIDENCE}`);
  inflateWithinLimits(b, limits, 0, 0, type.label);
  return type;
}

function officeType(names: string[]): DetectedType | null {
  if (names.includes('[Content_Types].xml')) {
    if (names.some((n) => n.startsWith('word/'))) return DOCX;
    if (names.some((n) => n.startsWith('xl/'))) return XLSX;
    if (names.some((n) => n.startsWith('ppt/'))) return PPTX;
  }
  if (names.includes('OFD.xml')) return OFD;
  return null;
}

/**
 * Inflate every entry of a zip counting its real output against the cap (with what the enclosing
 * archives used, `counted`), then the zips found inside it; returns the bytes counted so far.
 */
function inflateWithinLimits(
  b: Uint8Array,
  limits: FileLimits,
  depth: number,
  counted: number,
  who: string,
): number {
  const caps = {
    ...DEFAULT_LIMITS,
    maxEntries: limits.zipMaxEntries,
    maxInflatedBytes: limits.zipMaxInflatedBytes,
  };
  let read: ReturnType<typeof readZip>;
  try {
    read = readZip(b, () => false, caps, who, {
      inflateAll: true,
      keep: (_, head) => isZipHead(head),
      counted,
    });
  } catch (e) {
    if (!(e instanceof PlanParseError)) throw e;
    if (e.code === 'CONTAINER_LIMIT') throw new AppError('CONTAINER_LIMIT', e.message);
    throw invalid(e.message);
  }
  let total = read.inflated;
  for (const [name, inner] of read.parts) {
    if (depth + 1 > MAX_NESTING)
      throw new AppError(
        'CONTAINER_LIMIT',
        `${who}中的“${name}”又是一个压缩包：嵌套超过 ${MAX_NESTING} 层的压缩包不予接受（疑似压缩炸弹）`,
      );
    total = inflateWithinLimits(inner, limits, depth + 1, total, `${who}中嵌入的“${name}”`);
  }
  return total;
}

/** Read the type from the content; refuse what is not allowed, with what and why. */
export function detectEvidenceType(b: Uint8Array, limits: FileLimits): DetectedType {
  if (b.length === 0) throw new AppError('INVALID_INPUT', '文件是空的');
  if (b.length > limits.maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${Math.floor(limits.maxBytes / 1048576)} MB 的上限`);
  if (startsWith(b, ascii('%PDF-'))) return PDF;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return GIF;
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return detectZip(b, limits);
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0]))
    throw invalid('旧版 Office 文件（doc、xls、ppt）可能含宏，不予接受；请另存为 docx、xlsx、pptx 或 PDF');
  throw invalid(`不支持的文件类型；可上传：${ALLOWED_EVIDENCE}`);
}

/** The uploader's name made harmless for display: no path, no control characters, bounded length. */
export function cleanFileName(raw: string, type: DetectedType): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .normalize('NFC')
    .trim();
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).slice(0, 100).trim() || '佐证材料';
  return `${stem}.${type.ext}`;
}

/** Refuse a macro extension or a name that says another type than the content. */
export function checkNameAgainstType(raw: string, type: DetectedType): void {
  const dot = raw.lastIndexOf('.');
  const ext = dot >= 0 ? raw.slice(dot + 1).toLowerCase() : '';
  if (MACRO_EXTENSIONS.includes(ext)) throw invalid(`不接受可含宏的 .${ext} 文件`);
  if (ext && !type.names.includes(ext))
    throw invalid(`文件名为 .${ext}，内容却是${type.label}：请确认上传的是正确的文件`);
}
