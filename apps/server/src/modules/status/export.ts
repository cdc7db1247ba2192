/** Lists as CSV for Excel: UTF-8 with a BOM, every cell quoted, formula-like cells neutralised. */

/** A cell that Excel would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
