import { maskMobile, normalizeLandline, normalizeMobile } from '../../../src/domain/dedup';

// The table in /work/shared/dedup-notes.md §2.
describe('normalizeMobile', () => {
  it.each([
    '13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '008613812345678', '86 13812345678',
    '(+86)13812345678', '１３８１２３４５６７８', 'tel:+86-138-1234-5678', '0086-138-1234-5678', '+86-13812345678',
  ])('%s → +8613812345678', (raw) => {
    expect(normalizeMobile(raw)).toEqual({ ok: true, e164: '+8613812345678' });
  });

  it.each(['12345678901', '15412345678', '17412345678'])('rejects %s as invalid', (raw) => {
    expect(normalizeMobile(raw)).toEqual({ ok: false, error: 'invalid' });
  });

  it('rejects landlines and service numbers as not mobile', () => {
    expect(normalizeMobile('010-12345678')).toEqual({ ok: false, error: 'not-mobile' });
    expect(normalizeMobile('400-810-8888')).toEqual({ ok: false, error: 'not-mobile' });
  });

  it('separates extensions written with 转, ext or #', () => {
    expect(normalizeMobile('13812345678转123')).toEqual({ ok: true, e164: '+8613812345678', ext: '123' });
    expect(normalizeMobile('138 1234 5678 ext. 12')).toEqual({ ok: true, e164: '+8613812345678', ext: '12' });
    expect(normalizeMobile('13812345678#8')).toEqual({ ok: true, e164: '+8613812345678', ext: '8' });
  });

  it('reports empty, garbage and foreign numbers', () => {
    expect(normalizeMobile('  ')).toEqual({ ok: false, error: 'empty' });
    expect(normalizeMobile('abc')).toEqual({ ok: false, error: 'unparseable' });
    expect(normalizeMobile('+852 9123 4567')).toEqual({ ok: false, error: 'not-mainland' });
  });
});

describe('normalizeLandline', () => {
  it.each([
    ['010-12345678', '+861012345678'],
    ['(010) 1234 5678', '+861012345678'],
    ['+86 (0)10 1234 5678', '+861012345678'],
    ['0755-86013388', '+8675586013388'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizeLandline(raw)).toEqual({ ok: true, e164, type: 'fixed' });
  });

  it('knows 400 and 800 numbers', () => {
    expect(normalizeLandline('400-810-8888')).toMatchObject({ ok: true, type: 'shared-cost' });
    expect(normalizeLandline('800-810-8888')).toMatchObject({ ok: true, type: 'toll-free' });
  });

  it('keeps an extension after 转', () => {
    expect(normalizeLandline('0571-85022088转8001')).toEqual({ ok: true, e164: '+8657185022088', ext: '8001', type: 'fixed' });
  });

  it('rejects short numbers and mobiles', () => {
    expect(normalizeLandline('0571-8502208').ok).toBe(false);
    expect(normalizeLandline('010-1234567').ok).toBe(false);
    expect(normalizeLandline('13812345678')).toEqual({ ok: false, error: 'not-landline' });
  });
});

describe('maskMobile', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskMobile('+8613812345678')).toBe('138****5678');
    expect(maskMobile('138-1234-5678')).toBe('138****5678');
  });

  it('masks whatever it cannot read', () => {
    expect(maskMobile('12345')).toBe('***********');
  });
});
