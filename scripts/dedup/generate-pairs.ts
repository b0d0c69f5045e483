// Writes test/fixtures/dedup/pairs.jsonl: the generated pairs (fixed seed) followed by the
// hand-written tricky pairs from test/fixtures/dedup/tricky-pairs.jsonl.
//   npx tsx scripts/dedup/generate-pairs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './gen/random';
import type { Pair } from './gen/pair';
import { RECIPE } from './gen/recipe';

export const SEED = 20240601;
export const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'dedup');

export function generatePairs(seed = SEED): Pair[] {
  const ctx = { rnd: new Random(seed), used: new Set<string>() };
  const pairs: Pair[] = [];
  for (const [make, count] of RECIPE) {
    for (let i = 0; i < count; i += 1) pairs.push(make(ctx));
  }
  return pairs;
}

export function trickyPairs(): Pair[] {
  return readFileSync(join(FIXTURES, 'tricky-pairs.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .map((line) => JSON.parse(line) as Pair);
}

export function pairsFileContent(seed = SEED): string {
  return [...generatePairs(seed), ...trickyPairs()].map((p) => JSON.stringify(p)).join('\n') + '\n';
}

if (require.main === module) {
  const content = pairsFileContent();
  writeFileSync(join(FIXTURES, 'pairs.jsonl'), content);
  console.log(`wrote ${content.trimEnd().split('\n').length} pairs`);
}
