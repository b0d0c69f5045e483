import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWorkbook } from '../../../src/import/read-sheet';
import { importAuthorizations } from '../../../src/import/authorization-import';
import { importCustomers } from '../../../src/import/customer-import';
import { exportAuthorizations } from '../../../src/export/authorizations-export';
import { exportCustomers } from '../../../src/export/customers-export';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';
import { authRow, importRows } from './support';

describe('export limited to the caller\'s scope', () => {
  let h: DomainHarness;
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-export-'));
    db = path.join(dir, 'export.db');
    h = await startDomain({ file: db });
    const r = await importRows(h.root, [
      authRow('HT-A', '宁波海达贸易', 'alice', '2026-03-01', '2027-02-28'),
      authRow('HT-B', '温州鹿城电子', 'bob', '2026-03-01', '2027-02-28'),
      authRow('HT-C', '北京燕山科技', 'frank', '2026-01-01', '2026-12-31', { 授权区域: '北京市' }),
      authRow('HT-D', '嘉兴远航物流', 'carol', '2025-03-01', '2026-02-28'),
      authRow('HT-P', '杭州云启科技', 'carol', '2026-03-01', '2027-02-28'),
    ]);
    expect(r.errors).toEqual([]);
    for (const [who, company] of [['alice', '杭州星海网络有限公司'], ['bob', '宁波星辰贸易有限公司'], ['frank', '北京燕山软件有限公司']] as const) {
      const res = await h.tx(async (d) => await d.register.register(await d.dir.require(who), input(company)));
      if (res.kind !== 'submitted' || !res.approval) throw new Error('setup');
      const approvalId = res.approval.id;
      await h.tx(async (d) => {
        const step = (await d.approvals.steps(approvalId))[0]!;
        await d.approvals.decide(step.id, (await d.approvals.assignees(step.id))[0]!.staffId, 'approved');
      });
    }
  });
  afterAll(async () => {
    await h.close();
  });

  /** Exports as `who` (the export opens its own read-only units of work, as for the bot and the CLI). */
  const exportAs = async (who: string, file: string, run: typeof exportAuthorizations) => await run(h.root, await h.read(async (d) => await d.dir.require(who)), file);

  const contractsFor = async (who: string) => {
    const file = path.join(dir, `a-${who}.xlsx`);
    await exportAs(who, file, exportAuthorizations);
    const [sheet] = await readWorkbook(file);
    return sheet!.rows.map((r) => r.cells['合同编号']).sort();
  };

  it('authorizations: own, the team\'s, everything, or the dealer\'s own', async () => {
    expect(await contractsFor('alice')).toEqual(['HT-A']);
    expect(await contractsFor('carol')).toEqual(['HT-A', 'HT-B', 'HT-D', 'HT-P']);
    expect(await contractsFor('erin')).toEqual(['HT-C']);
    expect(await contractsFor('dave')).toEqual(['HT-A', 'HT-B', 'HT-C', 'HT-D', 'HT-P']);
    expect(await contractsFor('pat')).toEqual(['HT-P']);
  });

  it('an export imports back unchanged (the history sheet is ignored)', async () => {
    const file = path.join(dir, 'a-admin.xlsx');
    expect(await exportAs('admin', file, exportAuthorizations)).toBe(5);
    const sheets = await readWorkbook(file);
    expect(sheets.map((s) => s.name)).toEqual(['代理授权', '授权期历史']);
    expect(sheets[0]!.rows.find((r) => r.cells['合同编号'] === 'HT-D')!.cells['状态']).toBe('已过期');
    const r = await importAuthorizations(h.root, sheets, { allOrNothing: true, actorId: 'admin' });
    expect(r).toMatchObject({ applied: true, counts: { 新增: 0, 更新: 0, 续期: 0 }, unchanged: 5, errors: [] });
  });

  it('customers: a salesperson\'s own, a manager\'s team, a director everything; the export imports back unchanged', async () => {
    const names = async (who: string) => {
      const file = path.join(dir, `c-${who}.xlsx`);
      await exportAs(who, file, exportCustomers);
      return (await readWorkbook(file))[0]!.rows.map((r) => r.cells['公司全称']).sort();
    };
    expect(await names('alice')).toEqual(['杭州星海网络有限公司']);
    expect(await names('carol')).toEqual(['宁波星辰贸易有限公司', '杭州星海网络有限公司']);
    expect(await names('dave')).toHaveLength(3);
    const back = await importCustomers(h.root, await readWorkbook(path.join(dir, 'c-dave.xlsx')), { allOrNothing: true, actorId: 'admin' });
    expect(back).toMatchObject({ applied: true, counts: { 新增客户: 0 }, unchanged: 3, errors: [] });
  });

  it('the CLI exports as the person given with --as', () => {
    const out = path.join(dir, 'cli.xlsx');
    const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/export.ts', 'authorizations', out, '--as', 'alice', '--db', db], { encoding: 'utf8' });
    expect(r.stdout).toContain('代理授权：已按 李雷（alice）的可见范围导出 1 条');
    const bad = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/export.ts', 'authorizations', out, '--as', 'ghost', '--db', db], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('找不到在职人员「ghost」');
  }, 30_000);
});
