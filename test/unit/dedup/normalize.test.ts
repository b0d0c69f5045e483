import { normalizeCompanyName } from '../../../src/domain/dedup';

describe('normalizeCompanyName', () => {
  it.each([
    ['騰訊科技（深圳）有限公司', '腾讯科技(深圳)有限公司'],
    ['腾讯科技(深圳)有限公司', '腾讯科技(深圳)有限公司'],
    ['ＴＣＬ科技集团', 'tcl科技集团'],
    ['TCL 科技　集团', 'tcl科技集团'],
    ['北京·字节-跳动, 科技.有限公司', '北京字节跳动科技有限公司'],
    ['字节跳动【北京】科技', '字节跳动(北京)科技'],
    ['字节跳动〔北京〕科技', '字节跳动(北京)科技'],
    ['字节跳动「北京」科技', '字节跳动(北京)科技'],
    ['字节跳动[北京]科技', '字节跳动(北京)科技'],
    ['Xiaomi Technology Co., Ltd.', 'xiaomitechnologycoltd'],
    ['内蒙古伊利實業集團', '内蒙古伊利实业集团'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeCompanyName(raw)).toBe(expected);
  });

  it('drops empty and unbalanced brackets', () => {
    expect(normalizeCompanyName('某某科技（）有限公司')).toBe('某某科技有限公司');
    expect(normalizeCompanyName('某某科技（北京有限公司')).toBe('某某科技北京有限公司');
    expect(normalizeCompanyName('某某科技）北京有限公司')).toBe('某某科技北京有限公司');
  });

  it('keeps digits and latin letters, lower-cased', () => {
    expect(normalizeCompanyName('３６０安全科技')).toBe('360安全科技');
    expect(normalizeCompanyName('ABB（中国）有限公司')).toBe('abb(中国)有限公司');
  });
});
