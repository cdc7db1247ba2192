/**
 * Searching Chinese text as the lists do, in the browser and in the server's exports alike. Chinese has no
 * spaces between words, so a query matches as a substring after folding what extraction makes
 * inconsistent: full-width forms (ＶＯＣｓ, ６月), case, and whitespace (`VOCs含量` finds `VOCs 含量`).
 * Several terms separated by spaces must all match.
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
