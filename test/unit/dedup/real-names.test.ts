import { readFileSync } from 'node:fs';
import { decodeProfile, encodeProfile, identityOf, lookupKeys, retrievalKeys } from '../../../src/domain/dedup';
import { metrics, runPairs } from '../../../scripts/dedup/evaluate';
import { coreExactRate, readRealNames } from '../../fixtures/dedup/real-names';
import { REAL_PAIRS, readRealPairs, realPairsFileContent } from '../../fixtures/dedup/real-pairs';

// The real-name set without a database (the database run is test/integration/dedup/eval-floors).
describe('real company names (real-names.jsonl, 字号 marked by hand)', () => {
  const names = readRealNames();

  it('has at least 500 names from the sources its README names, each 字号 inside its name', () => {
    expect(names.length).toBeGreaterThanOrEqual(500);
    expect(new Set(names.map((n) => n.source))).toEqual(new Set(['cnp-groundtruth', 'cnp-demo', 'supplier-seed']));
    for (const n of names) expect([n.name, n.name.includes(n.core), n.core.length >= 2]).toEqual([n.name, true, true]);
    expect(new Set(names.map((n) => n.name)).size).toBe(names.length);
  });

  it('reads the hand-marked 字号 exactly for at least 97 % of them', () => {
    const r = coreExactRate(names);
    expect(r.rate).toBeGreaterThanOrEqual(0.97);
  });

  it('gives back every real name from its profile, and retrieves itself through its keys', () => {
    for (const n of names) {
      const id = identityOf({ name: n.name, mobile: '13812345678' }).identity;
      expect(decodeProfile(encodeProfile(id))).toStrictEqual(id);
      const stored = new Set(retrievalKeys(id.name, id));
      expect(lookupKeys(id.name, id).some((k) => stored.has(k))).toBe(true);
    }
  });
});

describe('real-name pairs (real-pairs.jsonl)', () => {
  it('is what test/fixtures/dedup/real-pairs.ts writes (rerun it after changing the names)', () => {
    expect(readFileSync(REAL_PAIRS, 'utf8')).toBe(realPairsFileContent());
  });

  it('holds recall ≥ 0.99 and block_precision ≥ 0.995, and every flagged pair meets through its keys', () => {
    const pairs = readRealPairs();
    expect(pairs.length).toBeGreaterThanOrEqual(2000);
    const m = metrics(runPairs(pairs.map((p) => ({ ...p }))));
    expect(m.recall).toBeGreaterThanOrEqual(0.99);
    expect(m.blockPrecision).toBeGreaterThanOrEqual(0.995);
    expect(m.keyMisses).toBe(0);
    for (const kind of ['real-drop-trade', 'real-drop-place', 'real-place-bracket', 'real-branch', 'real-short', 'real-change-trade', 'real-change-place', 'real-neg-other-core', 'real-neg-one-char-2']) {
      expect(m.byKind[kind]?.n ?? 0).toBeGreaterThan(100);
    }
  });
});
