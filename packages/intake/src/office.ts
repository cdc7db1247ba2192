/** A zip that should be a .docx or an .xlsx: told apart by the parts it holds, macros refused. */
import { PlanParseError, type SourceDocument } from '@lantian/core';
import { readDocx } from './docx.ts';
import type { IntakeLimits } from './limits.ts';
import { readXlsx } from './xlsx.ts';
import { readZip } from './zip.ts';

const WANTED =
  /^(\[Content_Types\]\.xml|word\/document\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|xl\/worksheets\/[^/]+\.xml)$/;

export function readOffice(bytes: Uint8Array, who: string, limits: IntakeLimits): SourceDocument {
  const zip = readZip(bytes, (name) => WANTED.test(name), limits, who);
  if (zip.names.some((n) => /vbaProject\.bin$/i.test(n)))
    throw new PlanParseError(
      'MACRO_FORMAT',
      `${who}含有宏（VBA），出于安全不予读取。请另存为不含宏的 .docx 或 .xlsx 再上传。`,
    );
  if (zip.parts.has('word/document.xml')) return readDocx(zip, who, limits);
  if (zip.parts.has('xl/workbook.xml')) return readXlsx(zip, who, limits);
  if (zip.names.some((n) => n.startsWith('ppt/')))
    throw new PlanParseError(
      'UNSUPPORTED_FORMAT',
      `${who}是 PowerPoint 演示文稿，其中没有可读取的计划表格。请上传 Word、Excel、网页或 PDF。`,
    );
  throw new PlanParseError(
    'UNSUPPORTED_FORMAT',
    `${who}是 zip 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文档。请解压后上传其中的计划文件。`,
  );
}
