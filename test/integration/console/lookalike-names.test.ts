import { startConsole, type ConsoleHarness } from '../../support/console-harness';

// Issue 11.2: look-alike 字号 as salespeople type them, against a registered 杭州云启科技有限公司.
describe('console: look-alike 字号 (homophone, pinyin, English name, district, two characters swapped)', () => {
  let h: ConsoleHarness;
  beforeEach(async () => {
    h = await startConsole();
    await h.run('/报备 杭州云启科技有限公司 张伟 13812345678');
  });
  afterEach(() => h.close());

  const check = (name: string) => h.run(`:as bob\n/查重 ${name}`);
  const SUSPECT = '⚠️ 疑似 杭州云启科技有限公司（李雷 审批中）— 名称高度相似：';

  it.each([
    ['杭州芸启科技有限公司', '字号“芸启”与“云启”读音相同（yunqi）'],
    ['Hangzhou Yunqi Technology Co., Ltd.', '字号“yunqi”与“云启”拼音相同（yunqi）'],
    ['"Yunqi Tech"', '字号“yunqi”与“云启”拼音相同（yunqi）'],
    ['杭州yunqi科技有限公司', '字号“yunqi”与“云启”拼音相同（yunqi）'],
    ['杭州 Yun Qi 科技有限公司', '字号“yunqi”与“云启”拼音相同（yunqi）'],
    ['西湖云启科技有限公司', '“西湖云启科技有限公司”与“杭州云启科技有限公司”（地名可能是字号的一部分）'],
    ['杭州启云科技有限公司', '字号字序颠倒（启云 / 云启）'],
  ])('answers %s with 疑似 and says why', async (name, reason) => {
    const t = await check(name);
    expect(t).toContain(`${SUSPECT}${reason}`);
    expect(t).toContain('疑似重复：确认不是同一家公司后可以报备（需确认）。');
    expect(t).not.toContain('13812345678');
  });

  it('blocks the district written in full (西湖区 is in 杭州), as the same name', async () => {
    expect(await check('西湖区云启科技有限公司')).toContain('⛔ 重复 杭州云启科技有限公司（李雷 审批中）— 名称相同（仅地区/组织形式写法不同）');
  });

  it('asks a registrant of the English name to confirm, and goes on with 确认=是', async () => {
    const t = await h.run(':as bob\n/报备 "Hangzhou Yunqi Technology Co., Ltd." 李四 13900001111');
    expect(t).toContain('拼音相同（yunqi）');
    expect(t).not.toContain('已提交报备');
    const t2 = await h.run(':as bob\n/报备 "Hangzhou Yunqi Technology Co., Ltd." 李四 13900001111 确认=是');
    expect(t2).toContain('已提交报备「Hangzhou Yunqi Technology Co., Ltd.」');
  });

  it.each([
    ['杭州韵奇餐饮管理有限公司', 'the same sound in another trade'],
    ['Nanjing Yunqi Technology Co., Ltd.', 'the same sound in another province'],
    ['宁波芸启科技有限公司', 'the same sound in another city'],
    ['Yunqi Trading', 'an English name of another trade'],
    ['杭州华欣科技有限公司', 'a common sound (华信 / 华鑫 / 华新 …)'],
    ['宁波启云科技有限公司', 'a two-character 字号 swapped, in another city'],
    ['杭州启云贸易有限公司', 'a two-character 字号 swapped, in another trade'],
  ])('leaves %s (%s) 未发现重复', async (name) => {
    expect(await check(name)).toContain(`✅ 未发现重复：「${name.replace(/"/g, '')}」`);
  });

  it('keeps a common sound 无 even when registered: 杭州华信科技 / 杭州华鑫科技', async () => {
    await h.run('/报备 杭州华信科技有限公司 王五 13700001111');
    expect(await check('杭州华鑫科技有限公司')).toContain('✅ 未发现重复');
  });
});
