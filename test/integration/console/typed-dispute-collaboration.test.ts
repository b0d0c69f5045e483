import { and, eq } from 'drizzle-orm';
import { approvals, auditLog, registrations } from '../../../db/schema';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';

/** 李雷 holds 杭州云启科技有限公司 (approved by 陈经理). */
async function withHeldCustomer(): Promise<ConsoleHarness> {
  const h = await startConsole();
  await h.run('/报备 杭州云启科技有限公司 张伟 13812345678\n:as carol\n/通过 c1');
  return h;
}

describe('/申诉 and /协作 typed: the same service as the blocked card\'s buttons', () => {
  let h: ConsoleHarness;
  afterEach(async () => {
    await h.close();
  });

  it('/申诉 <客户> <理由> goes to both managers with both sides, and when upheld the customer changes hands', async () => {
    h = await withHeldCustomer();
    const filed = await h.run(':as frank\n:in 私聊\n/申诉 云启科技（杭州）有限公司 客户10月就和我签了意向书');
    expect(filed).toContain('📮 已提交申诉，陈经理、吴经理 会看到双方的报备信息后裁定，结果会通知你。');
    expect(filed).toContain('私聊 陈经理] dealguard:\n  📝 赵强 提交了申诉，请审批：报备申诉：杭州云启科技有限公司');
    expect(filed).toContain('申诉理由：客户10月就和我签了意向书');
    expect(filed).toContain('当前归属：李雷');
    const again = await h.run(':as frank\n:in 私聊\nss 杭州云启 再申诉一次');
    expect(again).toContain('⚠️ 「杭州云启科技有限公司」已有一条申诉在处理中，请等待结果。');
    const disputeCard = /私聊 吴经理\] dealguard:[\s\S]*?卡片 (c\d+) · 报备申诉/.exec(filed)![1];
    const decided = await h.run(`:as erin\n:in 私聊\n:click ${disputeCard} approve`);
    expect(decided).toContain('私聊 赵强] dealguard:\n  ✅ 你的申诉');
    expect(decided).toContain('私聊 李雷] dealguard:\n  ⚠️ 赵强 对「杭州云启科技有限公司」的申诉已由 吴经理 支持');
    const live = h.db.select().from(registrations).all().filter((r) => r.status === 'protected');
    expect(live.map((r) => r.ownerId)).toEqual(['frank']);
    const started = h.db.select().from(auditLog).where(and(eq(auditLog.action, 'approval.start'), eq(auditLog.actorId, 'frank'))).all();
    expect(started.map((r) => (r.after as { kind: string }).kind)).toEqual(['dispute']);
  });

  it('refuses /申诉 without a reason, on a customer nobody holds, on one\'s own customer, and on an unknown name', async () => {
    h = await withHeldCustomer();
    const noReason = await h.run(':as frank\n:in 私聊\n/申诉 杭州云启');
    expect(noReason).toContain('⚠️ 缺少申诉理由\n  用法：/申诉 <客户> <理由>');
    await h.run(':as bob\n:in 私聊\n/报备 宁波海晨贸易有限公司 赵六 13900001111\n/撤回 宁波海晨');
    const free = await h.run(':as frank\n:in 私聊\n/申诉 宁波海晨贸易有限公司 我先拜访的');
    expect(free).toContain('⚠️ 「宁波海晨贸易有限公司」目前没有人报备，可以直接报备，不需要申诉。\n  👉 /报备 宁波海晨贸易有限公司 <联系人> <手机>');
    const own = await h.run(':as alice\n:in 私聊\n/申诉 杭州云启 我的');
    expect(own).toContain('⚠️ 「杭州云启科技有限公司」是你自己的客户，不需要申诉。');
    await h.run(':as alice\n:in 私聊\n/成交 杭州云启 12万');
    const won = await h.run(':as frank\n:in 私聊\n/申诉 杭州云启 我先拜访的');
    expect(won).toContain('⚠️ 「杭州云启科技有限公司」已由 李雷 成交，成交后的客户不能申诉。\n  👉 对业绩归属有异议，请联系 陈经理');
    const unknown = await h.run(':as frank\n:in 私聊\n/申诉 南京某某科技有限公司 我先拜访的');
    expect(unknown).toContain('⚠️ 没有找到客户「南京某某科技有限公司」。\n  👉 先发送 /查重 南京某某科技有限公司 确认客户名称');
    expect(h.db.select().from(approvals).where(eq(approvals.kind, 'dispute')).all()).toHaveLength(0);
    const refusals = h.db.select().from(auditLog).where(and(eq(auditLog.outcome, 'refused'), eq(auditLog.action, 'dispute.request'))).all();
    expect(refusals.map((r) => r.actorId)).toEqual(['frank', 'alice', 'frank']);
  });

  it('/协作 <客户>: the owner agrees, the colleague may then see and follow up', async () => {
    h = await withHeldCustomer();
    const asked = await h.run(':as bob\n/协作 杭州云启 我有客户的采购联系人');
    expect(asked).toContain('🤝 已向 李雷 发出协作申请，对方同意后你可以查看并跟进该客户。');
    const twice = await h.run(':as bob\ncollab 杭州云启');
    expect(twice).toContain('⚠️ 你已向 李雷 申请协作，请等待 TA 回复。');
    const collabCard = /私聊 李雷\] dealguard:[\s\S]*?卡片 (c\d+) · 协作申请/.exec(asked)![1];
    expect(asked).toContain('说明：我有客户的采购联系人');
    await h.run(`:as alice\n:in 私聊\n:click ${collabCard} approve`);
    const after = await h.run(':as bob\n:in 私聊\n/客户 杭州云启\n/跟进 杭州云启 约了下周演示');
    expect(after).toContain('13812345678');
    expect(after).toContain('已记录「杭州云启科技有限公司」的跟进');
    const own = await h.run(':as alice\n:in 私聊\n/协作 杭州云启');
    expect(own).toContain('⚠️ 「杭州云启科技有限公司」是你自己的客户，不需要协作。');
  });

  it('/帮助 lists both, and /帮助 申诉 or /帮助 xz shows usage and examples', async () => {
    h = await startConsole();
    const all = await h.run('/帮助');
    expect(all).toContain('/申诉（ss）');
    expect(all).toContain('/协作（xz）');
    expect(all).toContain('/修改（xg）');
    expect(all).toContain('/撤回（ch）');
    const one = await h.run('/帮助 申诉\n/帮助 xz');
    expect(one).toContain('用法：/申诉 <客户> <理由>');
    expect(one).toContain('/申诉 杭州云启 客户10月就和我签了意向书');
    expect(one).toContain('用法：/协作 <客户> [说明]');
    expect(one).toContain('别名：xz、collab、collaborate、申请协作、xiezuo');
  });
});
