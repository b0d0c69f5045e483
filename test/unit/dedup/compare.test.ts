import { compareCustomers, identityOf } from '../../../src/domain/dedup';
import type { CompareResult } from '../../../src/domain/dedup';

type Side = string | { name: string; uscc?: string; mobile?: string; landline?: string };
const id = (s: Side) => identityOf(typeof s === 'string' ? { name: s } : s).identity;
const cmp = (a: Side, b: Side): CompareResult => compareCustomers(id(a), id(b));

describe('compareCustomers: identifiers', () => {
  it('blocks on the same USCC whatever the names', () => {
    const r = cmp({ name: '青岛海尔股份有限公司', uscc: '91370200264574251E' }, { name: '海尔智家股份有限公司', uscc: '91370200264574251e' });
    expect(r).toMatchObject({ tier: 'duplicate', reasons: ['信用代码相同'], relation: 'same' });
  });

  it('matches a checksum-bad USCC only exactly', () => {
    expect(cmp({ name: '甲公司', uscc: '91350211M0000XUF46' }, { name: '乙公司', uscc: '91350211M0000XUF46' }).tier).toBe('duplicate');
    expect(cmp({ name: '华为技术有限公司', uscc: '914403001922038216' }, { name: '中兴通讯股份有限公司', uscc: '914403001922038217' }).tier).toBe('none');
  });

  it('blocks on the same mobile in any format', () => {
    const r = cmp({ name: '顺丰速运有限公司', mobile: '13912345678' }, { name: '顺丰', mobile: '+86 139-1234-5678' });
    expect(r.tier).toBe('duplicate');
    expect(r.reasons[0]).toBe('手机号已被报备');
  });

  it('never matches an invalid mobile', () => {
    expect(cmp({ name: '云帆科技有限公司', mobile: '12345678901' }, { name: '星澜贸易有限公司', mobile: '12345678901' }).tier).toBe('none');
  });

  it('lets two valid, different USCCs outweigh a shared mobile or name', () => {
    const shared = cmp(
      { name: '腾讯科技（深圳）有限公司', uscc: '9144030071526726XG', mobile: '13800138000' },
      { name: '深圳市腾讯计算机系统有限公司', uscc: '91440300708461136T', mobile: '138-0013-8000' },
    );
    expect(shared.tier).toBe('suspect');
    expect(shared.reasons).toContain('手机号已被报备');
    const sameName = cmp({ name: '小米科技有限责任公司', uscc: '91110108551385082Q' }, { name: '小米科技有限公司', uscc: '91110105MA01ABCD5F' });
    expect(sameName.tier).toBe('suspect');
    const lookalike = cmp({ name: '字节跳动科技有限公司', uscc: '91110108551385082Q' }, { name: '字节跳东科技有限公司', uscc: '91110105MA01ABCD5F' });
    expect(lookalike.tier).toBe('none');
  });

  it('does not let a checksum-bad USCC outweigh the name', () => {
    expect(cmp({ name: '小米科技有限责任公司', uscc: '91110108551385082Q' }, { name: '小米科技有限公司', uscc: '91110108551385082R' }).tier).toBe('duplicate');
  });

  it('treats a shared landline as 疑似', () => {
    expect(cmp({ name: '云帆科技有限公司', landline: '010-12345678' }, { name: '星澜贸易有限公司', landline: '(010) 1234 5678' })).toMatchObject({ tier: 'suspect', reasons: ['座机号相同'] });
  });
});

describe('compareCustomers: names', () => {
  it.each([
    ['北京字节跳动科技有限公司', '字节跳动（北京）科技有限公司'],
    ['北京字节跳动科技有限公司', '北京市海淀区字节跳动科技有限公司'],
    ['小米科技有限责任公司', '小米科技有限公司'],
    ['美的集团股份有限公司', '美的集团股份公司'],
    ['騰訊科技（深圳）有限公司', '腾讯科技(深圳)有限公司'],
    ['TCL科技集团股份有限公司', 'ｔｃｌ 科技集团股份有限公司'],
    ['华为技术有限公司上海分公司', '华为技术有限公司上海市分公司'],
  ])('重复: %s / %s', (a, b) => {
    const r = cmp(a, b);
    expect(r.tier).toBe('duplicate');
    expect(r.reasons[0]).toMatch(/^名称相同/);
  });

  it('says 名称相同 for identical names', () => {
    expect(cmp('杭州云启科技有限公司', '杭州云启科技有限公司').reasons).toEqual(['名称相同']);
  });

  it('parent and branch are 疑似, with the relation both ways', () => {
    const up = cmp('华为技术有限公司上海分公司', '华为技术有限公司');
    expect(up).toMatchObject({ tier: 'suspect', relation: 'branch', reasons: ['为“华为技术有限公司”的分公司'] });
    const down = cmp('华为技术有限公司', '华为技术有限公司北京办事处');
    expect(down).toMatchObject({ tier: 'suspect', relation: 'parent', reasons: ['“华为技术有限公司北京办事处”为其办事处'] });
  });

  it('two branches of one parent are 疑似 sisters', () => {
    expect(cmp('招商银行股份有限公司深圳分行', '招商银行股份有限公司上海分行')).toMatchObject({ tier: 'suspect', relation: 'sister' });
  });

  it.each([
    ['上海华为技术有限公司', '华为技术有限公司', '一方未写地区'],
    ['北京华为技术有限公司', '上海华为技术有限公司', '地区不同'],
    ['腾讯科技（深圳）有限公司', '深圳市腾讯计算机系统有限公司', '行业不同'],
    ['海康威视', '杭州海康威视数字技术股份有限公司', '一方未写行业'],
    ['海尔集团有限公司', '海尔有限公司', '一方为集团'],
    ['某某投资管理有限公司', '某某投资管理合伙企业（有限合伙）', '组织形式不同'],
  ])('疑似 same 字号: %s / %s', (a, b, why) => {
    const r = cmp(a, b);
    expect(r.tier).toBe('suspect');
    expect(r.reasons[0]).toContain(why);
    expect(r.reasons[0]).toMatch(/^名称高度相似：/);
  });

  it('疑似 for a one-character difference or reordering in a 字号 of three or more', () => {
    expect(cmp('字节跳动科技有限公司', '字节跳东科技有限公司')).toMatchObject({ tier: 'suspect', relation: 'similar' });
    expect(cmp('字节跳动科技有限公司', '字节跳科技有限公司').tier).toBe('suspect');
    expect(cmp('字节跳动科技有限公司', '跳动字节科技有限公司').reasons[0]).toContain('顺序不同');
  });

  it('无 for two-character 字号 one character apart (海尔/海信, 中兴/中信)', () => {
    expect(cmp('海尔集团公司', '海信集团有限公司').tier).toBe('none');
    expect(cmp('中兴通讯股份有限公司', '中信通讯股份有限公司').tier).toBe('none');
  });

  it('无 for a look-alike that also differs in region or industry', () => {
    expect(cmp('北京字节跳动科技有限公司', '上海字节跳东科技有限公司').tier).toBe('none');
    expect(cmp('字节跳动科技有限公司', '字节跳东贸易有限公司').tier).toBe('none');
  });

  it('无 for a generic 字号 elsewhere or in another trade, 疑似 when a region is merely missing', () => {
    expect(cmp('北京东方科技有限公司', '上海东方科技有限公司').tier).toBe('none');
    expect(cmp('华夏银行股份有限公司', '华夏保险代理有限公司').tier).toBe('none');
    expect(cmp('北京东方科技有限公司', '东方科技有限公司').tier).toBe('suspect');
  });

  it('an ambiguous place word gives 疑似, never 重复', () => {
    expect(cmp('中山华帝燃具股份有限公司', '中山市华帝燃具股份有限公司').tier).toBe('suspect');
    expect(cmp('北京朝阳恒星科技有限公司', '朝阳恒星科技有限公司').tier).toBe('suspect');
    expect(cmp('北京朝阳恒星科技有限公司', '北京市朝阳区恒星科技有限公司').tier).toBe('duplicate');
    expect(cmp('安康华泰商务服务有限公司', '南阳华泰商务服务有限公司').tier).toBe('none');
  });

  it('is symmetric in tier', () => {
    const names = ['华为技术有限公司上海分公司', '华为技术有限公司', '上海华为技术有限公司', '华为科技有限公司', '中山华帝燃具股份有限公司', '中山市华帝燃具股份有限公司'];
    for (const a of names) for (const b of names) expect(cmp(a, b).tier).toBe(cmp(b, a).tier);
  });

  it('scores identifiers above names and names above look-alikes', () => {
    const uscc = cmp({ name: '甲', uscc: '91110000600037341L' }, { name: '乙', uscc: '91110000600037341L' }).score;
    const branch = cmp('华为技术有限公司上海分公司', '华为技术有限公司').score;
    const typo = cmp('字节跳动科技有限公司', '字节跳东科技有限公司').score;
    expect(uscc).toBe(1);
    expect(branch).toBeGreaterThan(typo);
    expect(cmp('云帆科技有限公司', '星澜贸易有限公司').score).toBeLessThan(typo);
  });
});

describe('compareCustomers: two-character 字号 swapped', () => {
  const HZ = '杭州云启科技有限公司';

  it('疑似, never 重复, where place and trade agree, with the reason', () => {
    for (const b of ['杭州启云科技有限公司', '浙江启云科技有限公司', '启云科技有限公司', '杭州市启云科技股份有限公司']) {
      expect([b, cmp(b, HZ)]).toEqual([b, { tier: 'suspect', relation: 'similar', score: 0.7, reasons: ['名称高度相似：字号字序颠倒（启云 / 云启）'] }]);
      expect(cmp(HZ, b).reasons).toEqual(['名称高度相似：字号字序颠倒（云启 / 启云）']);
    }
    expect(cmp('北京华联商厦股份有限公司', '北京联华商厦股份有限公司').tier).toBe('suspect');
    // Under the other reading of an ambiguous place word: 白银 + 致佳.
    expect(cmp('白银市佳致广告有限公司', '白银致佳广告有限公司').reasons).toEqual(['名称高度相似：字号字序颠倒（佳致 / 致佳）']);
  });

  it('无 in another province, city or trade, without trade words, for a generic 字号, or with two valid USCCs', () => {
    for (const b of ['南京启云科技有限公司', '宁波启云科技有限公司', '杭州启云贸易有限公司', '杭州启云有限公司', '杭州启云科技有限公司上海分公司']) {
      expect([b, cmp(b, HZ).tier]).toEqual([b, 'none']);
    }
    expect(cmp('杭州华中科技有限公司', '杭州中华科技有限公司').tier).toBe('none');
    expect(cmp({ name: '杭州启云科技有限公司', uscc: '91330100799655058B' }, { name: HZ, uscc: '91110000600037341L' }).tier).toBe('none');
  });
});

describe('compareCustomers: 字号 that sound alike (pinyin)', () => {
  const HZ = '杭州云启科技有限公司';

  it('疑似, never 重复, for a homophone, the 字号 in pinyin, or the English name, where place and trade agree', () => {
    for (const b of ['杭州芸启科技有限公司', '杭州yunqi科技有限公司', 'Hangzhou Yunqi Technology Co., Ltd.', 'Yunqi Tech', '浙江韵奇科技有限公司', '芸启科技有限公司']) {
      const r = cmp(b, HZ);
      expect([b, r.tier, r.reasons[0]]).toEqual([b, 'suspect', expect.stringMatching(/(读音|拼音)相同（yunqi）$/)]);
      expect(cmp(HZ, b).tier).toBe('suspect');
    }
    expect(cmp('Xiaomi Technology Co., Ltd.', '小米科技有限责任公司').tier).toBe('suspect');
  });

  it('无 in another trade, without trade words, in another province or city, for a common sound or with two valid USCCs', () => {
    for (const b of ['杭州韵奇餐饮管理有限公司', '杭州芸启有限公司', '南京芸启科技有限公司', '宁波芸启科技有限公司', 'Yunqi Trading', 'Shanghai Yunqi Technology Co., Ltd.']) {
      expect([b, cmp(b, HZ).tier]).toEqual([b, 'none']);
    }
    expect(cmp('杭州华欣科技有限公司', '杭州华信科技有限公司').tier).toBe('none');
    expect(cmp({ name: '杭州芸启科技有限公司', uscc: '91330100799655058B' }, { name: HZ, uscc: '91110000600037341L' }).tier).toBe('none');
  });

  it('a district written without its city (西湖 for 杭州市西湖区) is 疑似 of the city', () => {
    expect(cmp('西湖云启科技有限公司', HZ)).toMatchObject({ tier: 'suspect', relation: 'similar' });
    expect(cmp('余杭云启科技有限公司', HZ).tier).toBe('suspect');
    expect(cmp('余杭云启科技有限公司', HZ).reasons[0]).toContain('地名可能是字号的一部分');
  });
});
