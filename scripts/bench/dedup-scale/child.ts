// One step of the dedup-scale benchmark, in a process of its own: `build` fills a database as
// years of use would; `measure` opens it afresh, as the bot does at start, and measures. Prints
// one JSON line.   build <db> <customers> | measure <db> <customers>
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { benchActors, benchApp, companies, nextInputs, registerBatched, registerThroughBot, syncToDisk } from '../fixtures';
import { bulkLoadCustomers } from '../bulk-load';
import { summarize } from '../stats';
import { rebuildDedupIndex } from '../../../src/domain/registration/rebuild-dedup-index';
import type { RegistrationInput } from '../../../src/domain/registration/types';

/** Registrations per throughput measurement: enough to include the WAL's periodic restart. */
const BULK = Number(process.env.DEDUP_BENCH_BULK ?? 15_000);
const BOT = Number(process.env.DEDUP_BENCH_BOT ?? 10_000);
const ONE_BY_ONE = 3000;

const secs = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(1));
const perSecond = (n: number, t0: number) => Math.round(n / ((performance.now() - t0) / 1000));

/** A name as a colleague would retype it: region moved into brackets, or the form shortened. */
function variant(name: string, i: number): string {
  if (i % 3 === 0) return name.replace(/有限责任公司$/, '有限公司').replace(/股份有限公司$/, '股份公司');
  if (i % 3 === 1) return name.replace(/^(.{2})(市)?/, '$1 ');
  return name.normalize('NFKC').replace(/公司$/, ' 公司');
}

async function build(file: string, scale: number): Promise<Record<string, unknown>> {
  const b = await benchApp(`dedup-${scale}`, 'none', file);
  let t0 = performance.now();
  const sample = bulkLoadCustomers(b.db, scale, 100 + scale, b.clock.now());
  const load = secs(t0);
  t0 = performance.now();
  const built = await rebuildDedupIndex(b.app.root.env);
  const index = secs(t0);
  syncToDisk(b);
  const tables = b.db.$client
    .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name IN ('dedup_keys', 'dedup_profiles') GROUP BY name")
    .all() as { name: string; bytes: number }[];
  fs.writeFileSync(`${file}.sample.json`, JSON.stringify(sample));
  await b.close();
  return { load, index, keys: built.keys, bytes: fs.statSync(file).size, tables: Object.fromEntries(tables.map((x) => [x.name, x.bytes])) };
}

async function measure(file: string, scale: number): Promise<Record<string, unknown>> {
  const sample = JSON.parse(fs.readFileSync(`${file}.sample.json`, 'utf8')) as { names: string[]; mobiles: string[] };
  const b = await benchApp(`dedup-${scale}`, 'none', file);
  const root = b.app.root;
  // 60 % new names (a fifth without a region), 25 % retyped existing ones, 15 % by mobile.
  const gen = companies(7 + scale);
  const lat: number[] = [];
  const tiers: Record<string, number> = {};
  for (let i = 0; i < 3200; i++) {
    let q: { name: string; mobile: string | null };
    if (i % 20 < 12) q = { name: (gen.next().value as RegistrationInput).company, mobile: null };
    else if (i % 20 < 17) q = { name: variant(sample.names[i % sample.names.length]!, i), mobile: null };
    else q = { name: '新公司贸易有限公司', mobile: sample.mobiles[i % sample.mobiles.length]! };
    const s = performance.now();
    const r = await root.read((d) => d.finder.check(q));
    if (i < 200) continue; // warm-up
    lat.push(performance.now() - s);
    tiers[r.tier] = (tiers[r.tier] ?? 0) + 1;
  }
  const check = summarize(lat);

  // The real service (check, customer, index, registration, approval, card, audit, outbox);
  // inputs are made first, so the figures are registration alone.
  await registerBatched(b, nextInputs(gen, 1000), 100); // warm-up
  const actors = await benchActors(b);
  const one = nextInputs(gen, ONE_BY_ONE);
  let t0 = performance.now();
  for (const [i, input] of one.entries()) await root.write((d) => d.register.register(actors[i % actors.length]!, input));
  const oneByOne = perSecond(ONE_BY_ONE, t0);

  const bulk = nextInputs(gen, BULK);
  const rounds: number[] = [];
  let submitted = 0;
  t0 = performance.now();
  for (let done = 0; done < BULK; done += 5000) {
    const r = await registerBatched(b, bulk.slice(done, done + 5000), 1000);
    rounds.push(Math.round(r.rate));
    submitted += r.submitted;
  }
  const batched = perSecond(BULK, t0);

  const bot = await registerThroughBot(b, nextInputs(gen, BOT), 64, `scale-${scale}`);
  await b.close();
  return {
    check: { n: check.n, p50: check.p50, p99: check.p99, max: check.max, tiers },
    oneByOne,
    bot: { rate: Math.round(bot.rate), submitted: bot.submitted, of: BOT },
    batched: { rate: batched, rounds, submitted, of: BULK },
  };
}

async function main(): Promise<Record<string, unknown>> {
  const [step, file, scale] = process.argv.slice(2) as [string, string, string];
  if (step === 'build') return build(file, Number(scale));
  if (step === 'measure') return measure(file, Number(scale));
  throw new Error(`unknown step ${step}`);
}

main().then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);
