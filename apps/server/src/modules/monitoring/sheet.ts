/**
 * A data file as rows of text cells: CSV/TSV (UTF-8 or GB18030) or the first sheet of an .xlsx. The
 * .xlsx container is checked before it is inflated (entry count, total and per-entry sizes, ratio).
 */
import { decodeText } from '@lantian/core';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { AppError } from '../../errors.ts';

export const SHEET_LIMITS = {
  maxEntries: 2_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  maxRows: 300_000,
};

const isZip = (b: Uint8Array) =>
  b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) =>
  b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Split CSV text (RFC 4180 quoting) or, when the first line has tabs and no commas, TSV. */
export function parseDelimited(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (rows.length > SHEET_LIMITS.maxRows) throw new AppError('PAYLOAD_TOO_LARGE', '文件行数过多');
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function checkZip(bytes: Uint8Array): void {
  let entries = 0;
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries++;
        total += f.originalSize;
        if (entries > SHEET_LIMITS.maxEntries) throw new AppError('PAYLOAD_TOO_LARGE', '压缩包条目过多');
        if (
          total > SHEET_LIMITS.maxUncompressedBytes ||
          f.originalSize > f.size * SHEET_LIMITS.maxRatio + 1024 * 1024
        )
          throw new AppError('PAYLOAD_TOO_LARGE', '文件解压后过大（疑似压缩炸弹），已拒绝');
        if (/\.bin$|vbaProject/i.test(f.name))
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不接受含宏的文件');
        return false;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_INPUT', '无法读取 .xlsx 文件（压缩结构损坏）');
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

/** Read a file's first sheet (or its text) into rows of trimmed cells. */
export async function readSheet(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  if (isOle(bytes)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持旧版 .xls：请另存为 .xlsx 或 CSV');
  if (isZip(bytes)) {
    if (/\.xlsm$/i.test(fileName)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不接受含宏的文件（.xlsm）');
    checkZip(bytes);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new AppError('INVALID_INPUT', '无法读取 .xlsx 文件');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError('INVALID_INPUT', '.xlsx 文件没有工作表');
    if (ws.rowCount > SHEET_LIMITS.maxRows) throw new AppError('PAYLOAD_TOO_LARGE', '工作表行数过多');
    const rows: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value).trim());
      rows.push(cells);
    }
    return rows;
  }
  if (bytes.includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '不是 CSV 或 .xlsx 文件');
  const { text } = decodeText(bytes);
  return parseDelimited(text).map((r) => r.map((c) => c.trim()));
}
