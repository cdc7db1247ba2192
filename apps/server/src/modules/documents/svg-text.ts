/**
 * ECharts' SVG text as outlines, so that resvg needs no font at all. resvg re-reads and re-parses the
 * font file for every text element (a Noto CJK collection is 20 MB: 15 ms a label idle, seconds a
 * chart under load); here the face is parsed once per process (`fonts.ts`) and each glyph's outline
 * kept. zrender writes every text alike (`dominant-baseline="central"`, `text-anchor`, a font style,
 * `x`/`y`, a transform); a text written otherwise is left as it is and `textToPaths` says so.
 */
import type { Font, Glyph } from 'fontkit';

export interface TextFonts {
  regular: Font;
  bold: Font;
}

const TEXT = /<text\b([^>]*)>([^<]*)<\/text>/g;
const ATTR = /([\w:-]+)="([^"]*)"/g;
/** Attributes that only a text has: dropped from the path. */
const TEXT_ONLY = new Set(['dominant-baseline', 'text-anchor', 'style', 'x', 'y', 'xml:space']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (m, hex?: string, dec?: string, name?: string) => {
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return ENTITIES[name ?? ''] ?? m;
  });
}
const attrEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Font size (px) and weight from zrender's style: `font-size:18px;font-family:…;font-weight:bold;` or `font: bold 18px …`. */
function fontOf(style: string): { size: number; bold: boolean } | null {
  const size = style.match(/font-size:\s*([\d.]+)px/)?.[1] ?? style.match(/font:[^;]*?([\d.]+)px/)?.[1];
  if (!size) return null;
  const weight = style.match(/font-weight:\s*(\w+)/)?.[1] ?? style.match(/font:([^;]*?)[\d.]+px/)?.[1] ?? '';
  return { size: Number(size), bold: /bold|[6-9]00/.test(weight) };
}

const outlines = new WeakMap<Font, Map<number, string>>();

/** A glyph's outline in font units as path data with y pointing down (SVG's way), kept per font. */
function outline(font: Font, glyph: Glyph): string {
  let cache = outlines.get(font);
  if (!cache) {
    cache = new Map();
    outlines.set(font, cache);
  }
  let d = cache.get(glyph.id);
  if (d === undefined) {
    d = glyph.path.scale(1, -1).toSVG();
    cache.set(glyph.id, d);
  }
  return d;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One text element as a path, or null when it is not written the way zrender writes texts. */
function textPath(attrs: string, content: string, fonts: TextFonts): string | null {
  const a = new Map<string, string>();
  for (const m of attrs.matchAll(ATTR)) a.set(m[1] as string, m[2] as string);
  const baseline = a.get('dominant-baseline');
  if (baseline !== undefined && baseline !== 'central') return null;
  const style = fontOf(a.get('style') ?? '');
  if (!style) return null;
  const font = style.bold ? fonts.bold : fonts.regular;
  const text = decode(content);
  const run = font.layout(text);
  const scale = style.size / font.unitsPerEm;
  const width = run.advanceWidth * scale;
  const anchor = a.get('text-anchor') ?? 'start';
  const x0 = Number(a.get('x') ?? 0) - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
  // `central`: the middle of the ideographic em box (OS/2 typo ascender and descender), as browsers place it.
  const os2 = font['OS/2'];
  const central = os2?.typoAscender ? (os2.typoAscender + os2.typoDescender) / 2 : font.unitsPerEm * 0.38;
  const y0 = Number(a.get('y') ?? 0) + central * scale;
  const parts: string[] = [];
  let pen = 0;
  run.glyphs.forEach((g, i) => {
    const pos = run.positions[i];
    const d = outline(font, g);
    if (d) {
      const gx = round(x0 + (pen + (pos?.xOffset ?? 0)) * scale);
      const gy = round(y0 - (pos?.yOffset ?? 0) * scale);
      parts.push(`<path transform="translate(${gx} ${gy}) scale(${round(scale * 1e4) / 1e4})" d="${d}"/>`);
    }
    pen += pos?.xAdvance ?? g.advanceWidth;
  });
  const kept = [...a]
    .filter(([k]) => !TEXT_ONLY.has(k))
    .map(([k, v]) => ` ${k}="${attrEscape(v)}"`)
    .join('');
  // A text's default fill is black; so is a group's.
  return `<g${kept}>${parts.join('')}</g>`;
}

/** The SVG with each of zrender's texts drawn as outlines; `left` counts the texts left as text. */
export function textToPaths(svg: string, fonts: TextFonts): { svg: string; left: number } {
  const out = svg.replace(TEXT, (m, attrs: string, content: string) => textPath(attrs, content, fonts) ?? m);
  return { svg: out, left: out.match(/<text\b/g)?.length ?? 0 };
}
