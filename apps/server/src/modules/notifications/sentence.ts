/** A comment ends a sentence once: `…扫描件。` stays as it is, `…扫描件` gets its `。` (never `。。`). */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  return /[。！？；.!?;…]$/u.test(t) ? t : `${t}。`;
}
