/**
 * XML parts of Office files, read with fast-xml-parser in document order. A DTD is refused outright
 * (no entity of any kind is ever expanded: no XXE, no billion laughs); Office never writes one.
 */
import { PlanParseError } from '@lantian/core';
import { XMLParser } from 'fast-xml-parser';

/** One element in document order: its tag, attributes (without prefix) and children; or a text node. */
export interface XmlNode {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
});

type Raw = Record<string, unknown>;

function convert(raw: Raw): XmlNode | undefined {
  if ('#text' in raw) return { tag: '#text', attrs: {}, children: [], text: String(raw['#text']) };
  const tag = Object.keys(raw).find((k) => k !== ':@');
  if (!tag || tag.startsWith('?')) return undefined;
  const attrs = (raw[':@'] as Record<string, string> | undefined) ?? {};
  const kids = (raw[tag] as Raw[] | undefined) ?? [];
  return { tag, attrs, children: kids.map(convert).filter((n): n is XmlNode => n !== undefined) };
}

const decoder = new TextDecoder('utf-8');

/** Parse one part; `where` names it in messages (`文件“x.docx”的 word/document.xml`). */
export function parseXml(bytes: Uint8Array, where: string): XmlNode[] {
  const text = decoder.decode(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new PlanParseError(
      'XML_REFUSED',
      `${where}含有 DTD 或实体声明（<!DOCTYPE/<!ENTITY>），出于安全不予读取。正常的 Office 文档不含这些内容。`,
    );
  try {
    return (parser.parse(text) as Raw[]).map(convert).filter((n): n is XmlNode => n !== undefined);
  } catch (e) {
    throw new PlanParseError('CORRUPT_FILE', `${where}不是有效的 XML：${(e as Error).message}`);
  }
}

/** The first element with this tag, searching depth-first. */
export function find(nodes: XmlNode[], tag: string): XmlNode | undefined {
  for (const n of nodes) {
    if (n.tag === tag) return n;
    const inner = find(n.children, tag);
    if (inner) return inner;
  }
  return undefined;
}

export const childrenNamed = (node: XmlNode | undefined, tag: string): XmlNode[] =>
  node ? node.children.filter((c) => c.tag === tag) : [];

export const child = (node: XmlNode | undefined, tag: string): XmlNode | undefined =>
  node?.children.find((c) => c.tag === tag);

/** Every text node under this node, concatenated. */
export function allText(node: XmlNode): string {
  if (node.text !== undefined) return node.text;
  return node.children.map(allText).join('');
}
