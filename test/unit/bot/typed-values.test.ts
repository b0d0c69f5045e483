import { normalizeInput, splitCommand } from '../../../src/bot/parse/text';
import { tokenize } from '../../../src/bot/parse/tokenize';
import { argKeys, bindArgs, type ArgSpec } from '../../../src/bot/parse/bind';
import { parseAmount } from '../../../src/bot/parse/amount';
import { amountCents, budgetWan } from '../../../src/bot/commands/arg-schemas';
import { maskMobile, normalizeLandline } from '../../../src/domain/dedup/phone';

const REG: ArgSpec[] = [
  { name: 'company', keys: ['公司'], verbatim: true },
  { name: 'contact', keys: ['联系人'], verbatim: true },
  { name: 'mobile', keys: ['手机'], phone: true },
  { name: 'landline', keys: ['座机'], positional: false, phone: true },
  { name: 'budget', keys: ['预算'], positional: false },
  { name: 'note', keys: ['备注'], positional: false, verbatim: true },
];
const FOLLOW: ArgSpec[] = [{ name: 'customer', keys: ['客户'] }, { name: 'content', keys: ['内容'], rest: true }];

function bind(text: string, specs: ArgSpec[]) {
  const line = splitCommand(normalizeInput(text))!;
  return bindArgs(line.rest, tokenize(line.rest, argKeys(specs)), specs);
}

describe('values are kept as typed', () => {
  it('a comma of either width inside a key=value value is part of it', () => {
    expect(bind('/报备 杭州云启 张伟 13812345678 备注=客户很急，请尽快', REG).values.note).toBe('客户很急，请尽快');
    expect(bind('/报备 杭州云启 张伟 13812345678 备注＝先电话,再上门；周三', REG).values.note).toBe('先电话,再上门；周三');
  });
  it('a comma followed by another key still separates key=value pairs', () => {
    const r = bind('/报备 公司=杭州云启，联系人=张伟，手机=13812345678，备注=急，尽快', REG);
    expect(r.values).toEqual({ company: '杭州云启', contact: '张伟', mobile: '13812345678', note: '急，尽快' });
    expect(r.extra).toEqual([]);
  });
  it('positional words still split on commas, but never inside a number', () => {
    expect(bind('/报备 杭州云启科技有限公司，张伟，13812345678', REG).values).toEqual({ company: '杭州云启科技有限公司', contact: '张伟', mobile: '13812345678' });
    const won: ArgSpec[] = [{ name: 'customer', keys: [] }, { name: 'amount', keys: [] }, { name: 'note', keys: [], rest: true }];
    expect(bind('/成交 杭州云启 ￥1,200,000.50 首期款，含税', won).values).toEqual({ customer: '杭州云启', amount: '¥1,200,000.50', note: '首期款，含税' });
    expect(bind('/成交 杭州云启 12,5万', won).values.amount).toBe('12,5万');
  });
  it('names and notes keep full-width characters; structured values are folded for matching', () => {
    const r = bind('/报备 杭州云启（滨江）科技有限公司 张伟 １３８１２３４５６７８ 预算＝１２０', REG);
    expect(r.values).toEqual({ company: '杭州云启（滨江）科技有限公司', contact: '张伟', mobile: '13812345678', budget: '120' });
  });
  it('free text given by key runs to the next key; positional free text leaves out what keys took', () => {
    expect(bind('/跟进 客户=杭州云启 内容=电话沟通，客户要发票 明天回复', FOLLOW).values).toEqual({ customer: '杭州云启', content: '电话沟通，客户要发票 明天回复' });
    expect(bind('/跟进 杭州云启 上门拜访，关注报价 客户=杭州云启达', FOLLOW).values).toEqual({ customer: '杭州云启达', content: '杭州云启 上门拜访，关注报价' });
  });
});

describe('key：value and prose', () => {
  it('a colon after the words that already gave that argument is prose, not a key', () => {
    expect(bind('/跟进 杭州云启 上门拜访，客户：关注报价', FOLLOW).values).toEqual({ customer: '杭州云启', content: '上门拜访，客户：关注报价' });
    expect(bind('/跟进 杭州云启 客户：关注报价', FOLLOW).values).toEqual({ customer: '杭州云启', content: '客户：关注报价' });
  });
  it('key：value still works where the argument is not given otherwise', () => {
    expect(bind('/跟进 客户：杭州云启 内容：上门', FOLLOW).values).toEqual({ customer: '杭州云启', content: '上门' });
    expect(bind('/报备 杭州云启 联系人：张伟 手机：13812345678 备注：急，尽快', REG).values).toEqual({ company: '杭州云启', contact: '张伟', mobile: '13812345678', note: '急，尽快' });
  });
});

describe('phones typed in pieces', () => {
  it('手机= takes a number typed in chunks, as typed', () => {
    expect(bind('/报备 杭州云启 张伟 手机=+86 138 1234 5678 预算=100', REG).values).toMatchObject({ mobile: '+86 138 1234 5678', budget: '100' });
    expect(bind('/报备 杭州云启 张伟 手机：138 1234 5678', REG).values.mobile).toBe('138 1234 5678');
  });
  it('does not join digits across another key, nor a budget with a phone', () => {
    const r = bind('/报备 杭州云启 张伟 预算=100 13812345678', REG);
    expect(r.values).toMatchObject({ budget: '100', mobile: '13812345678' });
  });
  it('座机= takes an extension written after the number', () => {
    expect(bind('/报备 杭州云启 张伟 13812345678 座机=0571-88886666 转 8001', REG).values.landline).toBe('0571-88886666 转 8001');
    expect(bind('/报备 杭州云启 张伟 13812345678 座机=0571 8888 6666 分机8001', REG).values.landline).toBe('0571 8888 6666 分机8001');
  });
  it('reads a landline extension after a dash, and masks a mobile however it was written', () => {
    expect(normalizeLandline('0571-88886666-8001')).toEqual({ ok: true, e164: '+8657188886666', ext: '8001', type: 'fixed' });
    expect(normalizeLandline('0571-8888-6666')).toEqual({ ok: true, e164: '+8657188886666', type: 'fixed' });
    expect(normalizeLandline('13812345678-12').ok).toBe(false);
    expect(maskMobile('+86 138 1234 5678')).toBe('138****5678');
  });
});

describe('amounts', () => {
  it('reads money the way people type it', () => {
    expect(parseAmount('￥120,000')).toEqual({ value: 120_000, unit: '元' });
    expect(parseAmount('12.5万元')).toEqual({ value: 12.5, unit: '万' });
    expect(parseAmount('1.2亿')).toEqual({ value: 1.2, unit: '亿' });
    expect(parseAmount('１２０，０００')).toEqual({ value: 120_000, unit: 'bare' });
    expect(parseAmount('RMB 5万')).toEqual({ value: 5, unit: '万' });
    for (const bad of ['五十万', '12,5万', '1,2000', '1.2.3', '-5', '', '万']) expect(parseAmount(bad)).toBeUndefined();
  });
  it('is one parser for 预算 (bare = 万元) and 成交 (bare = 元)', () => {
    expect(budgetWan.parse('50')).toBe(50);
    expect(budgetWan.parse('￥120,000')).toBe(12);
    expect(budgetWan.parse('1.2亿')).toBe(12_000);
    expect(amountCents.parse('50')).toBe(5_000);
    expect(amountCents.parse('1,200,000.50')).toBe(120_000_050);
    expect(amountCents.parse('1.2亿')).toBe(12_000_000_000);
    expect(amountCents.safeParse('0').success).toBe(false);
    expect(amountCents.safeParse('2000亿').error?.issues[0]?.message).toContain('太大了，请检查单位');
  });
});
