import { startConsole, type ConsoleHarness } from '../../support/console-harness';

/** Issue 11.4: /客户 history in words; a name with no exact match is not answered as if it matched. */

const INTERNAL = [/[a-z_]+\.[a-z_]+/, /=[a-z]/, /[a-z]+_[a-z]+/, /\b(?:pending|protected|released|expired|alice|bob|carol|dave)\b/];
const expectReadable = (text: string) => {
  for (const bad of INTERNAL) expect({ bad: String(bad), found: bad.exec(text)?.[0] }).toEqual({ bad: String(bad), found: undefined });
};

const POOL = ['宁波海曙星辰贸易有限公司', '绍兴越城鼎盛机械有限公司', '嘉兴南湖远航物流有限公司', '温州鹿城华信电子有限公司'];

describe('console: /客户 history in words', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
    await h.run(POOL.map((name, i) => `/报备 ${name} 张伟 1381234560${i}`).join('\n'));
    await h.run([':as carol', ...POOL.map((_, i) => `/通过 c${i + 1}`)].join('\n'));
    await h.run(`/延期 ${POOL[0]} 客户下周招标`);
    await h.run(':advance 31d');
    await h.run([':as bob', ...POOL.map((name) => `/认领 ${name}`)].join('\n'));
    await h.run(':as carol\n/转交 韩梅梅 李雷');
  });
  afterAll(() => h.close());

  it('tells each step in words: statuses, people, reasons, before → after', async () => {
    const out = await h.run(`:as dave\n:in 私聊\n/客户 ${POOL[0]}`);
    const history = out.slice(out.indexOf('操作历史：'));
    expect(history).toContain('李雷 报备 状态：待审批，负责人：李雷，审批人：陈经理');
    expect(history).toContain('陈经理 报备通过 状态：待审批 → 保护中');
    expect(history).toContain('李雷 【被拒绝】申请延期：');
    expect(history).toContain('系统 释放到公海 状态：保护中 → 已释放，原负责人：李雷，原因：保护期到期');
    expect(history).toContain('韩梅梅 从公海认领 状态：待审批 → 保护中，保护期至：2027-01-25 10:00');
    expect(history).toContain('陈经理 转交 负责人：韩梅梅 → 李雷');
    expectReadable(history);
  });

  it('says why a refused claim was refused, in words', async () => {
    const out = await h.run(`:as dave\n:in 私聊\n/客户 ${POOL[3]}`);
    const history = out.slice(out.indexOf('操作历史：'));
    expect(history).toContain('韩梅梅 【被拒绝】从公海认领：今日认领次数已用完（你今天已认领 3 个客户');
    expectReadable(history);
  });
});

describe('console: /客户 <名称> answers only for the customer named', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
    await h.run('/报备 宁波海曙星辰贸易有限公司 李四 13912345678\n:as carol\n/通过 c1\n:advance 31d');
    const reg = await h.run('/报备 杭州云启达科技有限公司 张伟 13812345678');
    const card = /卡片 (c\d+) · 客户报备：杭州云启达/.exec(reg)![1];
    await h.run(`:as carol\n/通过 ${card}`);
  });
  afterAll(() => h.close());

  it('opens the customer by its full name however written, or by a part of it', async () => {
    for (const q of ['杭州云启达科技有限公司', '云启达科技（杭州）有限公司', '杭州云启达']) {
      const out = await h.run(`:as carol\n:in 私聊\n/客户 ${q}`);
      expect(out).toContain('🏢 #2 杭州云启达科技有限公司');
    }
  });

  it('a near name is not found, and the closest customers are offered as suggestions', async () => {
    const out = await h.run(':as carol\n:in 私聊\n/客户 杭州云起达科技有限公司');
    expect(out).toContain('没有找到「杭州云起达科技有限公司」。你是不是要找：\n  /客户 杭州云启达科技有限公司');
    expect(out).not.toContain('🏢');
  });

  it('offers only customers the asker may know about: a colleague\'s is not, one in the pool is', async () => {
    const out = await h.run(':as bob\n:in 私聊\n/客户 杭州云起达科技有限公司\n/客户 宁波海曙星晨贸易有限公司');
    expect(out).toContain('没有找到「杭州云起达科技有限公司」。请写公司全称或 #编号');
    expect(out).not.toContain('/客户 杭州云启达科技有限公司');
    expect(out).toContain('没有找到「宁波海曙星晨贸易有限公司」。你是不是要找：\n  /客户 宁波海曙星辰贸易有限公司');
    expect(out).not.toContain('🏢');
  });
});
