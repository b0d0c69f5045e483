import { startConsole, type ConsoleHarness } from '../../support/console-harness';

/** A seeded generator of the worst things people (and phones) type. */
function lines(n: number, seed: number): string[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chars = (len: number, pool: string) => Array.from({ length: len }, () => pool[Math.floor(rnd() * pool.length)]).join('');
  const words = ['/报备', '/查重', '/跟进', '/我的', '/客户', '/延期', '/释放', '/公海', '/认领', '/成交', '/转交', '/审批', '/通过', '/驳回', '/帮助', '/绑定群', '/规则', 'bb', 'help', '／报备', '/', '//', '/报备/报备'];
  const junk = [
    () => '',
    () => ' '.repeat(Math.floor(rnd() * 50)),
    () => 'x'.repeat(100_000),
    () => '/报备 ' + '杭'.repeat(100_000),
    () => chars(40, '😀🎉🤔👍🏻‍♂️🇨🇳\u200b\u200d\ufe0f'),
    () => chars(30, '\u0000\u0001\u0007\b\t\n\r\u001b\u007f\u2028'),
    () => `/客户 ' OR 1=1; DROP TABLE customers; --`,
    () => `/报备 "; DELETE FROM registrations WHERE "1"="1 张伟 13812345678`,
    () => `/报备 "未闭合的引号 张伟 13812345678`,
    () => `/报备 “中文引号 ‘混用" 张伟 138`,
    () => `${pick(words)} ${chars(Math.floor(rnd() * 30), '杭州云启科技有限公司 =：:，,"\'“”「」0123456789+-#@')}`,
    () => `${pick(words)} 公司=${chars(6, '测试科技贸易')}有限公司 联系人=张三 手机=1${chars(10, '0123456789')}`,
    () => `/成交 ${chars(4, '云启星河')} ${pick(['12万', '-5', 'NaN', '1e309', '0x10', '１２万', '9'.repeat(40)])}`,
    () => `:click c${Math.floor(rnd() * 50)} ${pick(['approve', 'reject', 'dispute', 'followup:1', 'view:99999', '💥'])}`,
    () => `@机器人 @${chars(3, '李雷韩梅')} ${pick(words)} @${chars(3, '李雷韩梅')}`,
    () => chars(Math.floor(rnd() * 200), '\ud800\udc00\udfff\ud83d abc中文'),
    () => `${pick(words)} ${'a='.repeat(500)}`,
    () => `/帮助 ${pick(words)}`,
  ];
  return Array.from({ length: n }, () => pick(junk)());
}

describe('fuzz: thousands of random and malformed lines', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());

  it('never crashes and always answers', async () => {
    const people = ['alice', 'bob', 'carol', 'pat', 'admin', 'dave', 'ghost-user'];
    const input = lines(3000, 20261125);
    let unanswered = 0;
    let failures = 0;
    for (let i = 0; i < input.length; i++) {
      const text = input[i]!;
      const sender = people[i % people.length]!;
      if (text.startsWith(':click')) {
        const [, cardId, action] = text.split(' ');
        const res = await h.app.bot.onCardAction({ platform: 'console', eventId: `fz-${i}`, senderPlatformId: sender, cardId: cardId!, action: action! });
        if (res.replies.length === 0) unanswered++;
        continue;
      }
      const res = await h.app.bot.onMessage({
        platform: 'console',
        messageId: `fz-${i}`,
        senderPlatformId: sender,
        chat: i % 3 === 0 ? { platform: 'console', chatId: sender, kind: 'private' } : { platform: 'console', chatId: '华东销售群', kind: 'group' },
        text,
        mentions: [],
      });
      if (res.replies.length === 0 || !res.replies[0]!.text) unanswered++;
      if (res.replies.some((r) => r.text?.includes('系统出错了'))) failures++;
    }
    await h.app.dispatcher.runOnce();
    expect(unanswered).toBe(0);
    expect(failures).toBe(0);
    // The database is intact and still answers.
    const after = await h.run('/帮助');
    expect(after).toContain('dealguard 命令');
  }, 120_000);
});
