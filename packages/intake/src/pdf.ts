/**
 * .pdf: a PDF's text layer, read with pdfjs-dist (legacy build, in-process). A PDF without one (a
 * scan) is refused saying so. Recovering table rows and columns from text positions is not done yet:
 * a PDF with text is refused with what to do instead (the Word or Excel original, or the web page).
 */
import { PlanParseError, type SourceDocument } from '@lantian/core';
import type { IntakeLimits } from './limits.ts';

interface TextItem {
  str: string;
}

async function textItems(bytes: Uint8Array, who: string, limits: IntakeLimits): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException')
      throw new PlanParseError('ENCRYPTED_FILE', `${who}设置了打开密码，无法读取。请取消密码后再上传。`);
    throw new PlanParseError('CORRUPT_FILE', `${who}不是有效的 PDF：${(e as Error).message}`);
  }
  try {
    let chars = 0;
    const pages = Math.min(doc.numPages, limits.maxPages);
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      for (const item of content.items as TextItem[]) chars += (item.str ?? '').trim().length;
      if (chars > 0) break;
    }
    return chars;
  } finally {
    await doc.destroy();
  }
}

export async function readPdf(bytes: Uint8Array, who: string, limits: IntakeLimits): Promise<SourceDocument> {
  const chars = await textItems(bytes, who, limits);
  if (chars === 0)
    throw new PlanParseError(
      'SCANNED_PDF',
      `${who}是扫描件（PDF 中没有文字层），无法读取其中的表格。请上传 Word、Excel 原件或网页版本，或先用文字识别（OCR）转换。`,
    );
  throw new PlanParseError(
    'UNSUPPORTED_FORMAT',
    `${who}是带文字的 PDF；从 PDF 版面还原表格行列的功能尚未完成。请上传同一计划的 Word（.docx）、Excel（.xlsx）原件或网页版本。`,
  );
}
