/**
 * Full-text search for Chinese plan text in the browser. Chinese has no spaces between words, so a
 * query matches as a substring after folding what the extraction makes inconsistent: full-width forms
 * (ＶＯＣｓ, ６月), case, and whitespace (`VOCs含量` finds `VOCs 含量`). Several terms separated by spaces
 * must all match.
 */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function searchTerms(query: string): string[] {
  return query.normalize('NFKC').split(/\s+/).map(fold).filter(Boolean);
}

/** True when every term occurs in one of the texts. */
export function matchesAll(terms: readonly string[], texts: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = texts.map(fold).join('\u0000');
  return terms.every((t) => haystack.includes(t));
}

/**
 * Split `text` into parts, marking those that match a term, for highlighting. Matching ignores
 * whitespace and width like `fold`, so the marked parts are ranges of the original text.
 */
export function highlightParts(text: string, terms: readonly string[]): { text: string; match: boolean }[] {
  if (terms.length === 0 || !text) return [{ text, match: false }];
  // Map every folded character back to its position in the original.
  const folded: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = fold(text[i] as string);
    for (const ch of f) {
      folded.push(ch);
      origin.push(i);
    }
  }
  const flat = folded.join('');
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const at = flat.indexOf(term, from);
      if (at < 0) break;
      const start = origin[at] as number;
      const end = origin[at + term.length - 1] as number;
      for (let i = start; i <= end; i++) marked[i] = true;
      from = at + 1;
    }
  }
  const parts: { text: string; match: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    const ch = text[i] as string;
    if (last && last.match === marked[i]) last.text += ch;
    else parts.push({ text: ch, match: marked[i] as boolean });
  }
  return parts;
}
