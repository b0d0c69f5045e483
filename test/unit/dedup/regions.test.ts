import { compareRegions, leadingRegions, wholeRegion } from '../../../src/domain/dedup';

const chain = (text: string): string[] => leadingRegions(text).map((l) => `${l.text}=${l.ref.codes.join('|')}`);

describe('leadingRegions', () => {
  it('reads multi-level prefixes, full and short', () => {
    expect(chain('北京市海淀区字节跳动')).toEqual(['北京市=11', '海淀区=110108']);
    expect(chain('北京海淀字节跳动')).toEqual(['北京=11', '海淀=110108']);
    expect(chain('广东省深圳市南山区腾讯')).toEqual(['广东省=44', '深圳市=4403', '南山区=440305']);
    expect(chain('广东深圳南山腾讯')).toEqual(['广东=44', '深圳=4403', '南山=440305']);
    expect(chain('新疆维吾尔自治区乌鲁木齐市金风')).toEqual(['新疆维吾尔自治区=65', '乌鲁木齐市=6501']);
    expect(chain('内蒙古伊利')).toEqual(['内蒙古=15']);
    expect(chain('香港某某')).toEqual(['香港=81']);
  });

  it('does not read a county short form on its own (海淀科技 could be a 字号)', () => {
    expect(chain('海淀科技')).toEqual([]);
    expect(chain('浦东科技')).toEqual([]);
  });

  it('does not read ambiguous city words on their own', () => {
    expect(chain('中山大地科技')).toEqual([]);
    expect(chain('朝阳恒星科技')).toEqual([]);
    expect(chain('阿里巴巴')).toEqual([]);
    expect(chain('金华火腿')).toEqual([]);
  });

  it('reads an ambiguous city word when its own district follows', () => {
    expect(chain('金华婺城恒星')).toEqual(['金华=3307', '婺城=330702']);
    expect(chain('承德隆化恒星')).toEqual(['承德=1308', '隆化=130825']);
  });

  it('prefers the nested reading its child needs (吉林 = 吉林市 before 磐石)', () => {
    expect(chain('吉林磐石恒星')).toEqual(['吉林=2202', '磐石=220284']);
    expect(chain('吉林恒星')).toEqual(['吉林=22']);
  });

  it('needs the full name to skip a level', () => {
    expect(chain('广东南山恒星')).toEqual(['广东=44']);
    expect(chain('广东省南山区恒星')).toEqual(['广东省=44', '南山区=440305']);
  });

  it('keeps every code of a shared bare full name', () => {
    const [level] = leadingRegions('鼓楼区恒星');
    expect(level?.ref.codes.length).toBe(4);
  });

  it('treats 中国 as a national, non-specific region', () => {
    expect(leadingRegions('中国平安')[0]?.ref.national).toBe(true);
  });
});

describe('wholeRegion', () => {
  it('reads bracket contents as places, including unique county short forms', () => {
    expect(wholeRegion('北京')?.codes).toEqual(['11']);
    expect(wholeRegion('浦东')?.codes).toEqual(['310115']);
    expect(wholeRegion('广东深圳')?.codes).toEqual(['4403']);
    expect(wholeRegion('china')?.national).toBe(true);
    expect(wholeRegion('集团')).toBeUndefined();
    expect(wholeRegion('鼓楼')).toBeUndefined();
  });
});

describe('compareRegions', () => {
  const r = (text: string) => wholeRegion(text);
  it('classifies pairs', () => {
    expect(compareRegions(r('北京'), r('北京市'))).toBe('same');
    expect(compareRegions(r('北京'), r('北京市海淀区'))).toBe('nested');
    expect(compareRegions(r('深圳'), r('广东'))).toBe('nested');
    expect(compareRegions(r('深圳'), r('广州'))).toBe('conflict');
    expect(compareRegions(r('深圳'), undefined)).toBe('missing');
    expect(compareRegions(r('中国'), undefined)).toBe('same');
    expect(compareRegions(undefined, undefined)).toBe('same');
  });
});
