/**
 * A PDF writer for tests: a table laid out on A4 landscape pages the way Word prints one — cells
 * wrapped to their column, rows separated by padding, the header repeated on each page, a page
 * number at the foot — with a real text layer: a Type0 font (Identity-H, CID = UTF-16 code unit,
 * not embedded) and a ToUnicode CMap, which is what text extraction reads. No glyphs are embedded,
 * so viewers substitute a system font; the text positions are exact.
 */
import type { SpanCell, TableSpec } from './writers.ts';
import { placed } from './writers.ts';

const PAGE_W = 842;
const PAGE_H = 595;
const MARGIN = 21;
const SIZE = 9;
const LEADING = 12;
const PAD = 4;

const charWidth = (ch: string) => (ch.charCodeAt(0) < 0x7f ? 0.5 : 1) * SIZE;
const textWidth = (s: string) => [...s].reduce((w, ch) => w + charWidth(ch), 0);

/** Split text into lines no wider than `width` (explicit line breaks kept). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const ch of para) {
      if (line && textWidth(line + ch) > width) {
        // Break at the last space when a short word would be cut (the space is not printed), else
        // between characters, as CJK text wraps.
        const space = line.lastIndexOf(' ');
        if (space > 0 && line.length - space <= 12) {
          out.push(line.slice(0, space));
          line = line.slice(space + 1);
          if (ch === ' ') {
            // The space that overflowed ends the moved word: keep it as the break on the new line.
            line += ch;
            continue;
          }
        } else {
          out.push(line.trimEnd());
          line = ch === ' ' ? '' : line.slice(line.length);
        }
        if (ch === ' ') continue;
      }
      if (!(line === '' && ch === ' ' && out.length > 0)) line += ch;
    }
    out.push(line);
  }
  return out;
}

const hex = (s: string) =>
  [...s]
    .flatMap((ch) => {
      const units: string[] = [];
      for (let i = 0; i < ch.length; i++) units.push(ch.charCodeAt(i).toString(16).padStart(4, '0'));
      return units;
    })
    .join('');

interface Drawn {
  x: number;
  y: number;
  text: string;
}

export function layoutPages(spec: TableSpec, header: SpanCell[]): Drawn[][] {
  const width = spec.width;
  const cells = placed(spec);
  // Column widths from the text they hold, at least their header's width.
  const weight = Array.from({ length: width }, () => 1);
  for (const { cell, col } of cells)
    if (cell.colSpan === 1) weight[col] = Math.max(weight[col], Math.sqrt(textWidth(cell.text)));
  const total = weight.reduce((a, b) => a + b, 0);
  const usable = PAGE_W - 2 * MARGIN;
  const colW = weight.map((w) => (w / total) * usable);
  header.forEach((h, i) => {
    colW[i] = Math.max(colW[i], textWidth(h.text) + 2 * PAD + 2);
  });
  const scale = usable / colW.reduce((a, b) => a + b, 0);
  for (let i = 0; i < colW.length; i++) colW[i] *= scale;
  const colX = colW.map((_, i) => MARGIN + colW.slice(0, i).reduce((a, b) => a + b, 0));
  const pages: Drawn[][] = [[]];
  let y = MARGIN;
  let page = pages[0];
  for (const p of spec.preamble) {
    page.push({ x: (PAGE_W - textWidth(p)) / 2, y: y + SIZE, text: p });
    y += LEADING + 4;
  }
  const byRow = new Map<number, typeof cells>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  const headerRow = spec.rows.indexOf(header);
  const drawRow = (row: typeof cells) => {
    const wrapped = row.map((c) => {
      const w = colX[c.col + c.cell.colSpan - 1] + colW[c.col + c.cell.colSpan - 1] - colX[c.col] - 2 * PAD;
      return { c, lines: wrap(c.cell.text, w) };
    });
    const height = Math.max(1, ...wrapped.map((w) => w.lines.length)) * LEADING + 2 * PAD;
    return { wrapped, height };
  };
  const put = (row: typeof cells) => {
    const { wrapped, height } = drawRow(row);
    if (y + height > PAGE_H - MARGIN - 20) {
      page.push({ x: PAGE_W / 2 - 10, y: PAGE_H - MARGIN, text: `— ${pages.length} —` });
      page = [];
      pages.push(page);
      y = MARGIN;
      if (headerRow >= 0 && row !== byRow.get(headerRow)) put(byRow.get(headerRow) ?? []);
      return put(row);
    }
    for (const { c, lines } of wrapped)
      lines.forEach((text, i) => {
        if (text) page.push({ x: colX[c.col] + PAD, y: y + PAD + SIZE + i * LEADING, text });
      });
    y += height;
  };
  for (let r = 0; r < spec.rows.length; r++) put(byRow.get(r) ?? []);
  page.push({ x: PAGE_W / 2 - 10, y: PAGE_H - MARGIN, text: `— ${pages.length} —` });
  return pages;
}

function toUnicodeCMap(): string {
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    if (hi >= 0xd8 && hi <= 0xdf) continue;
    const h = hi.toString(16).padStart(2, '0');
    ranges.push(`<${h}00> <${h}ff> <${h}00>`);
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const part = ranges.slice(i, i + 100);
    blocks.push(`${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`);
  }
  return `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <ffff> endcodespacerange
${blocks.join('\n')}
endcmap CMapName currentdict /CMap defineresource pop end end`;
}

/** The PDF file: one content stream per page, text only. `pages` of drawn text (y from the top). */
export function pdfBytes(pages: Drawn[][]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const enc = new TextEncoder();
  const stream = (dict: string, data: string) =>
    `<< ${dict} /Length ${enc.encode(data).length} >>\nstream\n${data}\nendstream`;
  const catalog = add('');
  const pagesObj = add('');
  const cmap = add(stream('', toUnicodeCMap()));
  const descriptor = add(
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>',
  );
  const cid = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [0 126 500] /CIDToGIDMap /Identity >>`,
  );
  const font = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${cmap} 0 R >>`,
  );
  const kids: number[] = [];
  for (const drawn of pages) {
    const ops = drawn
      .map(
        (d) =>
          `BT /F1 ${SIZE} Tf 1 0 0 1 ${d.x.toFixed(2)} ${(PAGE_H - d.y).toFixed(2)} Tm <${hex(d.text)}> Tj ET`,
      )
      .join('\n');
    const content = add(stream('', ops));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const chunks: Uint8Array[] = [];
  let length = 0;
  const write = (s: string, latin1 = false) => {
    const b = latin1 ? Uint8Array.from(s, (c) => c.charCodeAt(0)) : enc.encode(s);
    chunks.push(b);
    length += b.length;
  };
  write(out, true);
  out = '';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    write(`${i + 1} 0 obj\n${body}\nendobj\n`);
  });
  const xref = length;
  write(
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`,
  );
  write(`trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

export function writePdf(spec: TableSpec): Uint8Array {
  const header = spec.rows.find((r) => r.length === spec.width) ?? spec.rows[0];
  return pdfBytes(layoutPages(spec, header));
}
