/**
 * A document model (the bulletin 通报, a 督办单) as a PDF, drawn directly from the same model as the .docx (pdfkit; no office
 * suite on the server): the 公文 page of `gongwen.ts` — A4, margins 37/35/28/26 mm, title in a bold
 * serif 2号, headings in sans 3号, body in serif 3号, tables 小四 with the header repeated on each
 * page, page numbers `— 1 —` (odd pages right, even left). The fonts are Debian's Noto CJK
 * (fonts-noto-cjk), each file read once per process; without a CJK font there is no PDF, and the
 * error says which package to install.
 */
import PDFDocument from 'pdfkit';
import { AppError } from '../../errors.ts';
import type { Block, BulletinModel } from './bulletin.model.ts';
import { documentFonts, type FontStyle, fontBytes, fontFace } from './fonts.ts';

const MM = 72 / 25.4;
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
/** Sizes in points: 2号 22, 3号 16, 4号 14, 小四 12. */
const PT = { er: 22, san: 16, si: 14, xiaosi: 12 };
/** 28 pt lines for 3号 body text, as the standard's 22 lines a page. */
const BODY_GAP = 28 - PT.san;

type Doc = PDFKit.PDFDocument;

function registerFonts(doc: Doc): void {
  const f = documentFonts();
  if (!f.cjk)
    throw new AppError(
      'INVALID_STATE',
      '服务器没有中文字体，无法生成 PDF：请安装 fonts-noto-cjk（Debian），或下载 .docx',
    );
  const styles: FontStyle[] = ['serif', 'serifBold', 'sans', 'sansBold'];
  for (const s of styles) {
    const file = f.files[s] ?? (s.startsWith('serif') ? f.files.serif : f.files.sans) ?? f.cjk;
    const face = fontFace(file);
    doc.registerFont(s, fontBytes(file), face.postscriptName);
  }
}

const pageBottom = (doc: Doc) => doc.page.height - MARGIN.bottom;
const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

function drawTable(doc: Doc, t: Extract<Block, { kind: 'table' }>): void {
  const width = contentWidth(doc);
  const sum = t.widths.reduce((a, b) => a + b, 0) || 1;
  const cols = t.header.map((_, i) => ((t.widths[i] ?? 10) / sum) * width);
  const pad = 4;
  const rowHeight = (cells: string[], font: FontStyle) => {
    doc.font(font).fontSize(PT.xiaosi);
    return Math.max(
      ...cells.map((c, i) => doc.heightOfString(c, { width: (cols[i] ?? 20) - 2 * pad, lineGap: 2 })),
    );
  };
  const drawRow = (cells: string[], font: FontStyle, head: boolean) => {
    const h = rowHeight(cells, font) + 2 * pad;
    let x = MARGIN.left;
    const y = doc.y;
    cells.forEach((c, i) => {
      const w = cols[i] ?? 20;
      doc.lineWidth(0.5).rect(x, y, w, h).stroke('#000000');
      doc
        .font(font)
        .fontSize(PT.xiaosi)
        .fillColor('#000000')
        .text(c, x + pad, y + pad, { width: w - 2 * pad, lineGap: 2, align: head ? 'center' : 'left' });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  const header = t.header;
  const headHeight = rowHeight(header, 'sans') + 2 * pad;
  ensureRoom(doc, headHeight * 2);
  drawRow(header, 'sans', true);
  for (const r of t.rows) {
    const cells = r.map(String);
    const h = rowHeight(cells, 'serif') + 2 * pad;
    if (doc.y + h > pageBottom(doc)) {
      doc.addPage();
      drawRow(header, 'sans', true);
    }
    drawRow(cells, 'serif', false);
  }
  doc.moveDown(0.5);
}

function drawBlock(doc: Doc, b: Block): void {
  const width = contentWidth(doc);
  doc.x = MARGIN.left;
  switch (b.kind) {
    case 'heading':
      ensureRoom(doc, 28 * 3);
      doc
        .font('sans')
        .fontSize(PT.san)
        .text(b.text, { indent: 2 * PT.san, width, lineGap: BODY_GAP });
      return;
    case 'body':
      doc
        .font('serif')
        .fontSize(PT.san)
        .text(b.text || ' ', {
          width,
          lineGap: BODY_GAP,
          indent: b.indent === false ? 0 : 2 * PT.san,
          align: b.align ?? 'justify',
        });
      return;
    case 'picture': {
      const w = Math.min(width, 148 * MM);
      const h = (b.chart.height / b.chart.width) * w;
      ensureRoom(doc, h + 8);
      doc.image(b.chart.png, MARGIN.left + (width - w) / 2, doc.y, { width: w, height: h });
      doc.x = MARGIN.left;
      doc.y += h + 8;
      return;
    }
    case 'table':
      drawTable(doc, b);
      return;
  }
}

/** `— n —` at the foot of every page: odd pages at the right, even at the left, one character in. */
function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i + 1;
    const text = `— ${n} —`;
    doc.font('serif').fontSize(PT.si);
    const w = doc.widthOfString(text);
    const x = n % 2 === 1 ? doc.page.width - MARGIN.right - PT.si - w : MARGIN.left + PT.si;
    // Written inside the bottom margin: without lifting it, pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, x, doc.page.height - 28 * MM + 7 * MM, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** The model as a PDF on the 公文 page. */
export function modelPdf(model: BulletinModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: model.title, Subject: model.subject, Creator: '蓝天', Producer: '蓝天' },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  const docNo = () =>
    doc.font('serif').fontSize(PT.san).text(model.docNo, { align: 'center', lineGap: BODY_GAP });
  if (model.docNo && !model.docNoBelow) docNo();
  doc
    .font('serifBold')
    .fontSize(PT.er)
    .text(model.title, { align: 'center', lineGap: 35 - PT.er });
  if (model.docNo && model.docNoBelow) docNo();
  doc.moveDown(0.8);
  for (const b of model.blocks) drawBlock(doc, b);
  pageNumbers(doc);
  doc.end();
  return done;
}
