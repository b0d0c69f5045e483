import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

describe.each(ENGINES)('on %s', (engine) => {
  describe('who sees what', () => {
    let h: ConsoleHarness;
    beforeAll(async () => {
      h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678 信用代码=91330100799655058B 备注=老板姓王');
      await h.run(':as carol\n/通过 c1');
      await h.run(':as alice\n/跟进 杭州云启 电话沟通报价');
    });
    afterAll(() => h.close());

    const secrets = ['13812345678', '138****5678', '张伟', '老板姓王', '电话沟通报价'];

    it('a blocked colleague in the group sees the owner and the protection end, never contacts', async () => {
      const out = await h.run(':as bob\n/报备 杭州云启科技有限公司 李四 13900001111');
      expect(out).toContain('已被 李雷 报备');
      expect(out).toContain('保护期至 2026-12-25 10:00');
      for (const s of secrets) expect(out).not.toContain(s);
    });

    it("a salesperson's /客户 on another's customer shows no contacts and no history", async () => {
      const out = await h.run(':as bob\n/客户 杭州云启');
      expect(out).toContain('李雷 · 保护中');
      expect(out).toContain('联系方式和跟进记录仅 李雷 及其上级可见');
      for (const s of secrets) expect(out).not.toContain(s);
      expect(out).not.toContain('操作历史');
    });

    it('a dealer sees nothing of our salespeople', async () => {
      const out = await h.run(':as pat\n:in 私聊\n/客户 杭州云启');
      for (const s of secrets) expect(out).not.toContain(s);
    });

    it('the owner sees everything privately; in a group with a colleague and a dealer, the details come privately too', async () => {
      const priv = await h.run(':in 私聊\n/客户 杭州云启');
      expect(priv).toContain('13812345678');
      expect(priv).toContain('电话沟通报价');
      expect(priv).toContain('操作历史');
      const out = await h.run('/客户 杭州云启');
      const [, group, ...rest] = out.split('\n[');
      expect(group).toContain('群 华东销售群] dealguard → 李雷');
      expect(group).toContain('李雷 · 保护中');
      expect(group).toContain('详情已私信你');
      for (const s of secrets) expect(group).not.toContain(s);
      const dm = rest.join('\n[');
      expect(dm).toContain('私聊 李雷]');
      expect(dm).toContain('13812345678');
      expect(dm).toContain('电话沟通报价');
    });

    it('the manager sees the history, refused actions included, with who and when', async () => {
      const out = await h.run(':as carol\n:in 私聊\n/客户 杭州云启');
      expect(out).toContain('李雷 报备');
      expect(out).toContain('陈经理 审批通过');
      expect(out).toContain('韩梅梅 【被拒绝】报备');
      expect(out).toContain('状态：待审批 → 保护中');
    });

    it('another team\'s manager does not see it in full', async () => {
      const out = await h.run(':as erin\n:in 私聊\n/客户 杭州云启');
      for (const s of secrets) expect(out).not.toContain(s);
    });
  });
});
