/**
 * .html / .htm saved from a government site: the page's tables with rowspan/colspan resolved; layout
 * tables (a table holding tables) and the page's navigation are not tables of the plan. The paragraphs and
 * headings before the first table are the preamble (title, 文号).
 */
import { decodeText, PlanParseError, type SourceDocument, type SourceTable } from '@lantian/core';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { cellText, Grid } from './grid.ts';
import type { IntakeLimits } from './limits.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (n: Node): n is Element => 'tagName' in n;
const kids = (n: Node): Node[] => ('childNodes' in n ? n.childNodes : []);
const IGNORED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'nav',
  'header',
  'footer',
  'select',
  'button',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
]);

/** The page's text decoded: its BOM or `<meta charset>` first, then the usual guess (UTF-8, GB18030). */
function decodePage(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const charset = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (charset && /^(gb2312|gbk|gb18030)$/.test(charset)) return new TextDecoder('gb18030').decode(bytes);
  if (charset === 'utf-8' || charset === 'utf8') return new TextDecoder('utf-8').decode(bytes);
  return decodeText(bytes).text;
}

/** Text of a node as lines (block elements and <br> break lines). */
function lines(n: Node, out: string[] = ['']): string[] {
  if (!isElement(n)) {
    if (n.nodeName === '#text')
      out[out.length - 1] += (n as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ');
    return out;
  }
  if (IGNORED.has(n.tagName)) return out;
  const block = BLOCK.has(n.tagName);
  if (block && out[out.length - 1].trim()) out.push('');
  for (const c of kids(n)) lines(c, out);
  if (block && out[out.length - 1].trim()) out.push('');
  return out;
}

const attrOf = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const span = (e: Element, name: string) => {
  const v = Number(attrOf(e, name));
  return Number.isInteger(v) && v > 0 ? Math.min(v, 1000) : 1;
};

function rowsOf(table: Element): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (const c of kids(n)) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') out.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') walk(c);
    }
  };
  walk(table);
  return out;
}

function readTable(
  table: Element,
  index: number,
  limits: IntakeLimits,
  count: { cells: number },
): SourceTable {
  const grid = new Grid();
  rowsOf(table).forEach((tr, r) => {
    let c = 0;
    for (const td of kids(tr)) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      c = grid.nextFree(r, c);
      const cs = span(td, 'colspan');
      const rs = span(td, 'rowspan');
      count.cells += cs * rs;
      if (count.cells > limits.maxCells)
        throw new PlanParseError('CONTAINER_LIMIT', `网页中的表格单元格超过 ${limits.maxCells} 个，已拒绝。`);
      grid.place(r, c, cellText(lines(td)), rs, cs);
      c += cs;
    }
  });
  const caption = kids(table).find((n) => isElement(n) && n.tagName === 'caption');
  const name = caption ? cellText(lines(caption)) : `第 ${index + 1} 张表格`;
  return { name, rows: grid.rows((i) => `网页${name}第 ${i + 1} 行`) };
}

const holdsTable = (n: Node): boolean =>
  kids(n).some((c) => isElement(c) && (c.tagName === 'table' || holdsTable(c)));

/**
 * A DOCTYPE with an internal subset (`<!DOCTYPE html [ … ]>`) or an entity declaration. An HTML parser
 * expands none of it (parse5 reads `&xxe;` as text), but no page saved from a site carries one, and
 * reading on would put the subset's tail into the plan's text: it is refused as the Office readers
 * refuse a DTD. A plain `<!DOCTYPE html PUBLIC "…" "….dtd">` is not a subset and reads as usual.
 */
const DTD_SUBSET = /<!DOCTYPE[^>[]*\[|<!ENTITY/i;

export function readHtml(bytes: Uint8Array, limits: IntakeLimits, who = '该网页'): SourceDocument {
  const page = decodePage(bytes);
  if (DTD_SUBSET.test(page))
    throw new PlanParseError(
      'XML_REFUSED',
      `${who}含有 DTD 实体声明（<!DOCTYPE … [ … ]> 或 <!ENTITY>），出于安全不予读取。从网站保存的网页不含这些内容，请重新保存网页或复制表格后上传。`,
    );
  const doc = parse(page);
  const preamble: string[] = [];
  const tables: SourceTable[] = [];
  const count = { cells: 0 };
  const walk = (n: Node) => {
    for (const c of kids(n)) {
      if (!isElement(c)) continue;
      if (IGNORED.has(c.tagName)) continue;
      if (c.tagName === 'table') {
        if (holdsTable(c)) {
          walk(c); // a layout table: its inner tables may be the plan
        } else tables.push(readTable(c, tables.length, limits, count));
      } else if (tables.length === 0 && /^(p|h[1-6])$/.test(c.tagName)) {
        const text = cellText(lines(c));
        if (text) preamble.push(...text.split('\n'));
      } else walk(c);
    }
  };
  walk(doc);
  return { format: 'html', preamble, tables, notes: [] };
}
