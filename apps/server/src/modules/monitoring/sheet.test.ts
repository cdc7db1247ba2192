import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BOMB, DOCM } from '../../../test/helpers/files.ts';
import { parseDelimited, readSheet } from './sheet.ts';

describe('reading data sheets', () => {
  it('reads CSV with quotes, TSV, and GB18030', async () => {
    expect(parseDelimited('区,"数值, 注"\n"延庆""区",1\n')).toEqual([
      ['区', '数值, 注'],
      ['延庆"区', '1'],
    ]);
    expect(parseDelimited('区\t1月\r\n延庆\t18\r\n')).toEqual([
      ['区', '1月'],
      ['延庆', '18'],
    ]);
    const gb = Buffer.from([0xc7, 0xf8, 0x2c, 0x31, 0x0a]); // "区,1" in GB18030
    expect(await readSheet(gb, 'a.csv')).toEqual([['区', '1']]);
  });

  it('reads the first sheet of an .xlsx, numbers and formulas as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['区', '2022年1月', '2022年2月']);
    ws.addRow(['延庆', 18.4, { formula: 'B2+1', result: 19.4 }]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await readSheet(bytes, 'pm25.xlsx')).toEqual([
      ['区', '2022年1月', '2022年2月'],
      ['延庆', '18.4', '19.4'],
    ]);
  });

  it('refuses zip bombs, macro files and old .xls before inflating', async () => {
    await expect(readSheet(BOMB, 'bomb.xlsx')).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(readSheet(DOCM, 'x.xlsm')).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const ole = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex');
    await expect(readSheet(ole, 'old.xls')).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
