import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { authorizations } from '../../../db/schema';
import { openDb } from '../../../db/open';
import { readWorkbook } from '../../../src/import/read-sheet';
import { writeErrorReport } from '../../../src/import/row-errors';
import { importAuthorizations } from '../../../src/import/authorization-import';
import { startDomain, type DomainHarness } from '../../support/domain-harness';
import { readRows } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';
import { AUTH_HEADERS } from './support';

const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The file people really send: typed dates and text dates, a merged dealer cell, formulas, blanks. */
async function messyWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代理授权');
  ws.addRow([...AUTH_HEADERS]);
  const rows: unknown[][] = [
    /* 2 */ ['杭州云启科技', 'HT-A01', 'CRM、ERP', '浙江省', '金牌', day('2026-03-01'), day('2027-02-28'), 'alice', '张伟', '13812345678'],
    /* 3 */ ['宁波海达贸易', 'HT-A02', 'CRM', '宁波', '银牌', '2026/3/1', '2027年2月28日', 'bob', '李四', 13912345678],
    /* 4 */ [null, 'HT-A03', 'ERP', '浙江省、江苏省苏州市', '', '2026.03.01', '20270228', '韩梅梅', '', '0571-88886666'],
    /* 5 */ ['温州鹿城电子', 'HT-B01', 'CRM', '浙江省', '', '2026-03-01', '2027-02-30', 'alice', '', ''],
    /* 6 */ [],
    /* 7 */ ['温州鹿城电子', 'HT-B02', 'CRM', '浙江省', '', '2026-03-01', '2027-02-28', 'nobody', '', ''],
    /* 8 */ ['嘉兴远航物流', 'HT-DUP', 'CRM', '浙江省', '', '2026-03-01', '2027-02-28', 'alice', '', ''],
    /* 9 */ ['嘉兴远航物流', ' ht-dup ', 'CRM', '浙江省', '', '2026-03-01', '2027-02-28', 'alice', '', ''],
    /* 10 */ ['绍兴鼎盛机械', 'HT-B03', 'CRM', '浙江省', '', '2026-03-01', '2027-02-28', 'alice', '王五', '12345'],
    /* 11 */ ['台州海港科技', { formula: '"HT-"&"F01"', result: 'HT-F01' }, 'CRM', '浙江省', '', day('2026-03-01'), { formula: 'F11+364', result: serial('2027-02-28') }, 'alice', '', ''],
    /* 12 */ ['湖州青山科技', 'HT-B04', 'CRM', '浙江省', '', '2027-03-01', '2027-02-28', 'alice', '', ''],
    /* 13 */ ['金华火星科技', 'HT-B05', 'CRM', '火星', '', '2026-03-01', '2027-02-28', 'alice', '', ''],
    /* 14 */ ['丽水山川科技', 'HT-B06', 'CRM', '浙江省', '', '明年', '2027-02-28', 'alice', '', ''],
    /* 15 */ ['衢州江山科技', null, 'CRM', '浙江省', '', '2026-03-01', '2027-02-28', 'alice', '', ''],
  ];
  for (const r of rows) ws.addRow(r);
  ws.mergeCells('A3:A4');
  for (const ref of ['F2', 'G2', 'F11']) ws.getCell(ref).numFmt = 'yyyy-mm-dd';
  await wb.xlsx.writeFile(file);
}

const EXPECTED_ERRORS: [number, string, string][] = [
  [5, '到期日期', '到期日期「2027-02-30」不是有效日期'],
  [7, '负责人', '负责人「nobody」不在组织架构中'],
  [8, '合同编号', '合同编号 HT-DUP 在第 8、9 行重复出现'],
  [9, '合同编号', '合同编号 HT-DUP 在第 8、9 行重复出现'],
  [10, '联系电话', '电话「12345」不是有效的手机号或座机号'],
  [12, '到期日期', '到期日期 2027-02-28 必须晚于起始日期 2027-03-01'],
  [13, '授权区域', '授权区域「火星」不是省市名称'],
  [14, '起始日期', '起始日期「明年」不是有效日期'],
  [15, '合同编号', '缺少合同编号'],
];

describe.each(ENGINES)('on %s', (engine) => {
  describe('importing a messy authorization file', () => {
    let dir: string;
    let file: string;
    let h: DomainHarness;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-authz-import-'));
      file = path.join(dir, '代理授权.xlsx');
      await messyWorkbook(file);
    });
    beforeEach(async () => {
      h = await startDomain({ engine });
    });
    afterEach(async () => {
      await h.close();
    });

    const snapshot = async () => ({
      authorizations: await readRows(h.storage, (t) => t.authorizations),
      periods: await readRows(h.storage, (t) => t.authorizationPeriods),
      dealers: await readRows(h.storage, (t) => t.dealers),
      audit: (await readRows(h.storage, (t) => t.auditLog)).length,
    });

    it('reads merged cells, formulas and dates, and drops the empty row', async () => {
      const [sheet] = await readWorkbook(file);
      expect(sheet!.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
      expect(sheet!.rows[2]!.cells['代理商名称']).toBe('宁波海达贸易');
      expect(sheet!.rows[8]!.cells['合同编号']).toBe('HT-F01');
    });

    it('accepts exactly the good rows and reports every other one with row, column and reason', async () => {
      const result = await importAuthorizations(h.root, await readWorkbook(file), { allOrNothing: false, actorId: 'admin' });
      expect(result.applied).toBe(true);
      expect(result.counts).toEqual({ 新增: 4, 更新: 0, 续期: 0 });
      const stored = await readRows(h.storage, (t) => t.authorizations);
      expect(stored.map((a) => a.contractNo).sort()).toEqual(['HT-A01', 'HT-A02', 'HT-A03', 'HT-F01']);
      const a03 = stored.find((a) => a.contractNo === 'HT-A03')!;
      expect(a03).toMatchObject({ dealerId: '宁波海达贸易', ownerId: 'bob', regions: ['浙江省', '江苏省苏州市'], contactPhone: '+8657188886666' });
      expect(stored.find((a) => a.contractNo === 'HT-A02')).toMatchObject({ regions: ['浙江省宁波市'], contactPhone: '+8613912345678' });
      const periods = await readRows(h.storage, (t) => t.authorizationPeriods);
      expect(new Set(periods.map((p) => `${p.startsOn}~${p.endsOn}`))).toEqual(new Set(['2026-03-01~2027-02-28']));
      expect(await h.read(async (d) => await d.dir.dealer('宁波海达贸易'))).toMatchObject({ channelManagerId: 'bob' });
      expect(result.errors.map((e) => [e.row, e.column, e.reason.slice(0, EXPECTED_ERRORS.find((x) => x[0] === e.row && x[1] === e.column)?.[2].length ?? 0)])).toEqual(EXPECTED_ERRORS);

      const report = path.join(dir, 'report.xlsx');
      await writeErrorReport(report, result.errors);
      const [r] = await readWorkbook(report);
      expect(r!.headers).toEqual(['工作表', '行号', '列', '原因']);
      expect(r!.rows.map((x) => [x.cells['行号'], x.cells['列']])).toEqual(EXPECTED_ERRORS.map(([row, col]) => [row, col]));
    });

    it('changes nothing when the same file is imported again', async () => {
      const sheets = await readWorkbook(file);
      await importAuthorizations(h.root, sheets, { allOrNothing: false, actorId: 'admin' });
      const before = await snapshot();
      const again = await importAuthorizations(h.root, sheets, { allOrNothing: false, actorId: 'admin' });
      expect(again.counts).toEqual({ 新增: 0, 更新: 0, 续期: 0 });
      expect(again.unchanged).toBe(4);
      expect(again.errors).toHaveLength(EXPECTED_ERRORS.length);
      expect(await snapshot()).toEqual(before);
    });

    it('with all-or-nothing applies nothing when any row fails', async () => {
      const before = await snapshot();
      const r = await importAuthorizations(h.root, await readWorkbook(file), { allOrNothing: true, actorId: 'admin' });
      expect(r.applied).toBe(false);
      expect(r.errors).toHaveLength(EXPECTED_ERRORS.length);
      expect(await snapshot()).toEqual(before);
    });

    // scripts/import.ts opens a SQLite file (--db): its CLI runs once, on SQLite.
    if (engine === 'sqlite') it('the CLI prints the summary, writes the report, and exits 1 with --all-or-nothing', async () => {
      const db = path.join(dir, 'cli.db');
      const seed = await startDomain({ file: db });
      await seed.close();
      const run = (...extra: string[]) =>
        spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import.ts', 'authorizations', file, '--db', db, ...extra], { encoding: 'utf8', env: { ...process.env, DEALGUARD_RULES_FILE: '' } });
      const strict = run('--all-or-nothing', '--report', path.join(dir, 'strict.xlsx'));
      expect(strict.status).toBe(1);
      expect(strict.stdout).toContain('代理授权：读取 13 行；未导入任何数据；错误 9 处。');
      const first = run('--report', path.join(dir, 'cli-report.xlsx'));
      expect(first.stdout).toContain('代理授权：读取 13 行；已导入 新增 4，更新 0，续期 0；错误 9 处。');
      expect(first.stdout).toContain('代理授权 第 7 行「负责人」：负责人「nobody」不在组织架构中');
      expect(fs.existsSync(path.join(dir, 'cli-report.xlsx'))).toBe(true);
      const second = run('--report', path.join(dir, 'cli-report.xlsx'));
      expect(second.stdout).toContain('已导入 新增 0，更新 0，续期 0（其中 4 行与现有数据相同）');
      const check = openDb({ file: db, migrate: false });
      expect(check.select().from(authorizations).all()).toHaveLength(4);
      check.$client.close();
    }, 60_000);
  });
});
