import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

describe.each(ENGINES)('on %s', (engine) => {
  describe('console: register, block, approve', () => {
    let h: ConsoleHarness;
    beforeEach(async () => {
      h = await startConsole({ engine });
    });
    afterEach(() => h.close());

    it('registers, blocks a duplicate with the owner and dates but no contacts, and approves by card', async () => {
      const t1 = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
      expect(t1).toContain('已提交报备「杭州云启科技有限公司」');
      expect(t1).toContain('私聊 陈经理] dealguard:');
      expect(t1).toMatch(/卡片 c1 · 客户报备：杭州云启科技有限公司/);

      const t2 = await h.run(':as bob\n/报备 杭州云启科技 李四 13900001111');
      expect(t2).toContain('已被 李雷 报备');
      expect(t2).toContain('报备时间：2026-11-25 10:00');
      expect(t2).not.toContain('13812345678');
      expect(t2).not.toContain('张伟');
      expect(t2).toContain(':click c2 dispute');

      const t3 = await h.run(':as bob\n:click c1 approve');
      expect(t3).toContain('你不是这条审批的审批人');

      const t4 = await h.run(':as carol\n:in 私聊\n:click c1 approve');
      expect(t4).toContain('已通过');
      expect(t4).toContain('保护期至 2026-12-25 10:00');

      const t5 = await h.run(':as carol\n:in 私聊\n:click c1 approve');
      expect(t5).toContain('本次点击未做任何更改');
    });

    it('checks by name, mobile and landline, and explains each verdict', async () => {
      await h.run('/报备 杭州云启达科技有限公司 张伟 13812345678 座机=0571-88886666');
      const t = await h.run(
        [':as bob', '/查重 云启达科技（杭州）有限公司', '/查重 杭州云起达科技有限公司', '/查重 宁波海晨贸易有限公司 座机=(0571)88886666', '/查重 宁波海晨贸易有限公司 手机=138-1234-5678', '/查重 南京云起达科技有限公司'].join('\n'),
      );
      expect(t).toContain('⛔ 重复 杭州云启达科技有限公司（李雷 审批中）— 名称相同（仅地区/组织形式写法不同）');
      expect(t).toContain('⚠️ 疑似 杭州云启达科技有限公司（李雷 审批中）— 名称高度相似：字号“云起达”与“云启达”仅一字之差');
      expect(t).toContain('⚠️ 疑似 杭州云启达科技有限公司（李雷 审批中）— 座机号相同');
      expect(t).toContain('⛔ 重复 杭州云启达科技有限公司（李雷 审批中）— 手机号已被报备');
      expect(t).toContain('✅ 未发现重复：「南京云起达科技有限公司」');
      expect(t).not.toContain('13812345678');
    });
  });
});
