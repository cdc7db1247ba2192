/**
 * The fonts documents are drawn with (the chart's text, the PDF): the CJK faces Debian's fonts-noto-cjk
 * installs, found once per process, each file read once and each face parsed once (fontkit). A Noto
 * CJK collection (.ttc) holds ten faces of 20–27 MB; only the Simplified Chinese one is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';

const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];

/** The four CJK styles a document needs (黑体-like sans, 宋体/仿宋-like serif), each most preferred first. */
const WANTED = {
  sans: [/^NotoSansCJK-Regular\.ttc$/i, /^NotoSansCJKsc-Regular\.otf$/i, /^NotoSansSC-Regular\.otf$/i],
  sansBold: [/^NotoSansCJK-Bold\.ttc$/i, /^NotoSansCJKsc-Bold\.otf$/i, /^NotoSansSC-Bold\.otf$/i],
  serif: [/^NotoSerifCJK-Regular\.ttc$/i, /^NotoSerifCJKsc-Regular\.otf$/i, /^NotoSerifSC-Regular\.otf$/i],
  serifBold: [/^NotoSerifCJK-Bold\.ttc$/i, /^NotoSerifCJKsc-Bold\.otf$/i, /^NotoSerifSC-Bold\.otf$/i],
} as const;
/** Other CJK fonts, for a machine without Noto CJK: any of them draws Chinese. */
const OTHER_CJK = [/NotoSansCJK.*\.(ttc|otf)$/i, /(wqy|Droid.*Fallback|SourceHan)/i];

export type FontStyle = keyof typeof WANTED;

export interface DocumentFonts {
  /** Font files per style (null: none of that style; `cjk` below stands in). */
  files: Record<FontStyle, string | null>;
  /** The CJK font file charts and PDFs fall back to (null: this machine has none). */
  cjk: string | null;
  /** A Latin font for the note that CJK fonts are missing. */
  latin: string | null;
}

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > 4) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out, depth + 1);
    else if (/\.(ttc|ttf|otf)$/i.test(e.name)) out.push(p);
  }
}

let found: DocumentFonts | undefined;

/** The font files of this machine that documents use, looked up once per process. */
export function documentFonts(): DocumentFonts {
  if (found) return found;
  const all: string[] = [];
  for (const d of FONT_DIRS) walk(d, all);
  all.sort();
  const pick = (res: readonly RegExp[]) =>
    res.map((re) => all.find((f) => re.test(path.basename(f)))).find(Boolean) ?? null;
  const files = {
    sans: pick(WANTED.sans),
    sansBold: pick(WANTED.sansBold),
    serif: pick(WANTED.serif),
    serifBold: pick(WANTED.serifBold),
  };
  const cjk = files.sans ?? files.serif ?? pick(OTHER_CJK);
  const latin = all.find((f) => /DejaVuSans\.ttf$/i.test(f)) ?? all.find((f) => /\.ttf$/i.test(f)) ?? null;
  found = { files, cjk, latin };
  return found;
}

/** The file for a style: the style's own, else the machine's CJK font, else the Latin one. */
export function fontFile(style: FontStyle): string | null {
  const f = documentFonts();
  return f.files[style] ?? f.cjk ?? f.latin;
}

const bytes = new Map<string, Buffer>();

/** A font file's bytes, read once per process. */
export function fontBytes(file: string): Buffer {
  let b = bytes.get(file);
  if (!b) {
    b = fs.readFileSync(file);
    bytes.set(file, b);
  }
  return b;
}

export interface LoadedFace {
  file: string;
  font: fontkit.Font;
  /** The face's PostScript name: which face of a collection it is. */
  postscriptName: string;
}

const faces = new Map<string, LoadedFace>();

/** The Simplified Chinese face of a font file (of a collection: the `…sc…`/`…SC…` face), parsed once. */
export function fontFace(file: string): LoadedFace {
  const seen = faces.get(file);
  if (seen) return seen;
  const parsed = fontkit.create(fontBytes(file));
  let font: fontkit.Font;
  if ('fonts' in parsed) {
    const list = parsed.fonts;
    const sc = list.find((f) => /CJKsc-|SC-|SC$/.test(f.postscriptName)) ?? list[0];
    if (!sc) throw new Error(`${file}: a font collection without fonts`);
    font = sc;
  } else font = parsed;
  const face = { file, font, postscriptName: font.postscriptName };
  faces.set(file, face);
  return face;
}
