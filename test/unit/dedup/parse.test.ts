import { parseCompanyName } from '../../../src/domain/dedup';

const brief = (raw: string) => {
  const p = parseCompanyName(raw);
  return { region: p.region, core: p.core, industry: p.industry, form: p.form?.name, group: p.group, branch: p.branch?.key, note: p.bracketNote };
};

describe('parseCompanyName', () => {
  it('splits 区划 + 字号 + 行业 + 组织形式', () => {
    expect(brief('北京字节跳动科技有限公司')).toMatchObject({ region: '北京市', core: '字节跳动', industry: '科技', form: '有限公司' });
    expect(brief('杭州海康威视数字技术股份有限公司')).toMatchObject({ region: '浙江省杭州市', core: '海康威视', industry: '数字技术', form: '股份有限公司' });
    expect(brief('北京市海淀区中关村科技发展有限公司')).toMatchObject({ region: '北京市海淀区', core: '中关村', industry: '科技发展' });
  });

  it('finds the region in brackets wherever they are', () => {
    expect(brief('字节跳动（北京）科技有限公司')).toMatchObject({ region: '北京市', core: '字节跳动', industry: '科技' });
    expect(brief('腾讯科技【深圳】有限公司')).toMatchObject({ region: '广东省深圳市', core: '腾讯' });
    expect(parseCompanyName('字节跳动（北京）科技有限公司').regionCode).toBe('110000');
    expect(parseCompanyName('北京市海淀区字节跳动科技有限公司').regionCode).toBe('110108');
  });

  it('reads a place typed after the form or industry as if bracketed', () => {
    expect(brief('字节跳动科技有限公司北京')).toMatchObject({ region: '北京市', core: '字节跳动', form: '有限公司' });
    expect(brief('字节跳动科技 北京')).toMatchObject({ region: '北京市', core: '字节跳动' });
    expect(brief('美丽中山')).toMatchObject({ region: undefined, core: '美丽中山' });
  });

  it('keeps non-region bracket contents as information', () => {
    expect(brief('贵州民族酒业（集团）销售有限公司')).toMatchObject({ region: '贵州省', group: true, industry: '酒业销售' });
    expect(brief('上海寻梦信息技术有限公司（筹）')).toMatchObject({ core: '寻梦', note: '筹' });
    expect(brief('某某投资管理合伙企业（有限合伙）')).toMatchObject({ core: '某某', form: '合伙企业' });
  });

  it('canonicalises organisation forms', () => {
    expect(brief('小米科技有限责任公司').form).toBe('有限公司');
    expect(brief('美的集团股份公司')).toMatchObject({ form: '股份有限公司', group: true, core: '美的' });
    expect(brief('海尔集团公司')).toMatchObject({ core: '海尔', group: true });
    expect(brief('Xiaomi Technology Co., Ltd.')).toMatchObject({ core: 'xiaomi', industry: '科技', form: '有限公司' });
  });

  it('strips the longest run of industry words, not a greedy one', () => {
    expect(brief('宁德时代新能源科技股份有限公司')).toMatchObject({ region: '福建省宁德市', core: '时代', industry: '新能源科技' });
    expect(brief('中山时代新能源科技股份有限公司')).toMatchObject({ core: '中山时代', industry: '新能源科技' });
  });

  it('never leaves a 字号 under two characters', () => {
    expect(brief('东方科技有限公司')).toMatchObject({ core: '东方', region: undefined });
    expect(brief('北京朝阳科技有限公司')).toMatchObject({ core: '朝阳', region: '北京市', industry: '科技' });
    expect(brief('北京科技有限公司')).toMatchObject({ core: '北京', region: undefined });
    expect(brief('中国建设银行股份有限公司')).toMatchObject({ core: '建设', region: '中国', industry: '银行' });
    expect(brief('科技有限公司').core).toBe('科技');
    expect(brief('小米').core).toBe('小米');
  });

  it('recognises branches and their descriptors', () => {
    expect(brief('华为技术有限公司上海分公司')).toMatchObject({ core: '华为', region: undefined, branch: '分公司@r:31' });
    expect(brief('华为技术有限公司上海市分公司').branch).toBe('分公司@r:31');
    expect(brief('华为技术有限公司第二分公司').branch).toBe('分公司@n:2');
    expect(brief('华为技术有限公司第2分公司').branch).toBe('分公司@n:2');
    expect(brief('华为技术有限公司第十二分公司').branch).toBe('分公司@n:12');
    expect(brief('招商银行股份有限公司深圳分行').branch).toBe('分行@r:4403');
    expect(brief('某某科技北京办事处')).toMatchObject({ core: '某某', branch: '办事处@r:11' });
    expect(brief('肯德基餐饮南京路分店')).toMatchObject({ core: '肯德基', branch: '分店@t:南京路' });
    expect(brief('海底捞餐饮股份有限公司北京第一分公司').branch).toBe(brief('海底捞餐饮股份有限公司北京第1分公司').branch);
  });

  it('records the other reading of an ambiguous place word', () => {
    expect(parseCompanyName('中山华帝燃具股份有限公司').alternatives).toMatchObject([{ kind: 'strip', word: '中山', core: '华帝燃具' }]);
    expect(parseCompanyName('北京朝阳恒星科技有限公司').alternatives).toMatchObject([{ kind: 'keep', word: '朝阳', core: '朝阳恒星' }]);
    expect(parseCompanyName('阿里巴巴（中国）有限公司').alternatives).toEqual([]);
  });

  it('sees through traditional characters and full-width', () => {
    expect(brief('騰訊科技（深圳）有限公司')).toEqual(brief('腾讯科技(深圳)有限公司'));
    expect(brief('ＴＣＬ科技集团股份有限公司')).toEqual(brief('tcl科技集团股份有限公司'));
  });
});

describe('parseCompanyName on odd input', () => {
  it.each(['', '   ', '（）', '有限公司', '北京市', '分公司', '123', 'a', '😀科技', '北京'.repeat(50), '第一分公司', '(北京)(上海)(集团)'])(
    'does not throw on %j and keeps a core when anything is left',
    (raw) => {
      const p = parseCompanyName(raw);
      expect(typeof p.core).toBe('string');
      if (p.normalized !== '') expect(p.core.length).toBeGreaterThan(0);
    },
  );
});
