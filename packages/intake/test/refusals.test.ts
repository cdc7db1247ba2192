import { PlanParseError } from '@lantian/core';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../src/index.ts';
import { CONTENT_TYPES } from './bombs.ts';
import { toDocx, toHtml, toXlsx } from './table-writers.ts';

async function refusal(bytes: Uint8Array, fileName: string): Promise<PlanParseError> {
  try {
    await parsePlanFile(bytes, { fileName });
  } catch (e) {
    if (e instanceof PlanParseError) return e;
    throw e;
  }
  throw new Error(`${fileName} was not refused`);
}

const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

/** A one-page PDF; with `text`, a line of it in Helvetica. */
function pdf(text?: string): Uint8Array {
  const stream = text ? `BT /F1 12 Tf 72 720 Td (${text}) Tj ET` : '';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return strToU8(body);
}

describe('files that are refused, saying why', () => {
  it('a zip with too many entries is refused from its directory, before inflating anything', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2100; i++) files[`x/${i}.txt`] = strToU8('x');
    const e = await refusal(zipSync(files), 'many.docx');
    expect(e.code).toBe('CONTAINER_LIMIT');
    expect(e.message).toMatch(/条目超过 2000 个（共 2100 个）/);
  });

  it('legacy Office and WPS files, encrypted OOXML, macro workbooks, other zips', async () => {
    expect((await refusal(OLE, '计划.doc')).code).toBe('LEGACY_FORMAT');
    expect((await refusal(OLE, '计划.xls')).code).toBe('LEGACY_FORMAT');
    expect((await refusal(OLE, '计划.wps')).message).toMatch(/另存为” \.docx 或 \.xlsx/);
    expect((await refusal(OLE, '计划.docx')).code).toBe('ENCRYPTED_FILE');
    const xlsm = zipSync({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': strToU8('<workbook/>') });
    expect((await refusal(xlsm, '计划.xlsm')).code).toBe('MACRO_FORMAT');
    const vba = zipSync({
      '[Content_Types].xml': CONTENT_TYPES,
      'word/document.xml': strToU8('<w:document/>'),
      'word/vbaProject.bin': strToU8('x'),
    });
    expect((await refusal(vba, '计划.docx')).code).toBe('MACRO_FORMAT');
    const other = zipSync({ 'a.txt': strToU8('序号\t工作措施') });
    expect((await refusal(other, '附件.zip')).message).toMatch(/不是 Word/);
    expect((await refusal(strToU8('PK\u0003\u0004garbage'), 'broken.docx')).code).toBe('CORRUPT_FILE');
  });

  it('a scanned PDF (no text layer) is refused saying so', async () => {
    const scan = await refusal(pdf(), '扫描件.pdf');
    expect(scan.code).toBe('SCANNED_PDF');
    expect(scan.message).toMatch(/扫描件/);
  });
});

describe('generated tables never crash the readers', () => {
  const cell = fc.oneof(
    fc.constantFrom(
      '',
      '序号',
      '工作措施',
      '牵头单位',
      '完成时限',
      '市生态环境局',
      '年底前',
      '一、总体要求',
      '1',
      '各区政府',
    ),
    fc.string({ maxLength: 12 }),
  );
  const table = fc.record({
    before: fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
    rows: fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
  });
  it('.docx, .xlsx and .html of arbitrary tables give a plan or a PlanParseError', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ before, rows }) => {
        const t = { before: before.filter((b) => b.trim()), rows, width: 4 };
        for (const [name, bytes] of [
          ['p.docx', await toDocx(t)],
          ['p.xlsx', await toXlsx(t)],
          ['p.html', toHtml(t)],
        ] as const) {
          try {
            await parsePlanFile(bytes, { fileName: name });
          } catch (e) {
            if (!(e instanceof PlanParseError)) throw e;
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
