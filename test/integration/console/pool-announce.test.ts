import { applyOrg } from '../../../src/domain/org/apply-org';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

/** A group of the 华东 team that holds only the dealer's person: nobody in it may claim every customer. */
async function addDealerGroup(h: ConsoleHarness): Promise<void> {
  await h.app.root.write((d) => applyOrg(d.deps, { staff: [], dealers: [], groups: [{ name: '云启合作群', platform: 'console', team: '华东', members: ['pat'] }] }, 'test'));
}

describe.each(ENGINES)('on %s', (engine) => {
  describe('a release to the pool is announced to those who may claim it', () => {
    it('/释放: the team group gets the company name and the /认领 hint, nothing else', async () => {
      const h = await startConsole({ engine });
      await addDealerGroup(h);
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678 预算=50 意向产品=CRM\n:as carol\n:in 私聊\n/通过 c1');
      const out = await h.run(':in 私聊\n/释放 杭州云启 客户暂无预算');
      expect(out).toContain('[2026-11-25 10:00 群 华东销售群] dealguard:\n  📤 「杭州云启科技有限公司」已进入公海池，需要的同事可以发送 /认领 #1 认领（每人每天最多 3 个）。');
      const group = /\[[^\]]*群 华东销售群\] dealguard:\n([\s\S]*?)(?=\n\[|$)/.exec(out)![1]!;
      for (const secret of ['张伟', '138', '暂无预算', 'CRM', '50']) expect(group).not.toContain(secret);
      // Only the dealer's person is in 云启合作群: an internal customer is not announced there.
      expect(out).not.toContain('群 云启合作群');
      expect(await h.run(':as bob\n/认领 #1')).toContain('已认领「杭州云启科技有限公司」');
      await h.close();
    });

    it('expiry: the customers released in one sweep reach the group as one message; a dealer\'s customer goes to the internal colleagues', async () => {
      const h = await startConsole({ engine });
      await addDealerGroup(h);
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n/报备 宁波海曙星辰贸易有限公司 李四 13900001111');
      await h.run(':as pat\n/报备 杭州星海网络有限公司 王五 13700001234');
      await h.run(':as carol\n:in 私聊\n/审批');
      for (const c of ['c1', 'c2', 'c3']) await h.run(`:as carol\n:in 私聊\n:click ${c} approve`);
      const out = await h.run(':advance 30d');
      const messages = out.match(/群 华东销售群\] dealguard:\n {2}📤[^\n]*(\n {2}📤[^\n]*)*/g)!;
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('「杭州云启科技有限公司」已进入公海池');
      expect(messages[0]).toContain('「宁波海曙星辰贸易有限公司」已进入公海池');
      expect(messages[0]).toContain('「杭州星海网络有限公司」已进入公海池');
      expect(out).not.toContain('群 云启合作群');
      await h.close();
    });
  });
});
