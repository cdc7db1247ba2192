/**
 * The 公文 page after GB/T 9704-2012, for every document Lantian writes: A4; margins 37 mm top, 35 mm
 * bottom, 28 mm left, 26 mm right; title 方正小标宋简体 2号, headings 黑体 3号, body 仿宋_GB2312 3号;
 * page numbers `— 1 —` in 4号 宋体 (odd pages at the right, even at the left, one character in).
 * The fonts a government machine has are named first; the font table gives each the CJK font Debian
 * ships (Noto CJK) as its alternative, which Word and LibreOffice use where the first is absent.
 */
import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  ImageRun,
  type ISectionOptions,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  number: '宋体',
} as const;

/** Each font's alternative where it is not installed. */
const ALT_NAMES: Record<string, string> = {
  方正小标宋简体: 'Noto Serif CJK SC',
  黑体: 'Noto Sans CJK SC',
  仿宋_GB2312: 'Noto Serif CJK SC',
  宋体: 'Noto Serif CJK SC',
};

/** Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 5号 10.5 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;

/** One character of body text (3号), in twips: the first-line indent is two of them. */
const CHAR = 320;

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, bold });

/** Body text: 仿宋 3号, first line indented two characters, 28 pt lines (22 lines a page as the standard sets). */
export function body(text: string, opts: { indent?: boolean; align?: 'left' | 'right' | 'center' } = {}) {
  return new Paragraph({
    alignment:
      opts.align === 'right'
        ? AlignmentType.RIGHT
        : opts.align === 'center'
          ? AlignmentType.CENTER
          : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: CHAR * 2 },
    spacing: { line: 560, lineRule: 'exact' },
    children: [run(text, FONTS.body, SIZE.san)],
  });
}

/** The document's title: 方正小标宋简体 2号, centred, one blank line after. */
export function title(text: string) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: 'exact', after: 560 },
    children: [run(text, FONTS.title, SIZE.er)],
  });
}

/** A first-level heading (一、…): 黑体 3号. */
export function heading(text: string) {
  return new Paragraph({
    indent: { firstLine: CHAR * 2 },
    spacing: { line: 560, lineRule: 'exact' },
    keepNext: true,
    children: [run(text, FONTS.heading, SIZE.san)],
  });
}

/** 发文字号 or a line of the 版头: centred 仿宋 3号. */
export function centred(text: string, font: string = FONTS.body, size: number = SIZE.san) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 560, lineRule: 'exact' },
    children: [run(text, font, size)],
  });
}

/** A picture (PNG) scaled to the type area's width (156 mm for the standard's margins). */
export function picture(png: Buffer, width: number, height: number) {
  const wide = 560; // px at 96 dpi ≈ 148 mm, inside the 156 mm type area
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: { width: wide, height: Math.round((height / width) * wide) },
        altText: { name: 'chart', title: 'chart', description: 'chart' },
      }),
    ],
  });
}

/** A table: its header and rows (cell texts), column widths in per cent. */
export interface TableSpec {
  header: string[];
  rows: (string | number)[][];
  widths: number[];
}

const TABLE_MARK = /<w:p>(?:(?!<\/w:p>).)*?@@LANTIAN_TABLE_(\d+)@@(?:(?!<\/w:p>).)*?<\/w:p>/gs;

/**
 * A table in 仿宋 小四, a bold (黑体) header row repeated on each page, rows not split across pages.
 * The `docx` package builds a table cell by cell in objects (seconds for a plan's hundreds of items),
 * so tables are written as WordprocessingML directly: `table()` leaves a marked paragraph that
 * `packGongwen` replaces with the table's XML.
 */
export class Tables {
  private readonly specs: TableSpec[] = [];

  table(header: string[], rows: (string | number)[][], widths: number[]): Paragraph {
    this.specs.push({ header, rows, widths });
    return new Paragraph({ children: [new TextRun(`@@LANTIAN_TABLE_${this.specs.length - 1}@@`)] });
  }

  /** document.xml with each marked paragraph replaced by its table. */
  fill(xml: string): string {
    return xml.replace(TABLE_MARK, (_m, n: string) => tableXml(this.specs[Number(n)] as TableSpec));
  }
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function runXml(text: string, font: string, size: number): string {
  const f = esc(font);
  return (
    `<w:r><w:rPr><w:rFonts w:ascii="${f}" w:eastAsia="${f}" w:hAnsi="${f}"/><w:sz w:val="${size}"/>` +
    `<w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`
  );
}

function cellXml(text: string, head: boolean, pct: number): string {
  const lines = text.split('\n');
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${Math.round(pct * 50)}" w:type="pct"/><w:vAlign w:val="center"/></w:tcPr>` +
    lines
      .map(
        (line) =>
          `<w:p><w:pPr><w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="${head ? 'center' : 'left'}"/></w:pPr>` +
          `${runXml(line, head ? FONTS.heading : FONTS.body, SIZE.xiaosi)}</w:p>`,
      )
      .join('') +
    '</w:tc>'
  );
}

function tableXml(t: TableSpec): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const grid = t.widths.map((w) => `<w:gridCol w:w="${Math.round((w / 100) * 8844)}"/>`).join('');
  const head = `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${t.header
    .map((h, i) => cellXml(h, true, t.widths[i] ?? 10))
    .join('')}</w:tr>`;
  const body = t.rows
    .map(
      (r) =>
        `<w:tr><w:trPr><w:cantSplit/></w:trPr>${r
          .map((v, i) => cellXml(String(v), false, t.widths[i] ?? 10))
          .join('')}</w:tr>`,
    )
    .join('');
  return (
    '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>' +
    ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('') +
    '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/>' +
    '<w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
    `<w:tblGrid>${grid}</w:tblGrid>${head}${body}</w:tbl>` +
    // Word needs a paragraph between two tables and after a table at the end of a cell or section.
    '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:p>'
  );
}

function pageFooter(align: 'right' | 'left') {
  const children: ParagraphChild[] = [
    new TextRun({
      children: ['— ', PageNumber.CURRENT, ' —'],
      font: { eastAsia: FONTS.number, ascii: FONTS.number, hAnsi: FONTS.number },
      size: SIZE.si,
    }),
  ];
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children,
      }),
    ],
  });
}

/** The 公文 page: A4, the standard's margins, page numbers; children as the section's content. */
export function gongwenSection(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
        margin: {
          top: convertMillimetersToTwip(37),
          bottom: convertMillimetersToTwip(35),
          left: convertMillimetersToTwip(28),
          right: convertMillimetersToTwip(26),
          footer: convertMillimetersToTwip(28) - 560,
        },
      },
    },
    footers: { default: pageFooter('right'), even: pageFooter('left') },
    children,
  };
}

/** Write the document and give its fonts their alternatives in the font table. */
export async function packGongwen(
  meta: { title: string; subject?: string },
  sections: ISectionOptions[],
  tables?: Tables,
): Promise<Buffer> {
  const doc = new Document({
    creator: '蓝天',
    title: meta.title,
    subject: meta.subject,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: FONTS.body, ascii: FONTS.body, hAnsi: FONTS.body }, size: SIZE.san },
        },
      },
    },
    sections,
  });
  return finish(await Packer.toBuffer(doc), tables);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * Fill in the tables, and add `w:altName` entries to word/fontTable.xml for the 公文 fonts (Word's
 * own fallback mechanism).
 */
function finish(docx: Buffer, tables?: Tables): Buffer {
  const parts = unzipSync(new Uint8Array(docx));
  const main = parts['word/document.xml'];
  if (tables && main) parts['word/document.xml'] = strToU8(tables.fill(strFromU8(main)));
  const name = 'word/fontTable.xml';
  // The package writes an empty font table as one self-closed element.
  const xml = (parts[name] ? strFromU8(parts[name]) : '').replace(
    /<w:fonts([^>]*)\/>/,
    '<w:fonts$1></w:fonts>',
  );
  if (!xml.includes('</w:fonts>')) throw new Error('word/fontTable.xml: no w:fonts element');
  const entries = Object.entries(ALT_NAMES)
    .filter(([font]) => !xml.includes(`w:name="${esc(font)}"`))
    .map(
      ([font, alt]) =>
        `<w:font w:name="${esc(font)}"><w:altName w:val="${esc(alt)}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${font === '黑体' ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  parts[name] = strToU8(xml.replace('</w:fonts>', `${entries}</w:fonts>`));
  return Buffer.from(zipSync(parts, { level: 6 }));
}
