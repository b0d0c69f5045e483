import { normalizeInput, splitCommand } from '../../../src/bot/parse/text';
import { tokenize } from '../../../src/bot/parse/tokenize';
import { bindArgs, type ArgSpec } from '../../../src/bot/parse/bind';

const REG: ArgSpec[] = [
  { name: 'company', keys: ['公司'] },
  { name: 'contact', keys: ['联系人'] },
  { name: 'mobile', keys: ['手机'] },
  { name: 'budget', keys: ['预算'], positional: false },
];

function bind(text: string, specs: ArgSpec[]) {
  const line = splitCommand(normalizeInput(text))!;
  return { word: line.word, ...bindArgs(line.rest, tokenize(line.rest), specs) };
}

describe('input normalisation', () => {
  it('keeps full-width characters as typed, and folds the command word and keys where they are matched', () => {
    expect(normalizeInput('／报备　杭州云启科技有限公司　张伟　１３８１２３４５６７８')).toBe('／报备　杭州云启科技有限公司　张伟　１３８１２３４５６７８');
    expect(splitCommand(normalizeInput('／ＢＢ　杭州云启'))).toEqual({ word: 'bb', rest: '杭州云启', slashed: true });
    const r = bind('／报备　杭州云启科技有限公司　张伟　１３８１２３４５６７８　预算＝１００', REG);
    expect(r.values).toEqual({ company: '杭州云启科技有限公司', contact: '张伟', mobile: '13812345678', budget: '100' });
  });
  it('drops a leading @bot mention but keeps mentions after the command', () => {
    expect(normalizeInput('@dealguard /转交 @李雷 @韩梅梅')).toBe('/转交 @李雷 @韩梅梅');
    expect(normalizeInput('@机器人 @dealguard 我的')).toBe('我的');
  });
  it('removes control and zero-width characters', () => {
    expect(normalizeInput('/我\u200b的\u0007')).toBe('/我的');
  });
  it('splits the command word with or without the slash', () => {
    expect(splitCommand('/BB 公司')).toEqual({ word: 'bb', rest: '公司', slashed: true });
    expect(splitCommand('报备 公司 张伟')).toEqual({ word: '报备', rest: '公司 张伟', slashed: false });
  });
});

describe('tokenizer and binding', () => {
  it('binds positional arguments in order', () => {
    const r = bind('/报备 杭州云启科技有限公司 张伟 13812345678', REG);
    expect(r.values).toEqual({ company: '杭州云启科技有限公司', contact: '张伟', mobile: '13812345678' });
    expect(r.extra).toEqual([]);
  });
  it('binds key=value and key：value in any order, mixing with positional', () => {
    const r = bind('/报备 手机：13812345678 公司=杭州云启 张伟 预算=100', REG);
    expect(r.values).toEqual({ company: '杭州云启', contact: '张伟', mobile: '13812345678', budget: '100' });
  });
  it('keeps quoted names with spaces whole (straight and Chinese quotes)', () => {
    expect(bind('/报备 "Apple Inc China" 张伟 13812345678', REG).values.company).toBe('Apple Inc China');
    expect(bind('/报备 “苹果 电脑 贸易” 张伟 13812345678', REG).values.company).toBe('苹果 电脑 贸易');
  });
  it('takes an unbalanced quote literally instead of swallowing the line', () => {
    const r = bind('/报备 "杭州云启 张伟 13812345678', REG);
    expect(r.values.company).toBe('"杭州云启');
    expect(r.values.mobile).toBe('13812345678');
  });
  it('joins a phone number typed in chunks', () => {
    expect(bind('/报备 杭州云启 张伟 +86 138 1234 5678', REG).values.mobile).toBe('+86 138 1234 5678');
    expect(bind('/报备 杭州云启 张伟 138-1234-5678', REG).values.mobile).toBe('138-1234-5678');
  });
  it('reports extra words no argument takes', () => {
    expect(bind('/报备 杭州 云启 张伟 13812345678', REG).extra).toEqual(['13812345678']);
  });
  it('treats an unknown key as plain text', () => {
    const r = bind('/报备 杭州云启 张伟 时间:10:30', REG);
    expect(r.values.mobile).toBe('时间:10:30');
  });
  it('gives free text to a rest argument verbatim, commas and all', () => {
    const specs: ArgSpec[] = [{ name: 'customer', keys: ['客户'] }, { name: 'content', keys: ['内容'], rest: true }];
    expect(bind('/跟进 杭州云启 上门拜访，客户关注报价 价格', specs).values.content).toBe('上门拜访，客户关注报价 价格');
  });
});
