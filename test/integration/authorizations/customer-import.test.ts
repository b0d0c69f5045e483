import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWorkbook } from '../../../src/import/read-sheet';
import { importCustomers } from '../../../src/import/customer-import';
import { startDomain, input, type DomainHarness } from '../../support/domain-harness';
import { readRows } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

/** History from an old CRM, as a CSV saved by Excel (with its BOM). */
const CSV = [
  '公司全称,联系人,手机,统一社会信用代码,省,市,负责人,状态,报备日期,保护期至',
  /* 2 */ '杭州云启科技有限公司,张伟,13812345678,,浙江,杭州,alice,保护中,2026-11-01,2026-12-01',
  /* 3 */ '云启科技（杭州）有限公司,李四,13912340000,,,,bob,保护中,2026-11-02,',
  /* 4 */ '某某未知公司有限公司,王五,138-1234-5678,,,,bob,保护中,2026-11-02,',
  /* 5 */ '温州恒通电子有限公司,赵六,12345,,,,alice,保护中,,',
  /* 6 */ '嘉兴远航物流有限公司,孙八,13400001111,,,,nobody,保护中,,',
  /* 7 */ '绍兴鼎盛机械有限公司,钱七,13600001111,,,,,公海,,',
  /* 8 */ '台州海港科技有限公司,周九,13500001111,91330100MA27XXXXX,,,alice,,,',
  /* 9 */ '湖州青山科技有限公司,吴十,13300001111,,,,frank,已成交,2026-06-01,',
  /* 10 */ '丽水山川科技有限公司,郑一,13200001111,,,,alice,保护中,,',
  /* 11 */ '衢州江山科技有限公司,冯二,13100001111,,,,alice,审批中,,',
  /* 12 */ '丽水山川科技有限公司,郑一,13200001111,,,,bob,保护中,,',
].join('\r\n');

const EXPECTED: [number, string, string][] = [
  [3, '公司全称', '与第 2 行是同一客户'],
  [4, '公司全称', '与第 2 行是同一客户'],
  [5, '手机', '手机号「12345」不是有效的大陆手机号'],
  [6, '负责人', '负责人「nobody」不在组织架构中'],
  [8, '统一社会信用代码', '统一社会信用代码「91330100MA27XXXXX」格式不对'],
  [10, '公司全称', '系统中已有「丽水山川科技有限公司」，由 韩梅梅 负责'],
  [11, '状态', '状态「审批中」看不懂'],
];

describe.each(ENGINES)('on %s', (engine) => {
  describe('importing customer history (csv) with the dedup engine', () => {
    let file: string;
    let h: DomainHarness;
    beforeAll(() => {
      file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-cust-import-')), '客户.csv');
      fs.writeFileSync(file, `\uFEFF${CSV}\r\n`);
    });
    beforeEach(async () => {
      h = await startDomain({ engine });
      const r = await h.tx(async (d) => await d.register.register(await d.dir.require('bob'), input('丽水山川科技有限公司', { mobile: '+8613200001111' })));
      expect(r.kind).toBe('submitted');
    });
    afterEach(async () => {
      await h.close();
    });

    const run = async (allOrNothing = false) => await importCustomers(h.root, await readWorkbook(file), { allOrNothing, actorId: 'admin' });
    const snapshot = async () => ({
      customers: await readRows(h.storage, (t) => t.customers),
      registrations: await readRows(h.storage, (t) => t.registrations),
      keys: (await readRows(h.storage, (t) => t.dedupKeys)).length,
      audit: (await readRows(h.storage, (t) => t.auditLog)).length,
    });

    it('creates the new customers with owner, status and dates, and reports the rest', async () => {
      const r = await run();
      expect(r.counts).toEqual({ 新增客户: 3 });
      expect(r.unchanged).toBe(1);
      expect(r.errors.map((e) => [e.row, e.column, e.reason.slice(0, EXPECTED.find((x) => x[0] === e.row)?.[2].length ?? 0)])).toEqual(EXPECTED);
      const all = await readRows(h.storage, (t) => t.customers);
      const byName = (n: string) => all.find((c) => c.name === n)!;
      const yunqi = byName('杭州云启科技有限公司');
      expect(yunqi.status).toBe('protected');
      const activeOf = (customerId: number) => h.read(async (d) => await d.records.activeRegistrationOf(customerId));
      const reg = (await activeOf(yunqi.id))!;
      expect(reg).toMatchObject({ ownerId: 'alice', via: 'import', status: 'protected' });
      expect(h.root.env.time.dateTime(reg.protectedUntil!)).toBe('2026-12-01 23:59');
      expect(byName('绍兴鼎盛机械有限公司').status).toBe('pool');
      expect(await activeOf(byName('湖州青山科技有限公司').id)).toMatchObject({ ownerId: 'frank', status: 'won' });
      // Indexed like any registration: the dedup check finds it however it is written.
      const check = await h.read(async (d) => await d.finder.check({ name: '云启科技(杭州)有限公司' }));
      expect(check.matches[0]?.customer.id).toBe(yunqi.id);
    });

    it('changes nothing when the same file is imported again', async () => {
      await run();
      const before = await snapshot();
      const again = await run();
      expect(again.counts).toEqual({ 新增客户: 0 });
      expect(again.unchanged).toBe(4);
      expect(again.errors.map((e) => e.row)).toEqual(EXPECTED.map((x) => x[0]));
      expect(await snapshot()).toEqual(before);
    });

    it('with all-or-nothing applies nothing', async () => {
      const before = await snapshot();
      const r = await run(true);
      expect(r.applied).toBe(false);
      expect(await snapshot()).toEqual(before);
    });
  });
});
