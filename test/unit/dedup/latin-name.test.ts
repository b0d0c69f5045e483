import { parseCompanyName } from '../../../src/domain/dedup';

const brief = (name: string) => {
  const p = parseCompanyName(name);
  return { core: p.core, industry: p.industry, region: p.region, form: p.form?.name, group: p.group, pinyin: p.pinyin };
};

describe('English company names', () => {
  it('reads place, 字号, trade and form', () => {
    expect(brief('Hangzhou Yunqi Technology Co., Ltd.')).toEqual({ core: 'yunqi', industry: '科技', region: '浙江省杭州市', form: '有限公司', group: false, pinyin: 'yun qi' });
    expect(brief('Yunqi Tech')).toMatchObject({ core: 'yunqi', industry: '科技', region: undefined, form: undefined });
    expect(brief('Yunqi Technology (Hangzhou) Co., Ltd.')).toMatchObject({ core: 'yunqi', region: '浙江省杭州市', form: '有限公司' });
    expect(brief('ZHEJIANG HANGZHOU YUNQI NETWORK TECHNOLOGY CO.,LTD')).toMatchObject({ core: 'yunqi', industry: '网络科技', region: '浙江省杭州市' });
    expect(brief('Hang Zhou Yunqi Information Technology Company Limited')).toMatchObject({ core: 'yunqi', industry: '信息技术', region: '浙江省杭州市', form: '有限公司' });
  });

  it('reads a district after its city, and a shared pinyin as every place that has it', () => {
    expect(brief('Hangzhou Xihu District Yunqi Tech')).toMatchObject({ core: 'yunqi', region: '浙江省杭州市西湖区' });
    expect(parseCompanyName('Shanxi Yunqi Trading').regionRef?.codes).toEqual(['14', '61']);
  });

  it('keeps a place as the 字号 when nothing else is left, and English brands as written', () => {
    expect(brief('Hangzhou Technology Co., Ltd.')).toMatchObject({ core: 'hangzhou', industry: '科技', region: undefined });
    expect(brief('Tencent Holdings Limited')).toMatchObject({ core: 'tencent', industry: '控股', form: '有限公司', pinyin: undefined });
    expect(brief('Yunqi Group Joint Stock Co., Ltd.')).toMatchObject({ core: 'yunqi', group: true, form: '股份有限公司' });
    expect(brief('IBM (China) Co., Ltd.')).toMatchObject({ core: 'ibm', region: '中国' });
  });
});
