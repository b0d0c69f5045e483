import {
  compareCustomers, identityOf, isLookalikeKey, isPreciseKey, lookalikeScope, lookupKeys, parseCompanyName, retrievalKeys, scopesMeet,
} from '../../../src/domain/dedup';
import type { CustomerIdentity } from '../../../src/domain/dedup';
import { Random } from '../../../scripts/dedup/gen/random';
import { loadPairs } from '../../../scripts/dedup/evaluate';

/** What the index finds: a shared key, look-alike keys only within the scope (as the query filters). */
const meet = (a: CustomerIdentity, b: CustomerIdentity): boolean => {
  const stored = new Set(retrievalKeys(b.name, b));
  const inScope = scopesMeet(lookalikeScope(a.name), lookalikeScope(b.name));
  return lookupKeys(a.name, a).some((k) => stored.has(k) && (inScope || !isLookalikeKey(k)));
};

describe('retrievalKeys / lookupKeys', () => {
  it('indexes identifiers and the 字号', () => {
    const p = parseCompanyName('北京字节跳动科技有限公司');
    const keys = retrievalKeys(p, { uscc: '91110000600037341L', mobile: '+8613812345678', landline: '+861012345678' });
    expect(keys).toEqual(expect.arrayContaining(['u:91110000600037341L', 'm:+8613812345678', 'l:+861012345678', 'c:字节跳动', 'd:节跳动', 'd:字节跳']));
    expect(keys).toContain(`s:${[...'字节跳动'].sort().join('')}`);
  });

  it('gives an empty name no name keys', () => {
    expect(retrievalKeys(parseCompanyName(' （）'), { mobile: '+8613812345678' })).toEqual(['m:+8613812345678']);
  });

  it('gives a two-character 字号 its name keys, its sound and its sorted characters, no single-character keys', () => {
    expect(retrievalKeys(parseCompanyName('海尔集团公司'))).toEqual(['n:海尔||', 'c:海尔', 'y:hai er', 's:尔海']);
    expect(retrievalKeys(parseCompanyName('青岛海尔电器有限公司'))).toContain('n:海尔|电器|37');
  });

  it('shares a precise (never capped) key for every pair it blocks', () => {
    const pairs = loadPairs();
    let blocked = 0;
    for (const p of pairs) {
      const a = identityOf({ name: p.a, uscc: p.aUscc, mobile: p.aPhone }).identity;
      const b = identityOf({ name: p.b, uscc: p.bUscc, mobile: p.bPhone }).identity;
      if (compareCustomers(a, b).tier !== 'duplicate') continue;
      blocked++;
      const stored = new Set(retrievalKeys(b.name, b).filter(isPreciseKey));
      expect(lookupKeys(a.name, a).filter(isPreciseKey).some((k) => stored.has(k))).toBe(true);
    }
    expect(blocked).toBeGreaterThan(400);
  });

  it('scopes look-alike keys by province and industry words, 0 when not written or ambiguous', () => {
    const zj = lookalikeScope(parseCompanyName('杭州云启科技有限公司'));
    expect(zj.province).toBe(33);
    expect(zj.industry).not.toBe(0);
    expect(lookalikeScope(parseCompanyName('云启有限公司'))).toEqual({ province: 0, industry: 0 });
    // 朝阳区 is in 北京 and in 长春: either province may be meant.
    expect(lookalikeScope(parseCompanyName('朝阳区恒星科技有限公司')).province).toBe(0);
    const other = lookalikeScope(parseCompanyName('南京云启科技有限公司'));
    const trade = lookalikeScope(parseCompanyName('杭州云启贸易有限公司'));
    expect([scopesMeet(zj, other), scopesMeet(zj, trade), scopesMeet(zj, { province: 0, industry: 0 })]).toEqual([false, false, true]);
  });

  it('filters out only look-alikes compare() would never flag (another province or trade)', () => {
    const pairs = [
      ['杭州云启达科技有限公司', '杭州云起达科技有限公司', true],
      ['杭州云启达科技有限公司', '云起达科技有限公司', true],
      ['杭州云启达科技有限公司', '南京云起达科技有限公司', false],
      ['杭州云启达科技有限公司', '杭州云起达贸易有限公司', false],
    ] as const;
    for (const [x, y, flagged] of pairs) {
      const a = identityOf({ name: x }).identity;
      const b = identityOf({ name: y }).identity;
      expect([x, y, compareCustomers(a, b).tier !== 'none', meet(a, b)]).toEqual([x, y, flagged, flagged]);
    }
  });

  it('finds a two-character 字号 swapped through one sorted key, within the scope, never for a generic 字号', () => {
    const keys = (n: string) => retrievalKeys(parseCompanyName(n)).filter((k) => k.startsWith('s:'));
    expect(keys('杭州云启科技有限公司')).toEqual(['s:云启']);
    expect(keys('杭州启云科技有限公司')).toEqual(['s:云启']);
    // 白银致佳, or 白银 + 致佳: the four characters reordered, and the two of the other reading.
    expect(keys('白银致佳广告有限公司')).toEqual([`s:${[...'白银致佳'].sort().join('')}`, 's:佳致']);
    expect(keys('杭州中华科技有限公司')).toEqual([]);
    expect(keys('杭州鑫鑫科技有限公司')).toEqual([]);
    const hz = identityOf({ name: '杭州云启科技有限公司' }).identity;
    for (const [name, found] of [['杭州启云科技有限公司', true], ['启云科技有限公司', true], ['南京启云科技有限公司', false], ['杭州启云贸易有限公司', false]] as const) {
      const b = identityOf({ name }).identity;
      expect([name, meet(b, hz), meet(hz, b)]).toEqual([name, found, found]);
    }
  });

  it('uses affix keys for long 字号 instead of a deletion per character', () => {
    const keys = retrievalKeys(parseCompanyName('Mercedes-Benz（中国）有限公司'));
    expect(keys).toEqual(expect.arrayContaining(['c:mercedesbenz', 'p:merc', 'q:benz']));
    expect(keys.some((k) => k.startsWith('d:'))).toBe(false);
    expect(keys.length).toBeLessThanOrEqual(16);
  });

  it('looks up the shorter and longer neighbours too', () => {
    const keys = lookupKeys(parseCompanyName('字节跳动科技有限公司'));
    expect(keys).toEqual(expect.arrayContaining(['c:字节跳', 'd:字节跳动']));
    expect(retrievalKeys(parseCompanyName('字节跳动科技有限公司'))).not.toContain('d:字节跳动');
  });

  it('stays small: at most 17 keys, about 6 on average, over the labelled names', () => {
    const names = loadPairs().flatMap((p) => [p.a, p.b]);
    const counts = names.map((n) => retrievalKeys(parseCompanyName(n), { uscc: '91110000600037341L', mobile: '+8613812345678' }).length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(17);
    expect(counts.reduce((s, c) => s + c, 0) / counts.length).toBeLessThan(9);
  });

  it('retrieves every labelled pair compare() flags (both directions)', () => {
    for (const pair of loadPairs()) {
      const a = identityOf({ name: pair.a, uscc: pair.aUscc, mobile: pair.aPhone }).identity;
      const b = identityOf({ name: pair.b, uscc: pair.bUscc, mobile: pair.bPhone }).identity;
      if (compareCustomers(a, b).tier === 'none') continue;
      expect([pair.a, pair.b, meet(a, b), meet(b, a)]).toEqual([pair.a, pair.b, true, true]);
    }
  });

  it('retrieves every flagged pair among mutated and unrelated names', () => {
    const rnd = new Random(7);
    const bases = loadPairs().slice(0, 400).map((p) => p.a);
    const chars = [...'华中金鑫恒宏瑞博天盛嘉德泰信达源通创联汇安'];
    const mutate = (name: string): string => {
      const core = parseCompanyName(name).core;
      const at = name.indexOf(core);
      if (at < 0 || core.length < 2) return name;
      const i = rnd.int(core.length);
      const c = rnd.pick(chars);
      const edits = [
        core.slice(0, i) + c + core.slice(i + 1),
        core.slice(0, i) + c + core.slice(i),
        core.slice(0, i) + core.slice(i + 1),
        core.slice(0, i) + core.slice(i + 1, i + 2) + core.slice(i, i + 1) + core.slice(i + 2),
        [...core].reverse().join(''),
      ];
      return name.slice(0, at) + rnd.pick(edits) + name.slice(at + core.length);
    };
    const names = [...bases, ...bases.map(mutate), ...bases.map(mutate)].map((n) => identityOf({ name: n }).identity);
    let flagged = 0;
    for (let i = 0; i < names.length; i += 1) {
      for (let j = i + 1; j < names.length; j += 7) {
        const a = names[i];
        const b = names[j];
        if (!a || !b || compareCustomers(a, b).tier === 'none') continue;
        flagged += 1;
        if (!meet(a, b) || !meet(b, a)) throw new Error(`keys miss: ${a.name.raw} / ${b.name.raw}`);
      }
    }
    for (let i = 0; i < bases.length; i += 1) {
      const a = names[i];
      const b = names[i + bases.length];
      if (!a || !b || compareCustomers(a, b).tier === 'none') continue;
      flagged += 1;
      if (!meet(a, b) || !meet(b, a)) throw new Error(`keys miss: ${a.name.raw} / ${b.name.raw}`);
    }
    expect(flagged).toBeGreaterThan(100);
  });
});
