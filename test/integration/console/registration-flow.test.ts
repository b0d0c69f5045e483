import { startConsole, type ConsoleHarness } from '../../support/console-harness';

describe('console: register, block, approve', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsole();
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
});
