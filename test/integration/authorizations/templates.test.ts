import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWorkbook } from '../../../src/import/read-sheet';
import { IMPORTERS } from '../../../src/import/importers';
import '../../../src/features';
import { startDomain } from '../../support/domain-harness';

describe('import templates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-template-'));

  it.each([
    ['authorizations', '代理授权', '合同编号', '关键联系人', { 新增: 1, 更新: 0, 续期: 0 }],
    ['customers', '客户', '公司全称', '备注', { 新增客户: 1 }],
  ])('%s: the script writes headers (required ones starred) and a valid example row, skipped until it is edited', async (kind, sheetName, header, edited, counts) => {
    const file = path.join(dir, `${kind}.xlsx`);
    const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/template.ts', kind, file], { encoding: 'utf8' });
    expect(r.stdout).toContain(`已生成模板：${file}`);
    const sheets = await readWorkbook(file);
    expect(sheets[0]!.name).toBe(sheetName);
    expect(sheets[0]!.headers).toContain(`${header}*`);
    expect(sheets[0]!.rows).toHaveLength(1);
    const h = await startDomain();
    const untouched = await IMPORTERS[kind]!.run(h.root, sheets, { allOrNothing: true, actorId: 'admin' });
    expect(untouched).toMatchObject({ applied: true, errors: [], skipped: [{ sheet: sheetName, row: 2, reason: '是模板里的示例行，没有导入' }] });
    expect(Object.values(untouched.counts).every((n) => n === 0)).toBe(true);
    sheets[0]!.rows[0]!.cells[edited] = '李娜';
    const result = await IMPORTERS[kind]!.run(h.root, sheets, { allOrNothing: true, actorId: 'admin' });
    await h.close();
    expect(result).toMatchObject({ applied: true, counts, errors: [], skipped: [] });
  }, 30_000);
});
