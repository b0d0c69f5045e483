import { like } from 'drizzle-orm';
import { startConsole } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';
import { authRow, importRows } from './support';

describe.each(ENGINES)('on %s', (engine) => {
  describe('an authorization first seen inside the 30-day window', () => {
    it('tells its 负责人 (and the manager the skipped T-60 names) with the director, once, saying it is late', async () => {
      const h = await startConsole({ engine });
      const r = await importRows(h.app.root, [authRow('HT-L1', '宁波海达贸易', 'alice', '2026-01-01', '2026-12-14')]);
      expect(r.errors).toEqual([]);
      const out = await h.run(':advance 1d');
      // Privately: the T-30 lists the dealer's customers, which a team group may not see.
      expect(out).toContain('[2026-11-26 09:00 私聊 李雷] dealguard:\n  ⏰ 提醒：');
      expect(out).not.toContain('群 华东销售群');
      expect(out).toContain('私聊 王总] dealguard:');
      expect(out).toContain('私聊 陈经理] dealguard:');
      expect(out.match(/距到期仅剩 18 天：该授权登记较晚/g)).toHaveLength(3);
      const keys = async () => (await h.rows((t) => t.outbox, (t) => like(t.outbox.dedupKey, 'authz:%'))).map((row) => `${row.dedupKey.split(':')[4]} ${row.recipientId}`).sort();
      expect(await keys()).toEqual(['T-30>staff alice', 'T-30>staff carol', 'T-30>staff dave']);
      expect(await h.run(':advance 2d')).not.toContain('代理授权');
      expect(await keys()).toHaveLength(3);
      await h.close();
    });

    it('a period swept on time says nothing about being late', async () => {
      const h = await startConsole({ engine });
      await importRows(h.app.root, [authRow('HT-L2', '宁波海达贸易', 'alice', '2026-01-01', '2027-01-26')]);
      const t60 = await h.run(':advance 2d');
      expect(t60).toContain('代理授权即将到期，续约待启动：宁波海达贸易（HT-L2）');
      expect(t60).toContain('到期日期：2027-01-26（还剩 60 天）');
      const t30 = await h.run(':advance 30d');
      expect(t30).toContain('私聊 王总] dealguard:');
      expect(t30).not.toContain('登记较晚');
      expect(t30).not.toContain('@李雷');
      await h.close();
    });
  });
});
