/**
 * Hostile containers for the refusal tests: zip bombs (.docx and .xlsx, with honest or lying sizes) and
 * XML parts with a DTD (external entities, billion laughs). The bombs are deflated natively in 1 MiB
 * pushes, so making one costs a fraction of a second and never holds its inflated bytes.
 */
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';
import { strToU8, unzipSync, Zip, type ZipInputFile, ZipPassThrough, zipSync } from 'fflate';

const MiB = 1024 * 1024;

export const CONTENT_TYPES = strToU8(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

const XLSX_PARTS: Record<string, Uint8Array> = {
  '[Content_Types].xml': CONTENT_TYPES,
  'xl/workbook.xml': strToU8(
    '<workbook xmlns:r="r"><sheets><sheet name="任务分工" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
  'xl/_rels/workbook.xml.rels': strToU8(
    '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
};

/** `head`, then `mib` MiB of spaces, then `tail`, as raw deflate (level 9) with its CRC and size. */
async function deflated(head: string, mib: number, tail: string) {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = once(d, 'end');
  const first = Buffer.from(head);
  const last = Buffer.from(tail);
  const block = Buffer.alloc(MiB, 0x20);
  let crc = crc32(first);
  d.write(first);
  for (let i = 0; i < mib; i++) {
    crc = crc32(block, crc);
    if (!d.write(block)) await once(d, 'drain');
  }
  crc = crc32(last, crc);
  d.end(last);
  await ended;
  return { data: Buffer.concat(out), crc, size: first.length + mib * MiB + last.length };
}

/** A zip of these small parts plus one deflated entry; `claimed` is the size both headers declare for it. */
function zipWith(
  small: Record<string, Uint8Array>,
  name: string,
  big: { data: Uint8Array; crc: number; size: number },
  claimed = big.size,
): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [n, data] of Object.entries(small)) {
    const entry = new ZipPassThrough(n);
    zip.add(entry);
    entry.push(data, true);
  }
  const entry: ZipInputFile = { filename: name, size: claimed, crc: big.crc, compression: 8 };
  zip.add(entry);
  entry.ondata?.(null, new Uint8Array(big.data), true);
  zip.end();
  return Buffer.concat(out.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
}

/**
 * A zip bomb: the document part (.docx's word/document.xml or .xlsx's first sheet) inflates to `mib`
 * MiB of spaces inside one text run. With `lie`, both the local header and the central directory claim
 * the part is 4 KiB (a bomb that hides its size from a reader trusting the directory).
 */
export async function zipBomb(kind: 'docx' | 'xlsx', mib: number, lie = false): Promise<Uint8Array> {
  const claimed = lie ? 4096 : undefined;
  if (kind === 'docx') {
    const part = await deflated(
      '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>',
      mib,
      '</w:t></w:r></w:p></w:body></w:document>',
    );
    return zipWith({ '[Content_Types].xml': CONTENT_TYPES }, 'word/document.xml', part, claimed);
  }
  const part = await deflated(
    '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
    mib,
    '</t></is></c></row></sheetData></worksheet>',
  );
  return zipWith(XLSX_PARTS, 'xl/worksheets/sheet1.xml', part, claimed);
}

/** The inflated sizes a zip's central directory declares, by entry name. */
export function declaredSizes(bytes: Uint8Array): Record<string, number> {
  const sizes: Record<string, number> = {};
  unzipSync(bytes, {
    filter: (f) => {
      sizes[f.name] = f.originalSize;
      return false;
    },
  });
  return sizes;
}

const XXE = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
/** Ten levels of ten: `&lol9;` expands to 10^9 `lol`s (3 GB) in a parser that expands entities. */
const LAUGHS = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
).join('')}]>`;

/** A .docx whose document.xml declares an external entity and uses it in a cell's text. */
export const xxeDocx = () =>
  zipSync({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': strToU8(
      `<?xml version="1.0"?>${XXE}<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`,
    ),
  });

/** An .xlsx whose sheet (`where: 'sheet'`) uses an external entity, or whose shared strings laugh. */
export function xxeXlsx(where: 'sheet' | 'sharedStrings'): Uint8Array {
  const sheet =
    where === 'sheet'
      ? `<?xml version="1.0"?>${XXE}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`
      : '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';
  const parts: Record<string, Uint8Array> = { ...XLSX_PARTS, 'xl/worksheets/sheet1.xml': strToU8(sheet) };
  if (where === 'sharedStrings')
    parts['xl/sharedStrings.xml'] = strToU8(
      `<?xml version="1.0"?>${LAUGHS}<sst><si><t>&lol9;</t></si></sst>`,
    );
  return zipSync(parts);
}

/** A saved web page whose DOCTYPE carries an internal subset: an external entity and the laughs. */
export const xxeHtml = () =>
  strToU8(
    `<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">${LAUGHS.slice('<!DOCTYPE lolz ['.length, -2)}]><html><body><table><tr><td>序号</td><td>工作措施</td><td>牵头单位</td><td>完成时限</td></tr><tr><td>1</td><td>&xxe;&lol9;</td><td>市生态环境局</td><td>年底前</td></tr></table></body></html>`,
  );
