import { startConsole } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

describe.each(ENGINES)('on %s', (engine) => {
  describe('申诉 and 申请协作 from a blocked registration', () => {
    it('a dispute goes to the managers with both sides, and when upheld the customer changes hands', async () => {
      const h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
      const blocked = await h.run(':as frank\n:in 私聊\n/报备 杭州云启科技有限公司 孙七 13912345678');
      const card = /卡片 (c\d+) · 重复报备/.exec(blocked)![1];
      const notMine = await h.run(`:as bob\n:click ${card} dispute 我先拜访的`);
      expect(notMine).toContain('只有 TA 可以申诉');
      const filed = await h.run(`:as frank\n:in 私聊\n:click ${card} dispute 客户10月就和我签了意向书`);
      expect(filed).toContain('已提交申诉');
      expect(filed).toContain('私聊 陈经理] dealguard');
      expect(filed).toContain('私聊 吴经理] dealguard');
      expect(filed).toContain('申诉理由：客户10月就和我签了意向书');
      expect(filed).toContain('当前归属：李雷');
      const again = await h.run(`:as frank\n:in 私聊\n:click ${card} dispute 再申诉`);
      expect(again).toContain('已经处理过了');
      const disputeCard = /私聊 吴经理\] dealguard:[\s\S]*?卡片 (c\d+) · 报备申诉/.exec(filed)![1];
      const decided = await h.run(`:as erin\n:in 私聊\n:click ${disputeCard} approve`);
      expect(decided).toContain('私聊 赵强] dealguard:\n  ✅ 你的申诉');
      expect(decided).toContain('私聊 李雷] dealguard:\n  ⚠️ 赵强 对「杭州云启科技有限公司」的申诉已由 吴经理 支持');
      const active = (await h.rows((t) => t.registrations)).filter((r) => r.status === 'protected');
      expect(active.map((r) => r.ownerId)).toEqual(['frank']);
      await h.close();
    });

    it('collaboration: the owner agrees, the colleague may then see and follow up', async () => {
      const h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
      const blocked = await h.run(':as bob\n/报备 杭州云启科技有限公司 李四 13900001111');
      const card = /卡片 (c\d+) · 重复报备/.exec(blocked)![1];
      const asked = await h.run(`:as bob\n:click ${card} collaborate 我有客户的采购联系人`);
      expect(asked).toContain('已向 李雷 发出协作申请');
      const collabCard = /私聊 李雷\] dealguard:[\s\S]*?卡片 (c\d+) · 协作申请/.exec(asked)![1];
      const before = await h.run(':as bob\n:in 私聊\n/客户 杭州云启');
      expect(before).not.toContain('13812345678');
      await h.run(`:as alice\n:in 私聊\n:click ${collabCard} approve`);
      const after = await h.run(':as bob\n:in 私聊\n/客户 杭州云启\n/跟进 杭州云启 约了下周演示');
      expect(after).toContain('13812345678');
      expect(after).toContain('已记录「杭州云启科技有限公司」的跟进');
      await h.close();
    });
  });

  describe('time: quiet hours and escalation', () => {
    it('holds an approval card registered at 22:00 until 08:30', async () => {
      const h = await startConsole({ engine, now: '2026-11-25T22:00:00+08:00' });
      const out = await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
      expect(out).toContain('现在是免打扰时段，审批人将于 11-26 08:30 收到通知');
      expect(out).not.toContain('私聊 陈经理');
      const morning = await h.run(':advance 11h');
      expect(morning).toContain('[2026-11-26 08:30 私聊 陈经理] dealguard:\n  📝 李雷 提交了报备');
      await h.close();
    });

    it('reminds the approver at 24 h and escalates to the director at 48 h, once each', async () => {
      const h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
      const out = await h.run(':advance 3d');
      expect(out.match(/私聊 陈经理\] dealguard:\n {2}⏰ 这条审批已等待超过 24 小时/g)).toHaveLength(1);
      expect(out.match(/私聊 王总\] dealguard:\n {2}⬆️ 审批超过 48 小时无人处理/g)).toHaveLength(1);
      const card = /私聊 王总\] dealguard:[\s\S]*?卡片 (c\d+)/.exec(out)![1];
      const decided = await h.run(`:as dave\n:in 私聊\n:click ${card} approve`);
      expect(decided).toContain('✅ 已通过');
      await h.close();
    });
    // Catching up after downtime: test/integration/console/catch-up.test.ts (both engines).
  });
});
