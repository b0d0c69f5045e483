import { captureLogger } from '../../support/capture-logger';
import { maskPhones } from '../../../src/log/mask';

const capture = captureLogger;

describe('structured logs', () => {
  it('writes one JSON line per event', () => {
    const { lines, logger } = capture();
    logger.info({ event: 'message', platform: 'wecom' }, 'handled message');
    logger.warn({ event: 'notice.retry' }, 'notice not delivered');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'message', platform: 'wecom', msg: 'handled message', app: 'dealguard' });
  });

  it('masks phone numbers in fields, nested objects and messages', () => {
    const { lines, logger } = capture();
    logger.info({ text: '/报备 云启 张伟 13812345678', nested: { mobile: '+86 138-1234-5678' }, list: ['15912345678'] }, '来自 13912345678 的消息');
    const out = lines.join('\n');
    expect(out).not.toMatch(/1[3-9]\d{9}/);
    expect(out).not.toContain('1234-5678');
    expect(out).toContain('138****5678');
    expect(out).toContain('139****5678');
  });

  it('never writes secrets', () => {
    const { lines, logger } = capture();
    logger.info({ config: { secret: 's3cr3t', token: 'tok', clientSecret: 'cs', appSecret: 'as', encodingAESKey: 'k' }, accessToken: 'at' }, 'config');
    const out = lines.join('\n');
    for (const s of ['s3cr3t', '"tok"', '"cs"', '"as"', '"k"', '"at"']) expect(out).not.toContain(s);
  });

  it('leaves other numbers alone', () => {
    expect(maskPhones('订单 2026112512345 金额 120000 元，合同 HT-2026-001')).toBe('订单 2026112512345 金额 120000 元，合同 HT-2026-001');
    expect(maskPhones('电话13812345678转8')).toBe('电话138****5678转8');
  });
});
