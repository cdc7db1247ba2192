/** .pdf with a text layer, through pdfjs-dist (legacy build, no worker, in Node); a scanned PDF is refused. */
import { PlanParseError, type SourceDocument } from '@lantian/core';
import type { IntakeLimits } from './limits.ts';
import { layoutTable, type TextPiece } from './pdf-layout.ts';

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

export async function readPdf(
  bytes: Uint8Array,
  fileName: string | undefined,
  limits: IntakeLimits,
  who: string,
): Promise<SourceDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException')
      throw new PlanParseError('ENCRYPTED_FILE', `${who}设置了打开密码，无法读取。请取消密码后再上传。`);
    throw new PlanParseError('CORRUPT_FILE', `${who}不是完好的 PDF：${(e as Error).message}`);
  }
  try {
    if (doc.numPages > limits.maxPages)
      throw new PlanParseError(
        'CONTAINER_LIMIT',
        `${who}有 ${doc.numPages} 页，超过上限 ${limits.maxPages} 页。`,
      );
    const pieces: TextPiece[] = [];

    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , , top] = page.view;
      const content = await page.getTextContent();
      for (const item of content.items as TextItemLike[]) {
        if (!item.str || !item.transform) continue;
        const [a, b, , d, x, y] = item.transform;
        const size = Math.hypot(a, b) || Math.abs(d) || item.height || 10;
        pieces.push({
          page: n,
          x,
          y: top - y,
          width: item.width ?? item.str.length * size,
          size,
          text: item.str,
        });
      }
      page.cleanup();
    }
    const chars = pieces.reduce((k, p) => k + p.text.trim().length, 0);
    if (chars < 10)
      throw new PlanParseError(
        'SCANNED_PDF',
        `${who}没有文字层（可能是扫描件或图片），无法读取其中的表格。请上传 Word/Excel 原文件，或先用 OCR 软件识别为文字后再上传。`,
      );
    const table = layoutTable(pieces);
    const notes = table.headed ? [] : ['PDF 中没有找到表头行，按文字行逐行读取。'];
    return {
      format: 'pdf',
      ...(fileName ? { fileName } : {}),
      preamble: table.preamble,
      tables: [{ name: 'PDF 表格', rows: table.rows }],
      notes,
    };
  } finally {
    await doc.destroy();
  }
}
