// Writes test/fixtures/dedup/pairs.jsonl (the evaluation set: generated pairs with a fixed seed,
// then the hand-written tricky pairs that are not `related`, then the look-alike 字号 pairs) and related-pairs.jsonl (the full
// suite of related companies, generated and hand-written; with the pairs of RECIPE whose kind is in
// TO_RELATED_SUITE, two-character 字号 swapped).
//   npx tsx scripts/dedup/generate-pairs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './gen/random';
import type { Pair } from './gen/pair';
import { LOOKALIKE_RECIPE, RECIPE, RELATED_RECIPE, TO_RELATED_SUITE } from './gen/recipe';

export const SEED = 20240601;
export const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'dedup');

export function generatePairs(seed = SEED, recipe = RECIPE): Pair[] {
  const ctx = { rnd: new Random(seed), used: new Set<string>() };
  const pairs: Pair[] = [];
  for (const [make, count] of recipe) {
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

const lines = (pairs: Pair[]) => pairs.map((p) => JSON.stringify(p)).join('\n') + '\n';

const toRelated = (p: Pair): boolean => TO_RELATED_SUITE.has(p.kind);

export function pairsFileContent(seed = SEED): string {
  const main = generatePairs(seed).filter((p) => !toRelated(p));
  return lines([...main, ...trickyPairs().filter((p) => !p.related), ...generatePairs(seed + 2, LOOKALIKE_RECIPE)]);
}

export function relatedFileContent(seed = SEED + 1, mainSeed = SEED): string {
  const moved = generatePairs(mainSeed).filter(toRelated);
  return lines([...generatePairs(seed, RELATED_RECIPE), ...moved, ...trickyPairs().filter((p) => p.related)]);
}

if (require.main === module) {
  const content = pairsFileContent();
  writeFileSync(join(FIXTURES, 'pairs.jsonl'), content);
  const related = relatedFileContent();
  writeFileSync(join(FIXTURES, 'related-pairs.jsonl'), related);
  console.log(`wrote ${content.trimEnd().split('\n').length} pairs and ${related.trimEnd().split('\n').length} related pairs`);
}
