/**
 * Zip bombs as evidence (issue 13, item 6): an Office container is inflated once with its real output
 * counted (caps on total size and ratio), zips inside it count toward the same total, and a zip inside
 * a zip inside the file is refused. The bombs are made here in memory, streamed through fflate, never
 * written to disk.
 */
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { strToU8, Zip, type ZipInputFile, ZipPassThrough, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './helpers/files.ts';
import { reportBody, type SupervisionFixture, supervisionFixture } from './helpers/supervision.ts';

const MiB = 1024 * 1024;
const CONTENT_TYPES = strToU8('<?xml version="1.0"?><Types/>');
const DOCUMENT = strToU8('<?xml version="1.0"?><w:document><w:body>整改情况</w:body></w:document>');

/** A zip with these small entries plus one entry of `mib` MiB of zeros, deflated (natively) in memory. */
function zipWithZeros(small: Record<string, Uint8Array>, big: { name: string; mib: number }): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, data] of Object.entries(small)) {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(data, true);
  }
  const zeros = Buffer.alloc(big.mib * MiB);
  const entry: ZipInputFile = { filename: big.name, size: zeros.length, crc: crc32(zeros), compression: 8 };
  zip.add(entry);
  entry.ondata?.(null, deflateRawSync(zeros, { level: 9 }), true);
  zip.end();
  return Buffer.concat(out);
}

/** Rewrite every size the archive declares (local headers and central directory) to `claimed` bytes. */
function lieAboutSizes(b: Buffer, claimed: number): Buffer {
  const out = Buffer.from(b);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.readUInt16LE(i + 8) === 8) out.writeUInt32LE(claimed, i + 22);
    if (sig === 0x02014b50 && out.readUInt16LE(i + 10) === 8) out.writeUInt32LE(claimed, i + 24);
  }
  return out;
}

const docx = (extra: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {}) =>
  Buffer.from(
    zipSync({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': DOCUMENT, ...extra }, { level: 6 }),
  );

let f: SupervisionFixture;
let staff: string;
let reportId: string;
beforeAll(async () => {
  f = await supervisionFixture();
  staff = await f.login(f.B.staff);
  const saved = await f.w.api.put(
    `/api/v1/assignments/${f.assignment['1:B:responsible']}/reports/2022-06`,
    { version: 0, ...reportBody() },
    staff,
  );
  reportId = saved.body.report.id;
});
afterAll(() => f.w.close());

const upload = (name: string, content: Buffer) =>
  f.w.api.request({
    method: 'POST',
    url: `/api/v1/reports/${reportId}/evidence`,
    cookie: staff,
    ...multipart(name, content),
  });

const stored = async () =>
  (await f.w.ctx.db.kysely.selectFrom('attachments').select('id').where('owner_id', '=', reportId).execute())
    .length;

async function refused(name: string, content: Buffer, message: RegExp) {
  const before = await stored();
  const started = Date.now();
  const res = await upload(name, content);
  const ms = Date.now() - started;
  expect(res.status, `${name}: ${res.body.error?.message}`).toBe(422);
  expect(res.body.error.code).toBe('CONTAINER_LIMIT');
  expect(res.body.error.message).toMatch(message);
  expect(await stored()).toBe(before);
  return ms;
}

describe('Office containers uploaded as evidence are inflated within caps', () => {
  it('accepts a normal .docx, and one with an embedded workbook (one level of nesting)', async () => {
    const plain = await upload('整改报告.docx', docx());
    expect(plain.status).toBe(200);
    expect(plain.body.attachment.mediaType).toMatch(/wordprocessingml/);
    const workbook = zipSync({
      '[Content_Types].xml': CONTENT_TYPES,
      'xl/workbook.xml': strToU8('<workbook/>'),
    });
    const embedded = await upload(
      '附表.docx',
      docx({ 'word/embeddings/Microsoft_Excel_Worksheet.xlsx': workbook }),
    );
    expect(embedded.status).toBe(200);
  });

  it('refuses a .docx whose entries claim a few KB but inflate to 190 MiB, quickly, storing nothing', async () => {
    const bomb = lieAboutSizes(
      zipWithZeros(
        { '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': DOCUMENT },
        {
          name: 'word/media/image1.png',
          mib: 190,
        },
      ),
      4096,
    );
    expect(bomb.length).toBeLessThan(2 * MiB);
    const ms = await refused('整改报告.docx', bomb, /压缩炸弹/);
    expect(ms).toBeLessThan(6000);
  });

  it('refuses a .docx holding a zip that inflates to 150 MiB, naming the embedded file', async () => {
    const inner = zipWithZeros({}, { name: 'data.bin', mib: 150 });
    // Stored as it is (an embedded package usually is), so the outer directory's sizes look ordinary.
    const bomb = docx({ 'word/embeddings/package.zip': [inner, { level: 0 }] });
    const ms = await refused('整改报告.docx', bomb, /嵌入的“word\/embeddings\/package\.zip”.*压缩炸弹/);
    expect(ms).toBeLessThan(6000);
  });

  it('refuses a zip inside a zip inside the file, whatever its size', async () => {
    const deepest = zipSync({ 'a.txt': strToU8('a') });
    const middle = zipSync({ 'inner.zip': deepest });
    await refused('附件.docx', docx({ 'word/embeddings/outer.zip': middle }), /嵌套超过 1 层/);
  });

  it('counts a nested zip toward the same total (the cap is a setting)', async () => {
    const config = f.w.ctx.config.supervision;
    const saved = config.zipMaxInflatedBytes;
    config.zipMaxInflatedBytes = MiB;
    try {
      // Random bytes do not compress: 400 KB in the document and 400 KB in an embedded zip.
      const inner = zipSync({ 'data.bin': randomBytes(400 * 1024) }, { level: 0 });
      const alone = docx({ 'word/media/a.bin': randomBytes(400 * 1024) });
      expect((await upload('单层.docx', alone)).status).toBe(200);
      const nested = docx({ 'word/media/b.bin': randomBytes(400 * 1024), 'word/embeddings/x.zip': inner });
      await refused('两层.docx', nested, /解压后超过 1 MB/);
    } finally {
      config.zipMaxInflatedBytes = saved;
    }
  });
});
