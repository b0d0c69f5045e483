import { like } from 'drizzle-orm';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';
import { authRow, importRows } from './support';

describe.each(ENGINES)('on %s', (engine) => {
  /**
   * Three contracts ending 2027-02-28, driven through the console with :advance:
   *   HT-001 (李雷) moves to 合同 after T-60 and is paid before the end: T-90, T-60, nothing after.
   *   HT-002 (韩梅梅, the dealer of 潘伙伴) never moves: every milestone fires, then it lapses.
   *   HT-003 (李雷) reaches 意向确认 after T-90: no T-60, but T-30 and the expiry still fire.
   */
  describe('renewal reminders at T-90 / T-60 / T-30 / T-0', () => {
    let h: ConsoleHarness;
    beforeAll(async () => {
      h = await startConsole({ engine });
      const r = await importRows(h.app.root, [
        authRow('HT-001', '宁波海达贸易', 'alice', '2026-03-01', '2027-02-28'),
        authRow('HT-002', '杭州云启科技', 'bob', '2026-03-01', '2027-02-28'),
        authRow('HT-003', '温州鹿城电子', 'alice', '2026-03-01', '2027-02-28'),
      ]);
      expect(r.errors).toEqual([]);
      const won = await h.run(':as pat\n/报备 杭州星海网络有限公司 王五 13700001234\n:as carol\n:in 私聊\n/通过 c1\n:as pat\n/成交 杭州星海 5万');
      expect(won).toContain('已登记「杭州星海网络有限公司」成交');
    });
    afterAll(async () => {
      await h.close();
    });

    /** Milestone → recipients, from the outbox (the only record that a notice was ever queued). */
    const milestones = async () => {
      const out: Record<string, string[]> = {};
      for (const r of await h.rows((t) => t.outbox, (t) => like(t.outbox.dedupKey, 'authz:%'))) {
        const [, contract, , , milestone] = r.dedupKey.split('>')[0]!.split(':');
        (out[`${contract} ${milestone}`] ??= []).push(r.recipientId);
      }
      for (const k of Object.keys(out)) out[k]!.sort();
      return out;
    };

    it('T-90: opens the tasks and tells each owner once; both of 李雷\'s merge into one digest', async () => {
      const out = await h.run(':advance 5d');
      // 潘伙伴 reads the team group: other dealers' contracts go to 李雷 privately, the group hears one line…
      expect(out).toContain('[2026-11-30 09:00 私聊 李雷] dealguard:\n  ⏰ 你有 2 条提醒');
      expect(out).toContain('[2026-11-30 09:00 群 华东销售群] dealguard:\n  @李雷 🔒 有 2 条提醒已私信给你');
      expect(out).toContain('▸ 代理授权即将到期，续约待启动：宁波海达贸易（HT-001）');
      expect(out).toContain('▸ 代理授权即将到期，续约待启动：温州鹿城电子（HT-003）');
      // …while 潘伙伴's own dealer's contract may be shown to everyone there.
      expect(out).toContain('[2026-11-30 09:00 群 华东销售群] dealguard:\n  @韩梅梅 ⏰ 提醒：');
      const group = out.split('\n[').filter((e) => e.includes('群 华东销售群]')).join('\n');
      expect(group).not.toMatch(/HT-001|HT-003|宁波海达|温州鹿城/);
      expect(out).toContain('到期日期：2027-02-28（还剩 90 天）');
      expect(await milestones()).toEqual({ 'HT-001 T-90': ['alice'], 'HT-002 T-90': ['bob'], 'HT-003 T-90': ['alice'] });
      expect(await h.run(':advance 1d')).not.toContain('代理授权');
    });

    it('T-60: only renewals still 待启动, high priority, to the owner and the direct manager', async () => {
      const moved = await h.run('/续约 HT-003 意向确认 对方同意续约');
      expect(moved).toContain('「温州鹿城电子」（HT-003）续约：待启动 → 意向确认（对方同意续约）');
      const out = await h.run(':advance 29d');
      expect(out).toContain('[2026-12-30 09:00 私聊 陈经理] dealguard:\n  ⏰ 你有 2 条提醒');
      expect(out).toContain('🔴 代理授权即将到期，续约待启动：杭州云启科技（HT-002）');
      expect(out).not.toContain('温州鹿城电子（HT-003）');
      expect(await milestones()).toMatchObject({ 'HT-001 T-60': ['alice', 'carol'], 'HT-002 T-60': ['bob', 'carol'] });
      expect((await milestones())['HT-003 T-60']).toBeUndefined();
    });

    it('T-30: to the director unless 合同 or later, listing the dealer\'s active customers', async () => {
      expect(await h.run('/续约 HT-001 合同 合同已发出')).toContain('续约：待启动 → 合同');
      const out = await h.run(':advance 30d');
      expect(out).toContain('[2027-01-29 09:00 私聊 王总] dealguard:\n  ⏰ 你有 2 条提醒');
      expect(out).toContain('▸ 🔴 代理授权即将到期，续约待启动：杭州云启科技（HT-002）');
      expect(out).toContain('该代理商在手客户：1 个：杭州星海网络有限公司');
      expect(out).toContain('▸ 🔴 代理授权即将到期：温州鹿城电子（HT-003）');
      expect(out).not.toContain('宁波海达贸易（HT-001）');
      expect((await milestones())['HT-001 T-30']).toBeUndefined();
      expect(await milestones()).toMatchObject({ 'HT-002 T-30': ['dave'], 'HT-003 T-30': ['dave'] });
    });

    it('回款 starts the next period and keeps the history', async () => {
      const paid = await h.run('/续约 HT-001 回款');
      expect(paid).toContain('✅ 「宁波海达贸易」（HT-001）续约已回款，新授权期 2027-03-01 至 2028-02-29。续约任务已关闭。');
      const card = await h.run(':in 私聊\n/授权 HT-001');
      expect(card).toContain('状态：已续约（新授权期 2027-03-01 起）');
      expect(card).toContain('历史授权期：2026-03-01~2027-02-28');
      expect(card).toContain('上次续约：回款（李雷');
      expect(await h.run('/续约 HT-001 流失 价格')).toContain('已续约，新授权期 2027-03-01 至 2028-02-29');
    });

    it('T-0: the end date passed without renewal tells owner, manager and director; the paid one stays quiet', async () => {
      const out = await h.run(':advance 31d');
      expect(out).toContain('[2027-03-01 09:00 私聊 王总] dealguard:\n  ⏰ 你有 2 条提醒');
      expect(out).toContain('🔴 代理授权已到期：杭州云启科技（HT-002）');
      expect(out).toContain('影响：续约回款前，该代理商不能报备或认领新客户');
      expect(out).not.toContain('代理授权已到期：宁波海达贸易');
      expect(await milestones()).toEqual({
        'HT-001 T-90': ['alice'],
        'HT-001 T-60': ['alice', 'carol'],
        'HT-002 T-90': ['bob'],
        'HT-002 T-60': ['bob', 'carol'],
        'HT-002 T-30': ['dave'],
        'HT-002 expired': ['bob', 'carol', 'dave'],
        'HT-003 T-90': ['alice'],
        'HT-003 T-30': ['dave'],
        'HT-003 expired': ['alice', 'carol', 'dave'],
      });
      const status = await h.run(':as dave\n:in 私聊\n/授权 HT-002');
      expect(status).toContain('状态：已过期（已过期 1 天）');
    });

    it('a lapsed dealer cannot register; the channel manager is told once a day; renewal lets it again', async () => {
      const refused = await h.run(':as pat\n:in 华东销售群\n/报备 杭州新客户科技有限公司 赵六 13700005678\n/报备 杭州另一家科技有限公司 赵七 13700005679');
      expect(refused).toContain('⚠️ 「杭州云启科技」的代理授权已于 2027-02-28 到期（合同 HT-002），续约完成前不能报备或认领新客户。已通知渠道经理 陈经理。');
      expect(refused).toContain('👉 请联系 陈经理 办理续约；发送 /授权 杭州云启科技 查看授权状态');
      expect(refused.match(/私聊 陈经理\] dealguard:\n {2}⚠️ 代理商「杭州云启科技」的授权已于 2027-02-28 到期/g)).toHaveLength(1);
      expect(refused).toContain('潘伙伴 报备或认领「杭州新客户科技有限公司」被拒绝。请尽快推进续约：/续约 HT-002 <阶段>');
      await h.run(':as bob\n/续约 HT-002 回款');
      const again = await h.run(':as pat\n/报备 杭州新客户科技有限公司 赵六 13700005678');
      expect(again).toContain('✅ 已提交报备「杭州新客户科技有限公司」');
    });

    it('nothing fires twice and nothing is left undelivered', async () => {
      const before = (await h.rows((t) => t.outbox, (t) => like(t.outbox.dedupKey, 'authz:%'))).length;
      expect(await h.run(':advance 7d')).not.toContain('代理授权');
      const rows = await h.rows((t) => t.outbox);
      expect(rows.filter((r) => r.dedupKey.startsWith('authz:'))).toHaveLength(before);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      expect(new Set(rows.map((r) => r.dedupKey)).size).toBe(rows.length);
    });
  });
});
