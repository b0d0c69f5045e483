import { compareCustomers, identityOf, parseCompanyName } from '../../../src/domain/dedup';
import { categoryWords, TRADE_WORDS } from '../../../src/domain/dedup/trade-vocabulary';
import { tradeFamily } from '../../../src/domain/dedup/trade-family';

const brief = (raw: string) => {
  const p = parseCompanyName(raw);
  return { region: p.region, core: p.core, industry: p.industry, form: p.form?.name, branch: p.branch?.key, note: p.bracketNote };
};
const tier = (a: string, b: string) => compareCustomers(identityOf({ name: a }).identity, identityOf({ name: b }).identity).tier;

describe('trade vocabulary (GB/T 4754-2017 names, short forms, business scope)', () => {
  it('derives short forms from category names', () => {
    expect(categoryWords('金属制品业')).toEqual(expect.arrayContaining(['金属制品业', '金属制品']));
    expect(categoryWords('通用设备制造业')).toEqual(expect.arrayContaining(['通用设备制造业', '通用设备']));
    expect(categoryWords('批发和零售业')).toEqual(expect.arrayContaining(['批发', '零售']));
    expect(categoryWords('瓶（罐）装饮用水制造')).toContain('瓶装饮用水');
  });

  it('knows the trade words people write, and no common 字号', () => {
    for (const w of ['园林景观', '金属加工', '企业管理咨询', '企业管理顾问', '航运', '管道支架', '家纺', '特钢', '锂业', '水产品加工']) expect([w, TRADE_WORDS.has(w)]).toEqual([w, true]);
    for (const w of ['东方', '华夏', '阳光', '其他', '中国', '店']) expect([w, TRADE_WORDS.has(w)]).toEqual([w, false]);
  });

  it('takes filler words and word order out of the trade family, but not synonyms', () => {
    expect(tradeFamily('园林景观工程')).toBe(tradeFamily('园林景观'));
    expect(tradeFamily('科技发展')).toBe(tradeFamily('科技'));
    expect(tradeFamily('地产')).not.toBe(tradeFamily('房地产'));
  });
});

describe('parseCompanyName: 字号 without trade words, shop forms, places anywhere (issue 14)', () => {
  it('strips trade and business-scope words from the 字号', () => {
    expect(brief('浙江绿星园林景观工程有限公司')).toMatchObject({ region: '浙江省', core: '绿星', industry: '园林景观工程' });
    expect(brief('石家庄德宝金属加工有限公司')).toMatchObject({ core: '德宝', industry: '金属加工' });
    expect(brief('上海巨海企业管理顾问有限公司')).toMatchObject({ core: '巨海', industry: '企业管理顾问' });
    expect(brief('临沂新程金锣肉制品集团有限公司').core).toBe('新程金锣');
    expect(brief('金徽酒股份有限公司')).toMatchObject({ core: '金徽', industry: '酒' });
  });

  it('reads individual-business and other endings as the form, not the 字号', () => {
    expect(brief('湘阴秋旭服饰经营部')).toMatchObject({ region: '湖南省岳阳市湘阴县', core: '秋旭', industry: '服饰', form: '经营部' });
    expect(brief('南宁市江南区云荣水果摊')).toMatchObject({ core: '云荣', form: '水果摊' });
    expect(brief('四会市镁玉镗珠宝专柜')).toMatchObject({ core: '镁玉镗', industry: '珠宝', form: '专柜' });
    expect(brief('会宁县乐逍遥日化用品生活馆')).toMatchObject({ core: '乐逍遥', form: '生活馆' });
    expect(brief('衡南龙运种养专业合作社')).toMatchObject({ core: '龙运', form: '合作社' });
    expect(brief('翁源县觉照禅书店')).toMatchObject({ core: '觉照禅', form: '书店' });
    expect(brief('武陟县大唛副食门市部')).toMatchObject({ core: '大唛', form: '门市部' });
    expect(brief('上海良工阀门厂有限公司')).toMatchObject({ core: '良工', form: '有限公司' });
    expect(brief('江北新区华之北电子商务中心')).toMatchObject({ region: '江苏省南京市', core: '华之北', form: '中心' });
    // A one-character ending is a form only after a trade word: 建设银行 is 建设 + 银行.
    expect(brief('中国建设银行股份有限公司')).toMatchObject({ core: '建设', industry: '银行' });
    expect(parseCompanyName('向敏店').alternatives).toMatchObject([{ kind: 'strip', word: '店', core: '向敏' }]);
  });

  it('finds places before the form, between trade words and before 分公司', () => {
    expect(brief('力赛佳管道支架技术上海有限公司')).toMatchObject({ region: '上海市', core: '力赛佳' });
    expect(brief('环球国际航运青岛有限公司')).toMatchObject({ region: '山东省青岛市', core: '环球' });
    expect(brief('中节能秦皇岛环保有限公司')).toMatchObject({ region: '河北省秦皇岛市', core: '中节能', industry: '环保' });
    expect(brief('建业电缆信阳销售公司')).toMatchObject({ region: '河南省信阳市', core: '建业', industry: '电缆销售' });
    expect(brief('泽信控股邯郸分公司')).toMatchObject({ core: '泽信', branch: '分公司@r:1304' });
    expect(brief('山西咸阳五龙饮料食品有限公司')).toMatchObject({ region: '山西省', core: '五龙', note: '陕西省咸阳市' });
  });

  it('knows counties, towns, streets and zones, with their short forms', () => {
    expect(brief('会昌魅惠丹贸易有限公司')).toMatchObject({ region: '江西省赣州市会昌县', core: '魅惠丹' });
    expect(brief('江油百度装饰公司')).toMatchObject({ region: '四川省绵阳市江油市', core: '百度' });
    expect(brief('易县山村小龙调味品坊')).toMatchObject({ region: '河北省保定市易县', core: '山村小龙', form: '坊' });
    expect(brief('张家港保税区博美特电气国际贸易有限公司')).toMatchObject({ region: '江苏省苏州市张家港市', core: '博美特' });
    expect(brief('郑州经济开发区郑和热力公司')).toMatchObject({ region: '河南省郑州市', core: '郑和', industry: '热力' });
    expect(brief('昆山千灯镇南野智能科技店')).toMatchObject({ region: '江苏省苏州市昆山市千灯镇', core: '南野', form: '店' });
    expect(brief('广州市天河区棠下丹妮贸易商行')).toMatchObject({ region: '广东省广州市天河区棠下街道', core: '丹妮' });
    expect(brief('大庆开发区竹田复合材料有限公司')).toMatchObject({ region: '黑龙江省大庆市', core: '竹田' });
    // A county's short form that starts another division's name is no bare place (独山 / 独山子区).
    expect(brief('独山子度步广告有限公司').core).toBe('独山子度步');
    // Everyday words among county short forms stay 字号.
    expect(brief('大方科技有限公司')).toMatchObject({ core: '大方', region: undefined });
  });

  it('never shortens the 字号 below what tells the company apart', () => {
    expect(brief('杭州映月书房电子商务有限公司').core).toBe('映月书房');
    expect(brief('福州轻工进出口有限公司')).toMatchObject({ region: '福建省福州市', core: '轻工', industry: '进出口' });
    expect(brief('南通喜庄家纺有限公司')).toMatchObject({ core: '喜庄', industry: '家纺' });
    expect(brief('宝山钢铁股份有限公司')).toMatchObject({ core: '宝山', industry: '钢铁' });
    expect(brief('北京市海淀区中关村科技发展有限公司')).toMatchObject({ core: '中关村', region: '北京市海淀区' });
  });
});

describe('compareCustomers: trade words and places dropped or changed (issue 14)', () => {
  const registered = '浙江绿星园林景观工程有限公司';

  it('makes a dropped or changed trade, or a dropped place, at least 疑似', () => {
    expect(tier(registered, '浙江绿星有限公司')).toBe('suspect');
    expect(tier(registered, '浙江绿星园林绿化工程有限公司')).toBe('suspect');
    expect(tier(registered, '浙江绿星建材有限公司')).toBe('suspect');
    expect(tier(registered, '绿星园林景观工程有限公司')).toBe('suspect');
    expect(tier('湘阴秋旭服饰经营部', '秋旭服饰经营部')).toBe('suspect');
    expect(tier('绥芬河市向敏食品商店', '绥芬河市向敏店')).toBe('suspect');
    expect(tier('福州轻工进出口有限公司', '福州轻工有限公司')).toBe('suspect');
  });

  it('blocks the same 字号, place and trade family', () => {
    expect(tier(registered, '浙江绿星园林景观有限公司')).toBe('duplicate');
    expect(tier(registered, '绿星园林景观工程（浙江）有限公司')).toBe('duplicate');
    expect(tier('会昌魅惠丹贸易有限公司', '会昌县魅惠丹贸易有限公司')).toBe('duplicate');
    expect(tier('张家港保税区博美特电气国际贸易有限公司', '张家港博美特电气国际贸易有限公司')).toBe('duplicate');
  });

  it('keeps a county written bare against its city at 疑似, and synonyms of a trade at 疑似', () => {
    expect(tier('会昌魅惠丹贸易有限公司', '赣州魅惠丹贸易有限公司')).toBe('suspect');
    const r = compareCustomers(identityOf({ name: '万达地产有限公司' }).identity, identityOf({ name: '万达房地产有限公司' }).identity);
    expect(r.tier).toBe('suspect');
    expect(r.reasons[0]).toContain('行业表述不同');
  });

  it('leaves different 字号 around the same place and trade at 无', () => {
    expect(tier(registered, '浙江华绿园林景观工程有限公司')).toBe('none');
    expect(tier(registered, '浙江绿晨园林景观工程有限公司')).toBe('none');
    expect(tier('湘阴秋旭服饰经营部', '湘阴冬梅服饰经营部')).toBe('none');
    expect(tier('中国石油天然气股份有限公司', '中国石油化工股份有限公司')).toBe('none');
  });
});
