/**
 * Writers that produce the files offices send, from a plan text: .docx (the `docx` package), .xlsx
 * (exceljs), .html (a government page with its navigation) and .pdf (a text-layer PDF laid out as a
 * ruled table would print). Repeated values become merged cells: a task's number and name reach down
 * over its further measures, a section row spans the table.
 */
import { parsePlan, textSource } from '@lantian/core';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { writePdf } from './pdf-writer.ts';

export interface SpanCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}
export interface TableSpec {
  preamble: string[];
  /** Rows of cells; cells covered by a span above are absent. */
  rows: SpanCell[][];
  width: number;
}

/** A plan text split as the parser splits it, with spans where the text repeats or leaves cells empty. */
export function specFromText(bytes: Uint8Array): TableSpec {
  const { doc } = textSource(bytes);
  // A line without delimiters continues the measure above (the text's wrapped cell): in a table it is
  // a second paragraph of that cell.
  const measureColumn = parsePlan(bytes).columns.findIndex((c) => c.role === 'measure');
  const all: string[][] = [];
  for (const r of doc.tables[0].rows) {
    const cells = r.cells.map((c) => c.text);
    const last = all[all.length - 1];
    if (cells.length === 1 && cells[0].trim() && last && last.length > 1 && last[measureColumn]?.trim())
      last[measureColumn] += `\n${cells[0]}`;
    else all.push(cells);
  }
  const firstTable = all.findIndex((cells) => cells.filter((c) => c.trim()).length >= 3);
  const preamble = all
    .slice(0, firstTable)
    .map((c) => c.join(' ').trim())
    .filter(Boolean);
  const body = all.slice(firstTable).filter((cells) => cells.some((c) => c.trim()));
  const width = Math.max(...body.map((r) => r.length));
  const rows: SpanCell[][] = [];
  let anchor: SpanCell[] | undefined; // the number and name cells of the last task row
  for (const raw of body) {
    const cells = Array.from({ length: width }, (_, i) => raw[i] ?? '');
    const filled = cells.filter((c) => c.trim()).length;
    if (filled === 1 && cells[0].trim()) {
      rows.push([{ text: cells[0], colSpan: width, rowSpan: 1 }]);
      anchor = undefined;
      continue;
    }
    if (anchor && !cells[0].trim() && !cells[1].trim() && cells.slice(2).some((c) => c.trim())) {
      for (const a of anchor) a.rowSpan++;
      rows.push(cells.slice(2).map((text) => ({ text, colSpan: 1, rowSpan: 1 })));
      continue;
    }
    const row = cells.map((text) => ({ text, colSpan: 1, rowSpan: 1 }));
    anchor = /^\d+$/.test(cells[0].trim()) ? row.slice(0, 2) : undefined;
    rows.push(row);
  }
  return { preamble, rows, width };
}

/** Column positions of each row's cells, spans accounted for. */
export function placed(spec: TableSpec): { cell: SpanCell; row: number; col: number }[] {
  const out: { cell: SpanCell; row: number; col: number }[] = [];
  const covered = new Set<string>();
  spec.rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (covered.has(`${r}:${col}`)) col++;
      out.push({ cell, row: r, col });
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) covered.add(`${r + dr}:${col + dc}`);
      col += cell.colSpan;
    }
  });
  return out;
}

const paragraphs = (text: string) => text.split('\n').map((t) => new Paragraph(t));

export async function toDocx(spec: TableSpec, extraTables: string[][][] = []): Promise<Uint8Array> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: spec.rows.map(
      (cells) =>
        new TableRow({
          children: cells.map(
            (c) => new TableCell({ children: paragraphs(c.text), columnSpan: c.colSpan, rowSpan: c.rowSpan }),
          ),
        }),
    ),
  });
  const others = extraTables.map(
    (t) =>
      new Table({
        rows: t.map(
          (r) => new TableRow({ children: r.map((text) => new TableCell({ children: paragraphs(text) })) }),
        ),
      }),
  );
  const doc = new Document({
    sections: [{ children: [...spec.preamble.map((p) => new Paragraph(p)), ...others, table] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export async function toXlsx(spec: TableSpec, sheetName = '任务分工'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').getCell('A1').value = '本工作簿第二张表为任务分工表。';
  const ws = wb.addWorksheet(sheetName);
  spec.preamble.forEach((p, i) => {
    ws.getCell(i + 1, 1).value = p;
  });
  const top = spec.preamble.length + 1;
  const taken = new Set<string>();
  for (const { cell, row, col } of placed(spec)) {
    ws.getCell(top + row, col + 1).value = cell.text;
    if (cell.rowSpan === 1 && cell.colSpan === 1) continue;
    const covers: string[] = [];
    for (let r = row; r < row + cell.rowSpan; r++)
      for (let c = col; c < col + cell.colSpan; c++) covers.push(`${r}:${c}`);
    if (covers.some((k) => taken.has(k))) continue; // spans that overlap (generated tables) stay unmerged
    for (const k of covers) taken.add(k);
    ws.mergeCells(top + row, col + 1, top + row + cell.rowSpan - 1, col + cell.colSpan);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toHtml(spec: TableSpec, charset = 'utf-8'): string {
  const rows = spec.rows
    .map(
      (cells) =>
        `<tr>${cells
          .map(
            (c) =>
              `<td${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}>${c.text
                .split('\n')
                .map((l) => `<p>${esc(l)}</p>`)
                .join('')}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>${esc(spec.preamble[spec.preamble.length - 1] ?? '')}</title></head>
<body><table class="layout"><tr><td><table class="nav"><tr><td><a href="/">首页</a></td><td><a href="/zwgk">政务公开</a></td><td><a href="/zcwj">政策文件</a></td></tr></table></td></tr>
<tr><td><div class="content">${spec.preamble.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<table border="1">${rows}</table></div></td></tr></table>
<div class="footer"><p>主办单位：某市人民政府办公厅</p></div></body></html>`;
}

export function toPdf(spec: TableSpec): Uint8Array {
  return writePdf(spec);
}
