import { like } from 'drizzle-orm';
import { startConsole } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

describe.each(ENGINES)('on %s', (engine) => {
  describe('approval SLA: one digest per approver per sweep, and the registrant told of the escalation', () => {
    it('merges the reminders and escalations one approver gets in one check into one digest card', async () => {
      const h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n/报备 宁波海曙星辰贸易有限公司 李四 13900001111');
      const day1 = await h.run(':advance 1d');
      // carol has two approvals 24 h old: one message, one digest card.
      expect(day1.match(/私聊 陈经理\] dealguard:/g)).toHaveLength(1);
      expect(day1).toContain('[2026-11-26 10:00 私聊 陈经理] dealguard:\n  ⏰ 你有 2 条提醒，请及时处理：');
      expect(day1).toContain('等待超过 24 小时：客户报备：杭州云启科技有限公司');
      expect(day1).toMatch(/审批：\/通过 c\d+，或 \/驳回 c\d+ <原因>/);
      // carol's own registration goes to the director: 24 h later dave gets its reminder with the two escalations.
      await h.run(':as carol\n/报备 温州鹿城电子有限公司 王五 13700001234');
      const day2 = await h.run(':advance 1d');
      expect(day2.match(/私聊 王总\] dealguard:/g)).toHaveLength(1);
      expect(day2).toContain('[2026-11-27 10:00 私聊 王总] dealguard:\n  ⏰ 你有 3 条提醒，请及时处理：');
      expect(day2).toContain('⬆️ 超过 48 小时无人处理，已升级给你：客户报备：杭州云启科技有限公司');
      expect(day2).toContain('⬆️ 超过 48 小时无人处理，已升级给你：客户报备：宁波海曙星辰贸易有限公司');
      expect(day2).toContain('等待超过 24 小时：客户报备：温州鹿城电子有限公司');
      // The registrant hears about both escalations, in one message.
      expect(day2.match(/私聊 李雷\] dealguard:/g)).toHaveLength(1);
      expect(day2).toContain('⏫ 你的报备「杭州云启科技有限公司」已超过 48 小时未审批，已升级给 王总，TA 可以直接审批。');
      expect(day2).toContain('⏫ 你的报备「宁波海曙星辰贸易有限公司」已超过 48 小时未审批，已升级给 王总，TA 可以直接审批。');
      // The digest names the escalated card, which dave may decide.
      const card = /已升级给你：客户报备：杭州云启科技有限公司[\s\S]*?审批：\/通过 (c\d+)/.exec(day2)![1];
      expect(await h.run(`:as dave\n:in 私聊\n/通过 ${card}`)).toContain('✅ 已通过');
      expect(await h.run(':advance 2d')).not.toContain('私聊 王总');
      const sla = (await h.rows((t) => t.outbox, (t) => like(t.outbox.dedupKey, 'approval:%'))).filter((r) => /remind|escalated/.test(r.dedupKey));
      expect(sla.map((r) => r.dedupKey.replace(/^approval:\d+:/, '')).sort()).toEqual([
        'step0:escalated:requester>staff:alice',
        'step0:escalated:requester>staff:alice',
        'step0:escalated>staff:dave',
        'step0:escalated>staff:dave',
        'step0:remind24h>staff:carol',
        'step0:remind24h>staff:carol',
        'step0:remind24h>staff:dave',
      ]);
      await h.close();
    });
  });
});
