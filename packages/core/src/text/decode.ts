import { PlanParseError } from '../plan/errors.ts';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Line (1-based) of a byte offset, counting LF bytes before it. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Turn the bytes of an uploaded plan into text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's
 * "Unicode text"), or GB18030/GBK. Office, PDF and other binary files get a clear error.
 */
export function decodeText(input: Uint8Array | string): { text: string; encoding: TextEncodingName } {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  const bytes = input;
  if (bytes.length === 0) throw new PlanParseError('EMPTY_FILE', '文件是空的（0 字节）。');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const bad = firstInvalidUtf8(bytes.subarray(3));
    if (bad >= 0)
      throw new PlanParseError(
        'ENCODING_UNKNOWN',
        '文件声明为 UTF-8（带 BOM），但含有无效的 UTF-8 字节。',
        lineOf(bytes, bad + 3),
      );
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe]))
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    throw new PlanParseError(
      'BINARY_FILE',
      '这是一个 Office 文档或压缩包（.xlsx/.docx/.zip），不是文本表格。请在 Excel 中“另存为”制表符分隔的文本（.txt）或 CSV 后再导入。',
    );
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    throw new PlanParseError(
      'BINARY_FILE',
      '这是一个 PDF 文件。请先把计划表格导出为文本（制表符分隔）后再导入。',
    );
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new PlanParseError(
      'BINARY_FILE',
      '这是旧版 Office 文档（.xls/.doc）。请另存为制表符分隔的文本（.txt）或 CSV 后再导入。',
    );
  const probe = bytes.subarray(0, 8192);
  const nul = probe.indexOf(0);
  if (nul >= 0)
    throw new PlanParseError(
      'BINARY_FILE',
      '文件含有二进制内容（NUL 字节），不是文本表格。',
      lineOf(bytes, nul),
    );
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: GB18030 (a superset of GBK) is what Chinese government files are otherwise saved in.
  }
  const bad = firstInvalidUtf8(bytes);
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new PlanParseError(
      'ENCODING_UNKNOWN',
      '无法识别文件编码：既不是有效的 UTF-8，也不是 GB18030/GBK。请以 UTF-8 或 GBK 编码保存后再导入。',
      lineOf(bytes, bad),
    );
  }
}
