import { eq } from 'drizzle-orm';
import { startConsole } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

describe.each(ENGINES)('on %s', (engine) => {
  describe('no-follow-up reminder counts from the last follow-up', () => {
    it('reminds once per quiet stretch of 14 days, also after the first 14 days, and again after a new follow-up', async () => {
      const h = await startConsole({ engine });
      const reminders = async () => (await h.rows((t) => t.outbox, (t) => eq(t.outbox.recipientId, 'alice'))).filter((r) => r.payload.template === 'protection.no_follow_up');
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n:in 私聊\n/通过 c1');
      // A follow-up on day 3: the first 14 days are not quiet, the 14 days after the follow-up are.
      await h.run(':advance 3d\n/跟进 杭州云启 电话沟通需求');
      const before = await h.run(':advance 14d');
      expect(before).not.toContain('未跟进');
      expect(await h.run(':now')).toContain('2026-12-12');
      const first = await h.run(':advance 1d');
      // The team group or privately: where reminders go is the audience filter's business, not this rule's.
      expect(first).toMatch(/\[2026-12-13 09:00 [^\]]+\] dealguard:\n {2}(@李雷 )?⏰ 提醒：/);
      expect(first).toContain('14 天未跟进：杭州云启科技有限公司');
      expect(first).toContain('最近跟进：2026-11-28 10:00');
      // The same stretch is not reminded again on the next days.
      expect(await h.run(':advance 2d')).not.toContain('未跟进');
      expect(await reminders()).toHaveLength(1);
      // A new follow-up starts a new stretch: an extension keeps the customer long enough to see it.
      await h.run('/跟进 杭州云启 上门拜访，客户关注报价\n:advance 4d\n/延期 杭州云启 客户下周招标');
      const ext = await h.run(':as carol\n:in 私聊\n/审批');
      const card = /· (c\d+) 延期申请/.exec(ext)![1];
      expect(await h.run(`:as carol\n:in 私聊\n/通过 ${card}`)).toContain('已通过');
      const quiet = await h.run(':advance 9d');
      expect(quiet).not.toContain('未跟进');
      const second = await h.run(':advance 2d');
      expect(second).toContain('14 天未跟进：杭州云启科技有限公司');
      expect(second).toContain('最近跟进：2026-12-15 10:00');
      expect(await reminders()).toHaveLength(2);
      expect(new Set((await reminders()).map((r) => r.dedupKey)).size).toBe(2);
      await h.close();
    }, 90_000); // ~9 s on SQLite, ~18 s on PostgreSQL (idle machine): five weeks of sweeps
  });
});
