import { pinyin } from 'pinyin-pro';
import { parseCompanyName } from '../../../src/domain/dedup';
import { corePinyin, isCommonSound, latinPinyin, segmentPinyin } from '../../../src/domain/dedup/pinyin';
import { loadPairs } from '../../../scripts/dedup/evaluate';

describe('pinyin of a 字号', () => {
  it('reads Han 字号 as toneless syllables from pinyin-pro, homophones alike', () => {
    expect(['云启', '芸启', '韵奇', '启云'].map(corePinyin)).toEqual(['yun qi', 'yun qi', 'yun qi', 'qi yun']);
    expect(corePinyin('绿源')).toBe('lv yuan');
  });

  it('reads as pinyin-pro does in context, polyphones included (长城, 银行, 重庆), over the labelled 字号', () => {
    const cores = [...loadPairs().flatMap((p) => [p.a, p.b]).map((n) => parseCompanyName(n).core), '长城', '银行', '重庆', '乐行', '朝阳']
      .filter((c) => /^\p{Script=Han}{2,}$/u.test(c));
    expect(cores.length).toBeGreaterThan(1500);
    for (const c of cores) expect([c, corePinyin(c)]).toEqual([c, pinyin(c, { toneType: 'none', type: 'array', v: true }).join(' ')]);
    expect(corePinyin('重庆')).toBe('chong qing');
  });

  it('reads letters as the syllables they spell, and English brands as nothing', () => {
    expect(segmentPinyin('yunqi')).toEqual(['yun', 'qi']);
    expect(segmentPinyin('changan')).toEqual(['chang', 'an']);
    expect(segmentPinyin('xiaomi')).toEqual(['xiao', 'mi']);
    expect(['nova', 'tencent', 'tech', 'mercedesbenz'].map(segmentPinyin)).toEqual([undefined, undefined, undefined, undefined]);
    expect(latinPinyin(['xi', 'an'])).toBe('xi an');
    expect(corePinyin('yunqi')).toBe('yun qi');
    expect(corePinyin('云qi')).toBe('yun qi');
  });

  it('gives no sound to a single syllable, digits or symbols', () => {
    expect([corePinyin('云'), corePinyin('yun'), corePinyin('云启2'), corePinyin('3m')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('knows the sounds of generic 字号 as common', () => {
    expect(isCommonSound(corePinyin('华欣')!)).toBe(true);
    expect(isCommonSound(corePinyin('云启')!)).toBe(false);
  });
});
