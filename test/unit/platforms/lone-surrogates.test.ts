import { dropLoneSurrogates } from '../../../src/bot/parse/well-formed';
import { normalizeInput } from '../../../src/bot/parse/text';
import { asItems, asString } from '../../../src/import/cell-values';

describe('lone surrogates at the boundary', () => {
  test.each([
    ['云启\ud800科技', '云启科技'],
    ['云启\udc00科技', '云启科技'],
    ['尾部\ud83d', '尾部'],
    ['\ude00开头', '开头'],
    ['反序\ude00\ud83d', '反序'],
    ['𠮷野家😀', '𠮷野家😀'],
    ['半个\ud83d😀', '半个😀'],
  ])('%j → %j', (input, clean) => {
    expect(dropLoneSurrogates(input)).toBe(clean);
    // Lossless through UTF-8 (as into SQLite) only when no lone surrogate is left.
    expect(Buffer.from(dropLoneSurrogates(input), 'utf8').toString('utf8')).toBe(clean);
  });

  test('message text and spreadsheet cells go through it', () => {
    expect(normalizeInput('/报备 云启\ud800科技有限公司 张伟 13812345678')).toBe('/报备 云启科技有限公司 张伟 13812345678');
    expect(asString('云启\udc00科技有限公司')).toBe('云启科技有限公司');
    expect(asItems('浙江\ud800省、江苏省')).toEqual(['浙江省', '江苏省']);
    expect(asString('𠮷野家')).toBe('𠮷野家');
  });
});
