import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../../src/import/read-sheet';

/**
 * exceljs' streaming reader decodes each inflated chunk on its own and used to turn a Chinese
 * character split across two chunks into "��" (about one row in a few thousand).
 */
describe('reading a large Chinese sheet', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-read-'));
  const text = (i: number) => `浙江省杭州市西湖区第${i}号云启科技有限公司（分公司）`;

  it.each([
    ['inline strings', false],
    ['shared strings', true],
  ])('keeps every character intact with %s', async (_label, useSharedStrings) => {
    const file = path.join(dir, `big-${useSharedStrings}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
    const ws = wb.addWorksheet('客户名单');
    ws.addRow(['公司全称', '备注']).commit();
    for (let i = 0; i < 6000; i++) ws.addRow([text(i), `备注：${'中文'.repeat(i % 13)}`]).commit();
    await wb.commit();
    const [sheet] = await readWorkbook(file);
    expect(sheet!.name).toBe('客户名单');
    expect(sheet!.rows).toHaveLength(6000);
    const broken = sheet!.rows.filter((r, i) => r.cells['公司全称'] !== text(i));
    expect(broken.map((r) => r.cells['公司全称'])).toEqual([]);
    expect(sheet!.rows.some((r) => String(r.cells['备注']).includes('\uFFFD'))).toBe(false);
  });
});
