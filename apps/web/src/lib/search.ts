/**
 * Full-text search for Chinese plan text in the browser: folding and matching live in @lantian/core
 * (the server's exports filter with the same rules); highlighting is the page's.
 */
import { fold } from '@lantian/core';

export { fold, matchesAll, searchTerms } from '@lantian/core';

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
