// Pairwise evaluation of compareCustomers() over the labelled set.
//   npx tsx scripts/dedup/evaluate.ts [--errors]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCustomers, identityOf, lookupKeys, retrievalKeys } from '../../src/domain/dedup';
import type { CompareResult, CustomerIdentity } from '../../src/domain/dedup';
import type { Pair } from './gen/pair';

export interface Outcome { pair: Pair; result: CompareResult; keysMeet: boolean }

export interface Metrics {
  pairs: number;
  /** 重复 or 疑似 counts as "predicted duplicate"; related pairs count as the negatives they are. */
  precision: number;
  recall: number;
  /** 重复 alone, over every pair (a 重复 on a related pair is a wrong block). */
  blockPrecision: number;
  blockRecall: number;
  /** Precision over the pairs not marked related (for comparison; not a floor). */
  looseP: number;
  /** Share of related pairs shown as 疑似. */
  relatedSuspect: number;
  /** Pairs compare() flags whose retrieval keys do not meet (must be 0). */
  keyMisses: number;
  byKind: Record<string, { n: number; duplicate: number; suspect: number; none: number }>;
}

export function loadPairs(file = join(__dirname, '..', '..', 'test', 'fixtures', 'dedup', 'pairs.jsonl')): Pair[] {
  if (!file.includes('/')) file = join(__dirname, '..', '..', 'test', 'fixtures', 'dedup', file);
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Pair);
}

function identity(name: string, uscc?: string, phone?: string): CustomerIdentity {
  return identityOf({ name, uscc, mobile: phone }).identity;
}

function keysMeet(a: CustomerIdentity, b: CustomerIdentity): boolean {
  const stored = new Set(retrievalKeys(b.name, b));
  return lookupKeys(a.name, a).some((k) => stored.has(k));
}

export function runPairs(pairs: readonly Pair[]): Outcome[] {
  return pairs.map((pair) => {
    const a = identity(pair.a, pair.aUscc, pair.aPhone);
    const b = identity(pair.b, pair.bUscc, pair.bPhone);
    const result = compareCustomers(a, b);
    return { pair, result, keysMeet: result.tier === 'none' || (keysMeet(a, b) && keysMeet(b, a)) };
  });
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

export function metrics(outcomes: readonly Outcome[]): Metrics {
  let tp = 0, fp = 0, fn = 0, relatedFp = 0, blockTp = 0, blockFp = 0, positives = 0, related = 0, relatedSuspect = 0;
  const byKind: Metrics['byKind'] = {};
  for (const { pair, result } of outcomes) {
    const flagged = result.tier !== 'none';
    const k = (byKind[pair.kind] ??= { n: 0, duplicate: 0, suspect: 0, none: 0 });
    k.n += 1;
    k[result.tier] += 1;
    if (result.tier === 'duplicate') {
      if (pair.duplicate) blockTp += 1;
      else blockFp += 1;
    }
    if (pair.duplicate) positives += 1;
    if (pair.related) {
      related += 1;
      if (result.tier === 'suspect') relatedSuspect += 1;
      if (flagged) relatedFp += 1;
      continue;
    }
    if (flagged && pair.duplicate) tp += 1;
    if (flagged && !pair.duplicate) fp += 1;
    if (!flagged && pair.duplicate) fn += 1;
  }
  return {
    pairs: outcomes.length,
    precision: ratio(tp, tp + fp + relatedFp),
    recall: ratio(tp, tp + fn),
    blockPrecision: ratio(blockTp, blockTp + blockFp),
    blockRecall: ratio(blockTp, positives),
    looseP: ratio(tp, tp + fp),
    relatedSuspect: ratio(relatedSuspect, related),
    keyMisses: outcomes.filter((o) => !o.keysMeet).length,
    byKind,
  };
}

function isError(o: Outcome): boolean {
  if (o.pair.related) return o.result.tier !== 'suspect';
  return o.pair.duplicate ? o.result.tier === 'none' : o.result.tier !== 'none';
}

if (require.main === module) {
  const outcomes = runPairs(loadPairs());
  const m = metrics(outcomes);
  const { byKind, ...headline } = m;
  console.log(headline);
  console.table(byKind);
  if (process.argv.includes('--errors')) {
    for (const o of outcomes.filter(isError)) {
      console.log(`${o.pair.kind}\t${o.pair.duplicate ? 'DUP' : o.pair.related ? 'REL' : 'NEG'} → ${o.result.tier}\t${o.pair.a} | ${o.pair.b}\t${o.result.reasons.join('；')}`);
    }
  }
}
