import { and, eq } from 'drizzle-orm';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

describe.each(ENGINES)('on %s', (engine) => {
  describe('/修改: the owner corrects the contact or mobile, re-checked by 查重', () => {
    let h: ConsoleHarness;
    beforeEach(async () => {
      h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
    });
    afterEach(async () => {
      await h.close();
    });

    const customer = async (id: number) => (await h.rows((t) => t.customers, (t) => eq(t.customers.id, id)))[0]!;
    const amends = () => h.rows((t) => t.auditLog, (t) => eq(t.auditLog.action, 'registration.amend'));

    it('the old mobile stops blocking and the new one blocks; audited before → after, masked', async () => {
      const out = await h.run(':in 私聊\n/修改 杭州云启 联系人=李娜 手机=139-1234-5678');
      expect(out).toContain('✏️ 已修改「杭州云启科技有限公司」：联系人 张伟 → 李娜；手机 13812345678 → 139-1234-5678。');
      expect(await customer(1)).toMatchObject({ contactName: '李娜', mobile: '+8613912345678' });
      const freed = await h.run(':as bob\n:in 私聊\n/报备 宁波海晨贸易有限公司 赵六 13812345678');
      expect(freed).toContain('✅ 已提交报备「宁波海晨贸易有限公司」');
      const blocked = await h.run(':as frank\n:in 私聊\n/报备 南京星河数据有限公司 钱七 13912345678');
      expect(blocked).toContain('⛔ 「杭州云启科技有限公司」已被 李雷 报备，不能重复报备。');
      expect(blocked).toContain('原因：手机号已被报备');
      expect((await amends()).map((r) => ({ actor: r.actorId, outcome: r.outcome, before: r.before, after: r.after }))).toEqual([
        { actor: 'alice', outcome: 'ok', before: { contactName: '张伟', mobile: '138****5678' }, after: { contactName: '李娜', mobile: '139****5678' } },
      ]);
      const history = await h.run(':in 私聊\n/客户 杭州云启');
      expect(history).toContain('联系人：李娜 139-1234-5678');
    });

    it('a pending registration: the approver\'s card shows the corrected contact', async () => {
      await h.run(':as bob\n:in 私聊\n/报备 宁波海晨贸易有限公司 赵六 13900001111');
      const out = await h.run(':as bob\n:in 私聊\n/修改 宁波海晨 联系人=赵小六 手机=13900002222');
      expect(out).toContain('✏️ 已修改「宁波海晨贸易有限公司」：联系人 赵六 → 赵小六；手机 13900001111 → 13900002222。');
      expect(out).toMatch(/私聊 陈经理\] 卡片 c2 已更新：[\s\S]*联系人：赵小六 139\*\*\*\*2222/);
      const approved = await h.run(':as carol\n:in 私聊\n:click c2 approve');
      expect(approved).toContain('✅ 已通过');
    });

    it('refuses a mobile another customer is held under, saying who holds it, and changes nothing', async () => {
      await h.run(':as bob\n:in 私聊\n/报备 宁波海晨贸易有限公司 赵六 13900001111');
      const out = await h.run(':in 华东销售群\n/修改 杭州云启 手机=13900001111');
      expect(out).toContain('⚠️ 这个手机号已被 韩梅梅 报备的「宁波海晨贸易有限公司」使用（审批中），不能改成这个号码。');
      expect(out).toContain('👉 请核对号码；如认为是同一客户，可发送 /申诉 宁波海晨贸易有限公司 <理由>');
      expect((await customer(1)).mobile).toBe('+8613812345678');
      // The index is untouched: the old number still blocks.
      expect(await h.run(':as frank\n:in 私聊\n/查重 南京星河数据有限公司 手机=13812345678')).toContain('⛔ 重复 杭州云启科技有限公司（李雷 保护期至 2026-12-25）');
      // Refused because the number is held: recorded as the look-up it answered (counted against the /查重 limit).
      expect(await amends()).toEqual([]);
      const asLookup = await h.rows((t) => t.auditLog, (t) => and(eq(t.auditLog.action, 'dedup.lookup'), eq(t.auditLog.actorId, 'alice')));
      expect(asLookup.map((r) => [r.actorId, r.outcome, r.after])).toEqual([['alice', 'refused', { kinds: ['mobile'], mobile: '139****1111' }]]);
    });

    it('the owner\'s manager may correct it (a group with a dealer in it hears only that it changed); another team\'s manager or a colleague may not', async () => {
      const carol = await h.run(':as carol\n:in 华东销售群\n/修改 杭州云启 手机=13912345678');
      expect(carol).toContain('群 华东销售群] dealguard → 陈经理:\n  @陈经理 ✏️ 已修改「杭州云启科技有限公司」的联系方式。');
      expect(carol).toContain('私聊 陈经理] dealguard:\n  ✏️ 已修改「杭州云启科技有限公司」：手机 13812345678 → 13912345678。');
      expect(/群 华东销售群\] dealguard → 陈经理:[^[]*/.exec(carol)![0]).not.toMatch(/5678|1391/);
      const erin = await h.run(':as erin\n:in 私聊\n/修改 杭州云启 联系人=王五');
      expect(erin).toContain('⚠️ 「杭州云启科技有限公司」由 李雷 报备，只有 李雷 或其上级经理可以修改。');
      const bob = await h.run(':as bob\n:in 私聊\nxg 杭州云启 联系人=王五');
      expect(bob).toContain('只有 李雷 或其上级经理可以修改');
      expect((await customer(1)).contactName).toBe('张伟');
      const same = await h.run(':in 私聊\n/修改 杭州云启 联系人=张伟');
      expect(same).toContain('⚠️ 「杭州云启科技有限公司」的联系人和手机已经是这样了，没有修改。');
      const bad = await h.run(':in 私聊\n/修改 杭州云启 手机=12345');
      expect(bad).toContain('⚠️ 手机号「12345」不是有效的大陆手机号');
    });
  });

  describe('/撤回: the registrant withdraws a pending registration', () => {
    let h: ConsoleHarness;
    afterEach(async () => {
      await h.close();
    });

    it('cancels the approval (card updated), tells the approver, audits it, and frees the customer', async () => {
      h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
      const blocked = await h.run(':as bob\n/报备 杭州云启科技有限公司 李四 13900001111');
      expect(blocked).toContain('⛔ 「杭州云启科技有限公司」已被 李雷 报备');
      const out = await h.run(':as alice\n:in 私聊\n/撤回 杭州云启 公司名称写错了');
      expect(out).toContain('↩️ 已撤回「杭州云启科技有限公司」的报备，审批已撤销，已通知 陈经理。其他人现在可以报备这个客户。');
      expect(out).toContain('[2026-11-25 10:00 私聊 陈经理] 卡片 c1 已更新：');
      expect(out).toContain('—— 已撤销：报备人撤回：公司名称写错了');
      expect(out).toContain('私聊 陈经理] dealguard:\n  ↩️ 李雷 撤回了报备「杭州云启科技有限公司」（公司名称写错了），这条审批已撤销，无需处理。');
      const click = await h.run(':as carol\n:in 私聊\n:click c1 approve');
      expect(click).toContain('⚠️ 该审批已撤销');
      expect((await h.rows((t) => t.approvals, (t) => eq(t.approvals.id, 1)))[0]!.status).toBe('cancelled');
      const reg = (await h.rows((t) => t.registrations, (t) => eq(t.registrations.id, 1)))[0]!;
      expect(reg).toMatchObject({ status: 'cancelled', endReason: 'withdrawn' });
      const audit = await h.rows((t) => t.auditLog, (t) => and(eq(t.auditLog.action, 'registration.withdraw'), eq(t.auditLog.subjectId, '1')));
      expect(audit.map((r) => [r.actorId, r.outcome, r.before, r.after])).toEqual([['alice', 'ok', { status: 'pending' }, { status: 'cancelled', reason: '公司名称写错了' }]]);
      expect(await h.run(':in 私聊\n/我的')).toContain('你名下还没有客户');
      const detail = await h.run(':as admin\n:in 私聊\n/客户 杭州云启');
      expect(detail).toContain('李雷 2026-11-25 已撤销（报备人撤回）');
      const taken = await h.run(':as bob\n:in 私聊\n/报备 杭州云启科技有限公司 李四 13900001111');
      expect(taken).toContain('✅ 已提交报备「杭州云启科技有限公司」');
    });

    it('refuses someone else\'s registration and an approved one, saying what to do instead', async () => {
      h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n/报备 宁波海晨贸易有限公司 赵六 13900001111\n:as carol\n/通过 c1');
      const other = await h.run(':as bob\n:in 私聊\n/撤回 宁波海晨');
      expect(other).toContain('⚠️ 你名下没有找到客户「宁波海晨」。');
      const approved = await h.run(':in 私聊\nch 杭州云启');
      expect(approved).toContain('⚠️ 「杭州云启科技有限公司」已审批通过，只有审批中的报备可以撤回。\n  👉 不再跟进请发送 /释放 杭州云启科技有限公司 <原因>');
      expect((await h.rows((t) => t.registrations)).map((r) => r.status)).toEqual(['protected', 'pending']);
      const refused = await h.rows((t) => t.auditLog, (t) => and(eq(t.auditLog.action, 'registration.withdraw'), eq(t.auditLog.outcome, 'refused')));
      expect(refused.map((r) => r.actorId)).toEqual(['alice']);
    });

    it('a key account waiting on the director: the director is told, not the manager who already approved', async () => {
      h = await startConsole({ engine });
      await h.run('/报备 杭州云启科技有限公司 张伟 13812345678 预算=150\n:as carol\n/通过 c1');
      const out = await h.run(':as alice\n:in 私聊\n/撤回 杭州云启');
      expect(out).toContain('已通知 王总');
      expect(out).toContain('私聊 王总] dealguard:\n  ↩️ 李雷 撤回了报备「杭州云启科技有限公司」，这条审批已撤销，无需处理。');
      expect(out).not.toContain('私聊 陈经理] dealguard:\n  ↩️');
    });
  });
});
