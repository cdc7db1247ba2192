/**
 * Test writers: a plan table as Office programs and web sites write it (.docx with the `docx` package,
 * .xlsx with exceljs, a saved web page). Task number and name cells left empty under a task are written
 * as vertical merges, and section rows (`一、…` alone in a row) as one cell spanning the table.
 */

import { textSource } from '@lantian/core';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  VerticalMergeType,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';

export interface PlainTable {
  /** Lines before the table (title, 附件). */
  before: string[];
  rows: string[][];
  width: number;
}

/** A text plan (TSV/CSV, quoted cells spanning lines) as the lines before its header and its rows. */
export function fromTsv(text: string): PlainTable {
  const rows = textSource(text).doc.tables[0].rows.map((r) => r.cells.map((c) => c.text.trim()));
  const header = rows.findIndex((r) => r.filter((c) => c !== '').length >= 3);
  const before = rows
    .slice(0, header)
    .map((r) => r.filter(Boolean).join(' '))
    .filter(Boolean);
  const body = rows.slice(header).filter((r) => r.some((c) => c !== ''));
  const width = Math.max(...body.map((r) => r.length));
  return { before, rows: body.map((r) => [...r, ...Array(width - r.length).fill('')]), width };
}

const isSection = (row: string[]) => row[0] !== '' && row.slice(1).every((c) => c === '');
const isHeader = (row: string[], header: string[]) => row.join('|') === header.join('|');

/** For each cell: 'restart' / 'continue' where the first two columns are empty under a task row. */
export function verticalMerges(t: PlainTable, columns = 2): (('restart' | 'continue') | undefined)[][] {
  const marks = t.rows.map((r) => r.map(() => undefined as 'restart' | 'continue' | undefined));
  for (let r = 1; r < t.rows.length; r++) {
    const row = t.rows[r];
    if (isSection(row) || isHeader(row, t.rows[0])) continue;
    for (let c = 0; c < Math.min(columns, t.width); c++) {
      if (row[c] !== '' || row.every((x) => x === '')) continue;
      const above = t.rows[r - 1];
      if (isSection(above) || isHeader(above, t.rows[0])) continue;
      if (marks[r - 1][c] === undefined) marks[r - 1][c] = 'restart';
      marks[r][c] = 'continue';
    }
  }
  return marks;
}

export async function toDocx(t: PlainTable): Promise<Uint8Array> {
  const marks = verticalMerges(t);
  const rows = t.rows.map((row, r) => {
    if (isSection(row) && r > 0)
      return new TableRow({
        children: [new TableCell({ columnSpan: t.width, children: [new Paragraph(row[0])] })],
      });
    return new TableRow({
      tableHeader: r === 0,
      children: row.map((cell, c) => {
        const mark = marks[r][c];
        return new TableCell({
          verticalMerge:
            mark === 'restart'
              ? VerticalMergeType.RESTART
              : mark === 'continue'
                ? VerticalMergeType.CONTINUE
                : undefined,
          // A cell's line breaks become paragraphs, as Word writes them.
          children: (mark === 'continue' ? [''] : cell.split('\n')).map((p) => new Paragraph(p)),
        });
      }),
    });
  });
  const doc = new Document({
    sections: [
      {
        children: [
          ...t.before.map((b) => new Paragraph({ text: b, alignment: AlignmentType.CENTER })),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
          new Paragraph('（此页无正文）'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export async function toXlsx(t: PlainTable, sheetName = '任务分工'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本工作簿第二张表为任务分工表。']);
  const ws = wb.addWorksheet(sheetName);
  for (const b of t.before) ws.addRow([b]);
  const top = t.before.length;
  const marks = verticalMerges(t);
  t.rows.forEach((row, r) => {
    ws.addRow(row.map((c, i) => (marks[r][i] === 'continue' ? null : c)));
    if (isSection(row) && r > 0) ws.mergeCells(top + r + 1, 1, top + r + 1, t.width);
  });
  for (let c = 0; c < t.width; c++)
    for (let r = 0; r < t.rows.length; r++) {
      if (marks[r][c] !== 'restart') continue;
      let end = r + 1;
      while (end + 1 < t.rows.length && marks[end + 1][c] === 'continue') end++;
      ws.mergeCells(top + r + 1, c + 1, top + end + 1, c + 1);
    }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page as a government site serves it: navigation, a layout table, the plan table with spans. */
export function toHtml(t: PlainTable): Uint8Array {
  const marks = verticalMerges(t);
  const body = t.rows
    .map((row, r) => {
      if (isSection(row) && r > 0) return `<tr><td colspan="${t.width}">${esc(row[0])}</td></tr>`;
      const cells = row
        .map((cell, c) => {
          if (marks[r][c] === 'continue') return '';
          let span = 1;
          if (marks[r][c] === 'restart') while (marks[r + span]?.[c] === 'continue') span++;
          const tag = r === 0 ? 'th' : 'td';
          return `<${tag}${span > 1 ? ` rowspan="${span}"` : ''}><p>${cell.split('\n').map(esc).join('<br>')}</p></${tag}>`;
        })
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('\n');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(t.before.at(-1) ?? '')}</title>
<script>var nav = "<table><tr><td>首页</td></tr></table>";</script></head><body>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<table class="layout"><tr><td>
${t.before.map((b) => `<p>${esc(b)}</p>`).join('\n')}
<table border="1"><tbody>
${body}
</tbody></table>
</td></tr></table>
<footer>主办单位：某某人民政府办公厅</footer></body></html>`;
  return new TextEncoder().encode(html);
}
