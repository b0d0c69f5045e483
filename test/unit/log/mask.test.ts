import { captureLogger } from '../../support/capture-logger';
import { maskText, maskValue } from '../../../src/log/mask';

const capture = captureLogger;

describe('phone numbers however they are written', () => {
  test.each([
    ['008613812345678', '0086138****5678'],
    ['+86 138 1234 5678', '+86 138****5678'],
    ['+8613812345678', '+86138****5678'],
    ['138.1234.5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['１３８１２３４５６７８', '１３８****５６７８'],
    ['＋８６ １３８－１２３４－５６７８', '＋８６ １３８****５６７８'],
    ['手机:13812345678。', '手机:138****5678。'],
  ])('%s → %s', (input, masked) => {
    expect(maskText(input)).toBe(masked);
    expect(maskText(`联系人 ${input} 张伟`)).toBe(`联系人 ${masked} 张伟`);
  });

  test('amounts, dates, ids and long numbers stay readable', () => {
    const plain = '订单 2026112512345 金额 120000.50 元，日期 2026-11-25 10:30，合同 HT-2026-001，客户 #138，耗时 1234 ms，ts 1764039000000，统一社会信用代码 91330106MA2H0B7X4K';
    expect(maskText(plain)).toBe(plain);
  });
});

describe('secrets inside strings', () => {
  test.each([
    ['GET https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=S3cr3tValue failed', 'corpsecret=[redacted]', 'S3cr3tValue'],
    ['POST /robot/send?access_token=abcdef123&timestamp=1', 'access_token=[redacted]', 'abcdef123'],
    ['config secret=hunter2 loaded', 'secret=[redacted]', 'hunter2'],
    ['body {"access_token":"tok-123","expires_in":7200}', '"access_token":"[redacted]"', 'tok-123'],
    ['headers Authorization: Bearer eyJhbGciOi.sig', 'Authorization: [redacted]', 'eyJhbGciOi'],
  ])('%s', (input, shown, hidden) => {
    const out = maskText(input);
    expect(out).toContain(shown);
    expect(out).not.toContain(hidden);
  });

  test('ordinary words around them are kept', () => {
    expect(maskText('access_token expired, fetching a new one')).toBe('access_token expired, fetching a new one');
    expect(maskText('https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=x')).toContain('corpid=ww1&');
  });
});

describe('deep values', () => {
  const deep = (levels: number, leaf: unknown): unknown => (levels === 0 ? leaf : { next: deep(levels - 1, leaf) });

  test('objects deeper than six levels are dropped, never written unmasked', () => {
    const out = JSON.stringify(maskValue(deep(12, { mobile: '13812345678', corpSecret: 'x1', note: 'corpsecret=x2' })));
    expect(out).not.toMatch(/13812345678|x1|x2/);
    expect(out).toContain('[too deep]');
  });

  test('strings at any depth within the limit are masked', () => {
    const out = JSON.stringify(maskValue(deep(5, ['13812345678', { url: '?corpsecret=zz9' }])));
    expect(out).toContain('138****5678');
    expect(out).not.toContain('zz9');
  });

  test('through the logger: one line, nothing leaked', () => {
    const { lines, logger } = capture();
    logger.warn({ event: 'x', a: deep(10, { phone: '008613812345678' }), url: 'https://x/gettoken?corpsecret=abc123' }, '发给 138.1234.5678 失败 corpsecret=abc123');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/12345678|1234\.5678|abc123/);
  });
});
