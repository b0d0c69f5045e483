// Imports that explain themselves (issue 11.6), through `npm run import` (scripts/import.ts) as an
// operator runs it, and the importers directly for the row-level wording.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { openDb } from '../../../db/open';
import { customers, registrations } from '../../../db/schema';
import { writeTemplate } from '../../../src/import/template';
import { CUSTOMER_COLUMNS, CUSTOMER_SHEET } from '../../../src/import/customer-columns';
import { importOrg } from '../../../src/import/org-import';
import { readWorkbook } from '../../../src/import/read-sheet';
import { startDomain } from '../../support/domain-harness';
import { ENGINES } from '../../support/stores';
import { authRow, importRows } from './support';

const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const NOW = '2026-11-25T10:00:00+08:00';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-import-explains-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database with the demo organisation, as the bot leaves it after its first start. */
async function seeded(name: string): Promise<string> {
  const file = path.join(dir, name);
  await (await startDomain({ file })).close();
  return file;
}

function runImport(args: string[]) {
  return spawnSync(tsx, ['scripts/import.ts', ...args], { encoding: 'utf8', env: { ...process.env, DEALGUARD_LOG_LEVEL: 'warn' }, timeout: 60_000 });
}

describe('npm run import', () => {
  it('reads a GBK CSV (Excel on Chinese Windows), dates rows by --now, and lists errors in row order as chat words them', async () => {
    const csv = [
      '公司全称,联系人,手机,统一社会信用代码,负责人',
      /* 2 */ '杭州云启科技有限公司,张伟,13812345678,91330106MA27Y5QH44,alice',
      /* 3 */ '宁波海晨贸易有限公司,李娜,12345,,bob',
      /* 4 */ '温州恒通电子有限公司,赵六,13600001111,91330106MA27Y5QH45,alice',
      /* 5 */ '嘉兴远航物流有限公司,孙八,13400001111,,',
    ].join('\r\n');
    const file = path.join(dir, '客户-gbk.csv');
    fs.writeFileSync(file, iconv.encode(`${csv}\r\n`, 'gbk'));
    const db = await seeded('gbk.db');
    const r = runImport(['customers', file, '--db', db, '--now', NOW]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('客户：读取 4 行；已导入 新增客户 1；错误 3 处。');
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('  客户-gbk 第'));
    expect(errors).toEqual([
      '  客户-gbk 第 3 行「手机」：手机号「12345」不是有效的大陆手机号，请填写 11 位手机号，例如 13812345678',
      '  客户-gbk 第 4 行「统一社会信用代码」：统一社会信用代码「91330106MA27Y5QH45」校验位不符（按前 17 位，最后一位应为 4）：请核对营业执照后改正再导入；个别真实代码也会校验失败，确认无误的请删去本行，在群里用 /报备 登记并确认',
      '  客户-gbk 第 5 行「负责人」：保护中或已成交的客户必须填写负责人',
    ]);
    const check = openDb({ file: db, migrate: false });
    const [c] = check.select().from(customers).all();
    expect(c).toMatchObject({ name: '杭州云启科技有限公司', contactName: '张伟' });
    const [reg] = check.select().from(registrations).all();
    expect(reg!.createdAt).toEqual(new Date(NOW));
    expect(reg!.protectedUntil).toEqual(new Date('2026-12-25T10:00:00+08:00'));
    check.$client.close();
  }, 60_000);

  it('refuses a CSV in another encoding, naming it, and a --now it cannot read', () => {
    const file = path.join(dir, '客户-big5.csv');
    fs.writeFileSync(file, iconv.encode('公司全称,聯繫人,手機\r\n臺北雲啟科技有限公司,張偉,13812345678\r\n', 'big5'));
    const r = runImport(['customers', file, '--db', path.join(dir, 'big5.db')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('导入失败：文件编码看起来是 Big5，不是 UTF-8 或 GBK（GB18030）：请在 Excel 里「另存为 → CSV UTF-8（逗号分隔）」后再导入\n');
    const bad = runImport(['customers', file, '--db', path.join(dir, 'big5.db'), '--now', 'tomorrow']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`--now 看不懂：tomorrow（例如 ${NOW}）\n`);
  }, 60_000);

  it('says which column is missing, and which headers it expects', () => {
    const file = path.join(dir, '授权.csv');
    fs.writeFileSync(file, '代理商名称,合同编号,授权区域,起始日期,到期日期,负责人\r\n台州海港科技,HT-9,浙江省,2026-03-01,2027-02-28,carol\r\n');
    const r = runImport(['authorizations', file, '--db', path.join(dir, 'auth.db')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      '  授权 第 1 行「授权产品线」：缺少「授权产品线」列。表头应为：代理商名称*、合同编号*、授权产品线*、授权区域*、合作等级、起始日期*、到期日期*、负责人*、关键联系人、联系电话（* 为必填）；可用 npm run template 生成模板',
    );
  }, 60_000);

  it('does not import the example row of an untouched template, and says so', async () => {
    const file = path.join(dir, '客户模板.xlsx');
    await writeTemplate(file, [{ name: CUSTOMER_SHEET, columns: CUSTOMER_COLUMNS }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet(CUSTOMER_SHEET)!.addRow(['宁波海晨贸易有限公司', '李娜', '13912345678', '', '', '', '', '', '', '', '', '', 'bob']);
    await wb.xlsx.writeFile(file);
    const db = await seeded('template.db');
    const r = runImport(['customers', file, '--db', db, '--now', NOW]);
    expect(r.stdout).toBe('客户：读取 2 行；已导入 新增客户 1；错误 0 处。\n  客户 第 2 行是模板里的示例行，没有导入\n');
    const check = openDb({ file: db, migrate: false });
    expect(check.select().from(customers).all().map((c) => c.name)).toEqual(['宁波海晨贸易有限公司']);
    check.$client.close();
  }, 60_000);
});

describe.each(ENGINES)('on %s', (engine) => {
  describe('row errors', () => {
    it('name an empty list cell by its column, not in zod’s words', async () => {
      const h = await startDomain({ engine });
      const r = await importRows(h.root, [authRow('HT-1', '台州海港科技', 'carol', '2026-03-01', '2027-02-28', { 授权产品线: null, 授权区域: null })]);
      expect(r.errors).toEqual([
        { sheet: '代理授权', row: 2, column: '授权产品线', reason: '缺少「授权产品线」，请填写（示例：CRM、ERP）' },
        { sheet: '代理授权', row: 2, column: '授权区域', reason: '缺少「授权区域」，请填写（示例：浙江省、江苏省苏州市）' },
      ]);
      await h.close();
    });

    it('come in the order of the workbook, with Chinese column names, in the report as on screen', async () => {
      const file = path.join(dir, 'org.xlsx');
      const wb = new ExcelJS.Workbook();
      const staff = wb.addWorksheet('人员');
      staff.addRow(['账号ID*', '姓名*', '角色*', '上级']);
      staff.addRow(['li', '李经理', '经理', 'nobody']);
      staff.addRow(['li', '李经理二', '经理', '']);
      staff.addRow(['bad id!', '坏账号', '销售', '']);
      const groups = wb.addWorksheet('群');
      groups.addRow(['群名*', '成员']);
      groups.addRow(['', 'li']);
      await wb.xlsx.writeFile(file);
      const h = await startDomain({ engine });
      const r = await importOrg(h.root, await readWorkbook(file), { allOrNothing: false, actorId: 'admin' });
      expect(r.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
        ['人员', 2, '上级'],
        ['人员', 3, '账号ID'],
        ['人员', 4, '账号ID'],
        ['群', 2, '群名'],
      ]);
      expect(r.errors[3]!.reason).toBe('缺少「群名」，请填写（示例：华东销售群）');
      await h.close();
    });
  });
});
