import { describe, expect, it } from 'vitest';
import { chartFonts } from './bulletin.chart.ts';
import { fontFace } from './fonts.ts';
import { textToPaths } from './svg-text.ts';

const file = chartFonts().cjk ?? chartFonts().latin;

const text = (anchor: string, content: string, style = 'font-size:20px;font-family:Noto Sans CJK SC;') =>
  `<text dominant-baseline="central" text-anchor="${anchor}" style="${style}" x="100" y="50" fill="#333">${content}</text>`;

/** The x of each glyph's translate(x y) in the converted SVG. */
const glyphXs = (svg: string) =>
  [...svg.matchAll(/translate\(([\d.-]+) ([\d.-]+)\)/g)].map((m) => Number(m[1]));

describe.skipIf(!file)('textToPaths', () => {
  const face = fontFace(file as string).font;
  const fonts = { regular: face, bold: face };

  it('draws zrender texts as outlines, one per glyph, keeping the fill', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${text('start', '预警 A&amp;B')}</svg>`;
    const out = textToPaths(svg, fonts);
    expect(out.left).toBe(0);
    expect(out.svg).not.toContain('<text');
    expect(out.svg).toContain('fill="#333"');
    expect(out.svg).not.toContain('text-anchor');
    // 预 警 A & B: five outlines (the space has none); the first starts at x.
    const xs = glyphXs(out.svg);
    expect(xs).toHaveLength(5);
    expect(xs[0]).toBe(100);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('places middle- and end-anchored texts left of x by half and all of their width', () => {
    const start = glyphXs(textToPaths(text('start', '排名'), fonts).svg);
    const middle = glyphXs(textToPaths(text('middle', '排名'), fonts).svg);
    const end = glyphXs(textToPaths(text('end', '排名'), fonts).svg);
    const width = 2 * 20; // two full-width characters of 20 px
    expect(middle[0]).toBeCloseTo(100 - width / 2, 0);
    expect(end[0]).toBeCloseTo(100 - width, 0);
    expect(start[1]).toBeCloseTo(120, 0);
  });

  it('leaves a text written otherwise as text and counts it', () => {
    const odd = '<text dominant-baseline="hanging" style="font-size:12px" x="1" y="2">a</text>';
    const out = textToPaths(`<svg>${odd}${text('start', '一')}</svg>`, fonts);
    expect(out.left).toBe(1);
    expect(out.svg).toContain(odd);
  });

  it('leaves a text without a font size as text', () => {
    const out = textToPaths(text('start', '一', 'font-family:x'), fonts);
    expect(out.left).toBe(1);
  });
});
