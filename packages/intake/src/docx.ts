/** .docx: the document's tables (w:tbl, merges resolved) and the paragraphs before the first one. */
import type { SourceDocument, SourceTable } from '@lantian/core';
import { PlanParseError } from '@lantian/core';
import { cellText, Grid } from './grid.ts';
import type { IntakeLimits } from './limits.ts';
import { child, childrenNamed, find, parseXml, type XmlNode } from './xml.ts';
import type { ZipRead } from './zip.ts';

const SKIP = new Set([
  'w:del',
  'w:delText',
  'w:instrText',
  'w:rPr',
  'w:pPr',
  'w:tblPr',
  'w:tcPr',
  'w:trPr',
  'mc:Fallback',
]);

/** A paragraph's text: runs, tabs as spaces, breaks as new lines; deleted revisions and field codes left out. */
function paragraphText(p: XmlNode): string {
  let out = '';
  const walk = (n: XmlNode) => {
    if (SKIP.has(n.tag)) return;
    if (n.tag === 'w:t') out += n.children.map((c) => c.text ?? '').join('');
    else if (n.tag === 'w:tab') out += ' ';
    else if (n.tag === 'w:br' || n.tag === 'w:cr') out += '\n';
    else for (const c of n.children) walk(c);
  };
  walk(p);
  return out;
}

/** Every paragraph of a cell (nested tables included, in order), one line each. */
function cellLines(tc: XmlNode): string[] {
  const lines: string[] = [];
  const walk = (n: XmlNode) => {
    if (n.tag === 'w:p') lines.push(...paragraphText(n).split('\n'));
    else if (!SKIP.has(n.tag)) for (const c of n.children) walk(c);
  };
  for (const c of tc.children) walk(c);
  return lines;
}

const intAttr = (n: XmlNode | undefined, fallback: number) => {
  const v = Number(n?.attrs['w:val']);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

function readTable(tbl: XmlNode, index: number, limits: IntakeLimits, count: { cells: number }): SourceTable {
  const grid = new Grid();
  const rows = childrenNamed(tbl, 'w:tr');
  rows.forEach((tr, r) => {
    const trPr = child(tr, 'w:trPr');
    let c = intAttr(child(trPr, 'w:gridBefore'), 0);
    for (const tc of tr.children.filter((n) => n.tag === 'w:tc' || n.tag === 'w:sdt')) {
      const cell = tc.tag === 'w:sdt' ? find(tc.children, 'w:tc') : tc;
      if (!cell) continue;
      const tcPr = child(cell, 'w:tcPr');
      const span = intAttr(child(tcPr, 'w:gridSpan'), 1);
      const vMerge = child(tcPr, 'w:vMerge');
      const continues = vMerge !== undefined && vMerge.attrs['w:val'] !== 'restart';
      count.cells += span;
      if (count.cells > limits.maxCells)
        throw new PlanParseError('CONTAINER_LIMIT', `文档中的表格单元格超过 ${limits.maxCells} 个，已拒绝。`);
      if (continues) {
        for (let j = 0; j < span; j++)
          grid.set(r, c + j, { text: grid.at(r - 1, c + j)?.text ?? '', merged: 'up' });
      } else grid.place(r, c, cellText(cellLines(cell)), 1, span);
      c += span;
    }
  });
  return { name: `第 ${index + 1} 张表格`, rows: grid.rows((i) => `第 ${index + 1} 张表格第 ${i + 1} 行`) };
}

/** Read word/document.xml of an opened .docx. */
export function readDocx(zip: ZipRead, who: string, limits: IntakeLimits): SourceDocument {
  const part = zip.parts.get('word/document.xml');
  if (!part)
    throw new PlanParseError('CORRUPT_FILE', `${who}缺少正文（word/document.xml），不是完整的 Word 文档。`);
  const body = find(parseXml(part, `${who}的 word/document.xml`), 'w:body');
  const preamble: string[] = [];
  const tables: SourceTable[] = [];
  const count = { cells: 0 };
  const walk = (nodes: XmlNode[]) => {
    for (const n of nodes) {
      if (n.tag === 'w:tbl') tables.push(readTable(n, tables.length, limits, count));
      else if (n.tag === 'w:p') {
        if (tables.length === 0) {
          const text = cellText(paragraphText(n).split('\n'));
          if (text) preamble.push(text);
        }
      } else if (n.tag === 'w:sdt' || n.tag === 'w:sdtContent' || n.tag === 'w:customXml') walk(n.children);
    }
  };
  walk(body?.children ?? []);
  const notes = tables.length > 1 ? [`文档中有 ${tables.length} 张表格。`] : [];
  return { format: 'docx', preamble, tables, notes };
}
