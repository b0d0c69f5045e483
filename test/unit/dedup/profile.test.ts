import { decodeProfile, encodeProfile, identityOf, parseCompanyName } from '../../../src/domain/dedup';
import { loadPairs } from '../../../scripts/dedup/evaluate';
import { trickyPairs } from '../../../scripts/dedup/generate-pairs';

describe('dedup profile', () => {
  const names = [...loadPairs(), ...trickyPairs()].flatMap((p) => [p.a, p.b]);

  it('gives back exactly what the parser gave, for every labelled name', () => {
    for (const name of names) {
      const id = identityOf({ name, uscc: '91110000600037341L', mobile: '13812345678', landline: '0571-88886666' }).identity;
      expect(decodeProfile(encodeProfile(id))).toStrictEqual(id);
    }
  });

  it('covers regions, branches, alternative readings, forms and notes', () => {
    const samples = ['北京朝阳恒星科技有限公司', '中山恒星电子厂', '华为技术有限公司深圳分公司', '朝阳区恒星（筹）', '中国建设银行股份有限公司', '海尔集团公司'];
    for (const name of samples) {
      const id = { name: parseCompanyName(name) };
      expect(decodeProfile(encodeProfile(id))).toStrictEqual(id);
    }
    const parsed = samples.map((n) => parseCompanyName(n));
    expect(parsed.some((p) => p.branch?.region)).toBe(true);
    expect(parsed.some((p) => p.alternatives.some((a) => a.region))).toBe(true);
    expect(parsed.some((p) => p.bracketNote)).toBe(true);
  });

  it('stays small: under 200 bytes a customer (full JSON of a parsed name is ~350)', () => {
    const sizes = names.map((n) => Buffer.byteLength(encodeProfile({ name: parseCompanyName(n), mobile: '+8613812345678' })));
    expect(sizes.reduce((s, x) => s + x, 0) / sizes.length).toBeLessThan(200);
  });
});
