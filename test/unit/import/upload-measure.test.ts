// Rows and unpacked size of an upload, counted before exceljs parses it.
import ExcelJS from 'exceljs';
import { measureUpload } from '../../../src/import/upload-measure';
import { readWorkbookBuffer } from '../../../src/import/read-sheet';
import { csvRows, zipBombXlsx } from '../../integration/authorizations/upload-files';

const LIMITS = { maxUnpackedBytes: 40 * 1024 * 1024, maxRows: 20_000 };

describe('measureUpload', () => {
  it('counts the rows of an xlsx Excel-style (header included), whatever the chunking of the inflated sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['公司全称', '联系人', '手机']);
    for (let i = 0; i < 3000; i++) ws.addRow([`公司${i}`, '张伟', `138${String(i).padStart(8, '0')}`]);
    // Page setup with row breaks: <rowBreaks> is not a row.
    ws.getRow(100).addPageBreak();
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const m = await measureUpload(buf, '客户.xlsx', LIMITS);
    expect(m).toMatchObject({ ok: true, rows: 3001 });
    expect(await measureUpload(buf, '客户.xlsx', { ...LIMITS, maxRows: 3000 })).toMatchObject({ ok: false, over: 'rows' });
  });

  it.each(['truth', 'lie'] as const)('refuses a zip bomb (sizes declared: %s), inflating no more than the cap', async (declare) => {
    const bomb = zipBombXlsx(64 * 1024 * 1024, { declare });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const m = await measureUpload(bomb, 'bomb.xlsx', LIMITS);
    expect(m).toMatchObject({ ok: false, over: 'unpacked' });
    const seen = (m as { unpackedBytes: number }).unpackedBytes;
    expect(seen).toBeGreaterThan(LIMITS.maxUnpackedBytes);
    expect(seen).toBeLessThan(LIMITS.maxUnpackedBytes + 1024 * 1024);
  });

  it('tells a big honest table by its rows, not its unpacked size', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['公司全称', '联系人', '手机', '备注']);
    for (let i = 0; i < 2500; i++) ws.addRow([`公司${i}`, '张伟', `138${String(i).padStart(8, '0')}`, '很长的备注'.repeat(40)]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const m = await measureUpload(buf, '客户.xlsx', { maxUnpackedBytes: 1024 * 1024, maxRows: 2000 });
    // Counted chunk by chunk, so past the cap by up to one chunk's rows.
    expect(m).toMatchObject({ ok: false, over: 'rows' });
    expect((m as { rows: number }).rows).toBeGreaterThan(2000);
  });

  it('counts the data rows of a csv', async () => {
    expect(await measureUpload(csvRows(20_000), 'a.csv', LIMITS)).toMatchObject({ ok: true, rows: 20_000 });
    expect(await measureUpload(csvRows(20_001), 'a.csv', LIMITS)).toEqual({ ok: false, over: 'rows', rows: 20_001 });
    const noFinalBreak = Buffer.from('公司全称,联系人,手机\n甲公司,张伟,13800000000');
    expect(await measureUpload(noFinalBreak, 'a.csv', LIMITS)).toMatchObject({ ok: true, rows: 1 });
  });

  it('says a file that is not a zip is not an xlsx', async () => {
    expect(await measureUpload(Buffer.from('not a zip at all, just some text'), 'x.xlsx', LIMITS)).toMatchObject({ ok: false, over: 'not_xlsx' });
  });

  it('measures files the real reader can read (the hand-made bomb is a valid xlsx)', async () => {
    const small = zipBombXlsx(4000);
    const sheets = await readWorkbookBuffer(small, 'small.xlsx');
    expect(sheets[0]!.headers).toEqual(['公司全称']);
    expect(sheets[0]!.rows).toHaveLength(40);
  });
});
