import { eq } from 'drizzle-orm';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { ENGINES } from '../../support/stores';

/**
 * The whole life of customers through the console, as people would type it: register, duplicate
 * blocked, approval, T-3 / T-1 reminders, release, claim limits and cooldown, extension limits,
 * key-account two-step approval, handover and a won order.
 */
describe.each(ENGINES)('console scenario on %s: a month in the life of 华东销售', (engine) => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole({ engine });
  });
  afterAll(() => h.close());

  const status = async (name: string) => (await h.rows((t) => t.customers, (t) => eq(t.customers.name, name)))[0]?.status;

  it('registers five customers and blocks a colleague on the same company', async () => {
    await h.run(`
      /报备 杭州云启科技有限公司 张伟 13812345678
      /报备 宁波海曙星辰贸易有限公司 王五 13700001111
      /报备 绍兴越城鼎盛机械有限公司 赵六 13600001111
      /报备 温州鹿城恒通电子有限公司 钱七 13500001111
      /报备 嘉兴南湖远航物流有限公司 孙八 13400001111`);
    const blocked = await h.run(':as bob\n/报备 云启科技（杭州）有限公司 李四 13900001111');
    expect(blocked).toContain('已被 李雷 报备');
    expect(blocked).not.toContain('138');
    const samePhone = await h.run(':as bob\n/报备 某某未知公司有限公司 李四 +86 138-1234-5678');
    expect(samePhone).toContain('手机号');
    expect(samePhone).toContain('已被 李雷 报备');
    expect(await status('杭州云启科技有限公司')).toBe('pending');
  });

  it('approves through cards and text commands', async () => {
    const out = await h.run(':as carol\n:in 私聊\n:click c1 approve\n/通过 c2\n/通过 c3\n/通过 c4\n/通过 c5');
    expect(out.match(/已通过：客户报备/g)).toHaveLength(5);
    expect(out).toContain('私聊 李雷] dealguard:\n  ✅ 你的报备「杭州云启科技有限公司」已由 陈经理 审批通过，保护期至 2026-12-25 10:00');
    expect(await status('杭州云启科技有限公司')).toBe('protected');
  });

  it('refuses an extension outside the last 7 days, and one without a follow-up', async () => {
    const early = await h.run('/延期 杭州云启 客户在走流程');
    expect(early).toContain('保护期最后 7 天才能申请延期');
    await h.run(':advance 24d');
    const noFollow = await h.run('/延期 宁波海曙星辰 客户在走流程');
    expect(noFollow).toContain('申请延期前至少要记录一次跟进');
  });

  it('reminds the owner at T-3 and T-1, once each: privately, with one line in the team group (a dealer reads it too)', async () => {
    await h.run('/跟进 杭州云启 上门拜访，客户关注报价');
    const t3 = await h.run(':advance 2d 23h');
    expect(t3).toContain('[2026-12-22 09:00 私聊 李雷] dealguard:\n  ⏰ 你有 5 条提醒');
    expect(t3).toContain('[2026-12-22 09:00 群 华东销售群] dealguard:\n  @李雷 🔒 有 5 条提醒已私信给你');
    expect(t3).toContain('保护期即将到期：杭州云启科技有限公司');
    expect(t3).toContain('还剩 3 天');
    expect(t3).toContain(':click c');
    const again = await h.run(':advance 1h');
    expect(again).not.toContain('提醒');
  });

  it('extends twice at most, each approved by the manager', async () => {
    const req = await h.run('/延期 杭州云启 客户下周招标');
    expect(req).toContain('已提交「杭州云启科技有限公司」的延期申请（+15 天）');
    const card = /卡片 (c\d+) · 延期申请：杭州云启科技有限公司/.exec(req)![1];
    const ok = await h.run(`:as carol\n:in 私聊\n:click ${card} approve`);
    expect(ok).toContain('保护期延至 2027-01-09 10:00（已延期 1 次）');
    const twice = await h.run('/延期 杭州云启 招标推迟');
    expect(twice).toContain('保护期最后 7 天才能申请延期');
    await h.run(':advance 15d');
    const second = await h.run('/延期 杭州云启 招标推迟');
    const card2 = /卡片 (c\d+) · 延期申请/.exec(second)![1];
    await h.run(`:as carol\n:in 私聊\n:click ${card2} approve`);
    const third = await h.run('/延期 杭州云启 再延一次');
    expect(third).toContain('已延期 2 次，最多 2 次');
  });

  it('released the others at expiry; owner and manager were told', async () => {
    const released = h.output.join('\n');
    expect(released).toContain('私聊 李雷] dealguard:\n  📤 李雷 的客户「宁波海曙星辰贸易有限公司」已进入公海池（保护期到期）');
    expect(released).toContain('私聊 陈经理] dealguard:\n  📤 李雷 的客户「宁波海曙星辰贸易有限公司」已进入公海池（保护期到期）');
    expect(await status('宁波海曙星辰贸易有限公司')).toBe('pool');
    expect(await status('杭州云启科技有限公司')).toBe('protected');
  });

  it('keeps the previous owner out for 30 days and limits claims to 3 a day', async () => {
    const own = await h.run('/认领 宁波海曙星辰贸易有限公司');
    expect(own).toContain('30 天内不能重新认领');
    const bob = await h.run(':as bob\n/认领 宁波海曙星辰\n/认领 绍兴越城鼎盛机械有限公司\n/认领 #4\n/认领 嘉兴南湖远航物流有限公司');
    expect(bob.match(/📥 已认领/g)).toHaveLength(3);
    expect(bob).toContain('你今天已认领 3 个客户，每人每天最多 3 个');
    expect(bob).toContain('私聊 陈经理] dealguard:\n  📥 韩梅梅 从公海认领了');
    const tomorrow = await h.run(':as bob\n:advance 1d\n/认领 嘉兴南湖远航物流有限公司');
    expect(tomorrow).toContain('📥 已认领「嘉兴南湖远航物流有限公司」');
  });

  it('sends a key account through the manager and then the director', async () => {
    const reg = await h.run(':as alice\n/报备 上海星河数据有限公司 刘洋 13912345678 预算=150 意向产品=CRM');
    expect(reg).toContain('等待 陈经理 审批，之后由 王总 审批（重点客户）');
    const card1 = /卡片 (c\d+) · 重点客户报备/.exec(reg)![1];
    const step1 = await h.run(`:as carol\n:in 私聊\n:click ${card1} approve`);
    expect(step1).toContain('已通过本级，已转下一级审批');
    expect(step1).toContain('私聊 王总] dealguard');
    expect(await status('上海星河数据有限公司')).toBe('pending');
    const card2 = /私聊 王总\] dealguard:[\s\S]*?卡片 (c\d+) · 重点客户报备/.exec(step1)![1];
    const wrong = await h.run(`:as carol\n:in 私聊\n:click ${card2} approve`);
    expect(wrong).toContain('你不是这条审批的审批人');
    const step2 = await h.run(`:as dave\n:in 私聊\n:click ${card2} approve`);
    expect(step2).toContain('✅ 已通过：重点客户报备：上海星河数据有限公司');
    expect(await status('上海星河数据有限公司')).toBe('protected');
  });

  it('records a won order for the owner and keeps the customer with them', async () => {
    const won = await h.run(':as alice\n/成交 杭州云启 12.5万');
    expect(won).toContain('已登记「杭州云启科技有限公司」成交 12.5 万元，业绩归属 李雷');
    expect(await status('杭州云启科技有限公司')).toBe('won');
    const order = (await h.rows((t) => t.orders))[0]!;
    expect(order.amountCents).toBe(12_500_000);
    expect(order.ownerId).toBe('alice');
  });

  it('hands over everything alice holds to bob; both are told; a salesperson may not', async () => {
    const refused = await h.run(':as bob\n/转交 @李雷 @韩梅梅');
    expect(refused).toContain('只有经理、总监、管理员可以使用 /转交');
    const out = await h.run(':as carol\n/转交 @李雷 @韩梅梅');
    expect(out).toContain('转给 韩梅梅：2 个');
    expect(out).toContain('私聊 李雷] dealguard:\n  🔁 陈经理 转交了 李雷 的客户');
    expect(out).toContain('私聊 韩梅梅] dealguard:\n  🔁 陈经理 转交了 李雷 的客户');
    const alices = await h.rows((t) => t.registrations, (t) => eq(t.registrations.ownerId, 'alice'));
    expect(alices.filter((r) => ['pending', 'protected', 'won'].includes(r.status))).toHaveLength(0);
    const mine = await h.run(':as bob\n/我的');
    expect(mine).toContain('杭州云启科技有限公司');
    expect(mine).toContain('上海星河数据有限公司');
  });

  it('never delivered anything twice', async () => {
    const rows = await h.rows((t) => t.outbox);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(rows.map((r) => r.dedupKey)).size).toBe(rows.length);
  });
});
