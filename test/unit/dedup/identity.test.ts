import { identityOf } from '../../../src/domain/dedup';

describe('identityOf', () => {
  it('normalises every field', () => {
    const { identity, issues } = identityOf({ name: '北京字节跳动科技有限公司', uscc: '91 110000 600037341l', mobile: '+86 138 1234 5678', landline: '010-12345678' });
    expect(identity).toMatchObject({ uscc: '91110000600037341L', mobile: '+8613812345678', landline: '+861012345678' });
    expect(identity.name.core).toBe('字节跳动');
    expect(issues).toEqual({});
  });

  it('keeps a checksum-bad USCC but asks for confirmation', () => {
    const { identity, issues } = identityOf({ name: '某某', uscc: '91350211M0000XUF46' });
    expect(identity.uscc).toBe('91350211M0000XUF46');
    expect(issues.uscc).toBe('checksum');
  });

  it('drops what cannot match and says why', () => {
    const { identity, issues } = identityOf({ name: '某某', uscc: '9111000060003IOZSV', mobile: '12345678901', landline: '13812345678' });
    expect(identity.uscc).toBeUndefined();
    expect(identity.mobile).toBeUndefined();
    expect(identity.landline).toBeUndefined();
    expect(issues).toEqual({ uscc: 'format', mobile: 'invalid', landline: 'not-landline' });
  });

  it('ignores blank optional fields', () => {
    expect(identityOf({ name: '某某', uscc: ' ', mobile: '' }).issues).toEqual({});
  });
});
