/** Documents in tests: a download's bytes, a PDF's text per page (pdfjs-dist), a .docx's body and table rows. */
import { strFromU8, unzipSync } from 'fflate';
import type { World } from './context.ts';

export async function download(w: World, url: string, cookie: string) {
  const res = await w.app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
}

/** The text of each page, its items joined (pdfjs splits lines into items). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((x) => ('str' in x ? x.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** `word/document.xml` of a .docx. */
export const docxXml = (bytes: Uint8Array) =>
  strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml'] as Uint8Array);

/** The rows of every table of a .docx, each row its cells' texts. */
export function docxRows(bytes: Uint8Array): string[][] {
  return docxXml(bytes)
    .split(/<w:tr[ >]/)
    .slice(1)
    .map((tr) =>
      (tr.split('</w:tr>')[0] as string)
        .split('<w:tc>')
        .slice(1)
        .map((tc) => [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    );
}
