import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPairs, metrics, runPairs } from '../../../scripts/dedup/evaluate';
import { FIXTURES, pairsFileContent, relatedFileContent, trickyPairs } from '../../../scripts/dedup/generate-pairs';

// Evaluation of compareCustomers() over the labelled set (pairwise; the DB-backed
// scripts/dedup-eval.ts will run the same pairs through keys + index + compare).
describe('labelled pairs', () => {
  const pairs = loadPairs();
  const m = metrics(runPairs(pairs));

  it('is what scripts/dedup/generate-pairs.ts writes (regenerate after changing it)', () => {
    expect(readFileSync(join(FIXTURES, 'pairs.jsonl'), 'utf8')).toBe(pairsFileContent());
    expect(readFileSync(join(FIXTURES, 'related-pairs.jsonl'), 'utf8')).toBe(relatedFileContent());
  });

  it('has at least 800 pairs, 60 of them hand-written, and every kind of variant and hard negative', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(800);
    expect(trickyPairs().length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(pairs.map((p) => p.kind));
    for (const k of [
      'region-bracket', 'region-level', 'form-ltd', 'form-stock', 'traditional', 'full-width', 'bracket-kinds',
      'spaces-punctuation', 'latin-case', 'same-uscc-renamed', 'same-mobile-format', 'combined',
      'neg-diff-core-same-region-industry', 'neg-one-char-2', 'neg-generic-core', 'neg-uscc-one-char',
      'neg-invalid-mobile', 'rel-parent-branch', 'rel-same-core-other-region', 'rel-national-vs-regional',
      'rel-sister-industry', 'lookalike-homophone', 'lookalike-pinyin-typed', 'lookalike-english',
      'lookalike-district-for-city', 'lookalike-swap-2', 'neg-homophone-other-trade', 'neg-homophone-other-province', 'neg-common-sound',
      'neg-pinyin-other-trade', 'neg-english-other-province',
    ]) expect(kinds).toContain(k);
  });

  it('flags look-alike 字号 as 疑似 (never 重复) and leaves their hard negatives 无', () => {
    const lookalike = Object.entries(m.byKind).filter(([k]) => k.startsWith('lookalike-'));
    const hard = ['neg-homophone-other-trade', 'neg-homophone-other-province', 'neg-common-sound', 'neg-pinyin-other-trade', 'neg-english-other-province'];
    const sum = (list: { n: number; suspect: number; duplicate: number; none: number }[], f: 'n' | 'suspect' | 'duplicate' | 'none') => list.reduce((s, k) => s + k[f], 0);
    const pos = lookalike.map(([, k]) => k);
    const neg = hard.map((k) => m.byKind[k]!);
    expect(sum(pos, 'n')).toBeGreaterThanOrEqual(100);
    expect(sum(pos, 'duplicate')).toBe(0);
    expect(sum(pos, 'suspect') / sum(pos, 'n')).toBeGreaterThanOrEqual(0.95);
    expect(sum(neg, 'n')).toBeGreaterThanOrEqual(100);
    expect(sum(neg, 'none') / sum(neg, 'n')).toBeGreaterThanOrEqual(0.95);
  });

  it('never blocks a pair that is not one customer (block_precision ≥ 0.995)', () => {
    expect(m.blockPrecision).toBeGreaterThanOrEqual(0.995);
  });

  it('flags duplicates (recall ≥ 0.97) without crying wolf (precision ≥ 0.90)', () => {
    expect(m.recall).toBeGreaterThanOrEqual(0.97);
    expect(m.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('shows related entities (parent/branch, sisters, same 字号 elsewhere) as 疑似, never 重复', () => {
    const related = metrics(runPairs(loadPairs('related-pairs.jsonl')));
    expect(related.pairs).toBeGreaterThanOrEqual(150);
    expect(related.relatedSuspect).toBeGreaterThanOrEqual(0.95);
    expect(related.blockPrecision).toBe(1);
    expect(m.relatedSuspect).toBeGreaterThanOrEqual(0.95);
    // Two-character 字号 swapped (图诺 / 诺图, 华联 / 联华): 疑似 by design, so here and not in pairs.jsonl.
    const swaps = [related.byKind['rel-swap-2']!, related.byKind['tricky:rel-swap-2']!];
    expect(swaps.map((k) => [k.n, k.suspect])).toEqual([[25, 25], [2, 2]]);
    expect(Object.keys(m.byKind).filter((k) => k.includes('swap-2'))).toEqual(['lookalike-swap-2']);
  });

  it('retrieves every flagged pair through the keys', () => {
    expect(m.keyMisses).toBe(0);
  });

  it('blocks every identifier match', () => {
    for (const kind of ['same-uscc-renamed', 'same-mobile-format']) {
      expect(m.byKind[kind]?.duplicate).toBe(m.byKind[kind]?.n);
    }
    for (const kind of ['neg-uscc-one-char', 'neg-invalid-mobile']) {
      expect(m.byKind[kind]?.none).toBe(m.byKind[kind]?.n);
    }
  });
});
