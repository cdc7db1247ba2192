import { halfWidthAlnum } from './normalize.ts';

/** An extraction artefact that cleaning repaired, for the parse warnings. */
export interface Repair {
  kind: 'subscript' | 'date_spacing' | 'markup';
  from: string;
  to: string;
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  ensp: ' ',
  emsp: ' ',
};
const SUBSCRIPT_DIGITS: Record<string, string> = {
  '₀': '0',
  '₁': '1',
  '₂': '2',
  '₃': '3',
  '₄': '4',
  '₅': '5',
  '₆': '6',
  '₇': '7',
  '₈': '8',
  '₉': '9',
  ₓ: 'x',
  '.': '.',
};

// A CJK ideograph or CJK/full-width punctuation: no space is needed next to these.
const WIDE =
  '[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFF0F\\uFF1A-\\uFF20\\u3000-\\u303F\\u2018-\\u201F\\u2014\\u2026\\u00B7\\u300A-\\u300F]';
const NARROW = '[A-Za-z0-9%.]';
const RE_WIDE_GAP = new RegExp(`(${WIDE})[ \\t\\u3000\\u00A0]+(?=${WIDE}|${NARROW})`, 'g');
const RE_NARROW_GAP = new RegExp(`(${NARROW})[ \\t\\u3000\\u00A0]+(?=${WIDE})`, 'g');
const RE_SENTENCE_GAP = /([。；！？])[ \t\u3000\u00A0]+(?=\S)/g;

/** Decode the few HTML entities and tags that survive PDF-to-text extraction; `<p>` becomes a paragraph. */
function stripMarkup(s: string, repairs: Repair[]): string {
  if (!s.includes('<') && !s.includes('&')) return s;
  let out = s.replace(/<\s*(sub|sup)\s*>([^<]{0,12})<\s*\/\s*\1\s*>/gi, (m, _t, inner: string) => {
    repairs.push({ kind: 'subscript', from: m, to: inner });
    return inner;
  });
  out = out.replace(/<\s*\/?\s*(p|br|div|li)\b[^>]*>/gi, '\n');
  out = out.replace(/<\s*\/?\s*(span|font|b|i|u|strong|em|a)\b[^>]*>/gi, '');
  out = out.replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return out;
}

/** `NO _x` → NOx, `PM _{2.5}` → PM2.5, `PM 2.5` → PM2.5, `NOₓ` → NOx. */
function repairSubscripts(s: string, repairs: Repair[]): string {
  if (!/[_₀-₉ₓ]|PM/.test(s)) return s;
  let out = s.replace(
    /([A-Za-z]+)[ \t]*_[ \t]*\{[ \t]*([0-9A-Za-z.]{1,6})[ \t]*\}/g,
    (m, a: string, b: string) => {
      repairs.push({ kind: 'subscript', from: m, to: a + b });
      return a + b;
    },
  );
  out = out.replace(
    /([A-Za-z]+)[ \t]*_[ \t]*([0-9xX][0-9.]{0,3})(?![0-9A-Za-z])/g,
    (m, a: string, b: string) => {
      repairs.push({ kind: 'subscript', from: m, to: a + b });
      return a + b;
    },
  );
  out = out.replace(/\b(PM)[ \t]+(2\.5|10)(?![0-9])/g, (m, a: string, b: string) => {
    repairs.push({ kind: 'subscript', from: m, to: a + b });
    return a + b;
  });
  out = out.replace(/([A-Za-z]+)([₀-₉ₓ][₀-₉ₓ.]*)/g, (m, a: string, b: string) => {
    const to = a + [...b].map((c) => SUBSCRIPT_DIGITS[c] ?? c).join('');
    repairs.push({ kind: 'subscript', from: m, to });
    return to;
  });
  return out;
}

/** `6 月底前` → `6月底前`, `2022 年` → `2022年`, `11 月 15 日` → `11月15日`. */
function repairDateSpacing(s: string, repairs: Repair[]): string {
  if (!/\d[ \t\u3000]|[年月][ \t\u3000]/.test(s)) return s;
  return s.replace(/(\d+)[ \t\u3000]+([年月日号])|([年月])[ \t\u3000]+(\d+)/g, (m, d1, u1, u2, d2) => {
    const to = d1 !== undefined ? d1 + u1 : u2 + d2;
    repairs.push({ kind: 'date_spacing', from: m, to });
    return to;
  });
}

const WIDEN: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};
const RE_NARROW_PUNCT = /"([^"\n]{1,80})"|(?<!\d)[,:]|[,:](?!\d)|[;?!()]/g;

/** Half-width punctuation written inside Chinese text, in its full-width form (`1,000` and `10:30` stay). */
function widenPunctuation(s: string): string {
  if (!/[",;:?!()]/.test(s)) return s;
  return s.replace(RE_NARROW_PUNCT, (m, quoted: string | undefined) =>
    quoted !== undefined ? `“${quoted}”` : (WIDEN[m] ?? m),
  );
}

function tidyParagraph(p: string): string {
  let s = widenPunctuation(p);
  if (!/[ \t\u3000\u00A0]/.test(s)) return s.trim();
  s = s.replace(RE_SENTENCE_GAP, '$1\n');
  s = s.replace(RE_WIDE_GAP, '$1').replace(RE_NARROW_GAP, '$1');
  return s
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000\u00A0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Clean a text cell (a measure, a task name, a title): markup out, artefacts repaired, stray spaces
 * removed, Chinese punctuation in its full-width form, paragraphs kept as `\n`.
 */
export function cleanText(raw: string): { text: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  let s = stripMarkup(raw, repairs);
  s = halfWidthAlnum(s)
    .replace(/％/g, '%')
    .replace(/(\d)．(?=\d)/g, '$1.');
  s = repairSubscripts(s, repairs);
  s = repairDateSpacing(s, repairs);
  const text = s.split(/\r?\n/).map(tidyParagraph).filter(Boolean).join('\n');
  return { text, repairs };
}

/** Clean a cell that is not prose (a unit list, a deadline): markup and artefacts only, spaces kept. */
export function cleanCell(raw: string): { text: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  let s = stripMarkup(raw, repairs);
  s = halfWidthAlnum(s);
  s = repairSubscripts(s, repairs);
  s = repairDateSpacing(s, repairs);
  return {
    text: s
      .replace(/[\r\n]+/g, ' ')
      .replace(/[ \t\u3000\u00A0]+/g, ' ')
      .trim(),
    repairs,
  };
}
