import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeTx } from '../../db/open';
import type { Bench } from './index';
import { benchApp, BENCH_SALES, companies, nextInputs, registerBatched, registerThroughBot, syncToDisk } from './fixtures';
import { bulkLoadCustomers } from './bulk-load';
import { fmt, summarize } from './stats';
import { rebuildDedupIndex } from '../../src/domain/registration/rebuild-dedup-index';
import type { RegistrationInput } from '../../src/domain/registration/types';

const SCALES = (process.env.DEDUP_BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
/** Registrations per throughput measurement: long enough to include the WAL's periodic restart. */
const BULK = Number(process.env.DEDUP_BENCH_BULK ?? 15_000);
const BOT = Number(process.env.DEDUP_BENCH_BOT ?? 10_000);
const ONE_BY_ONE = 3000;

/** A name as a colleague would retype it: region moved into brackets, or the form shortened. */
function variant(name: string, i: number): string {
  if (i % 3 === 0) return name.replace(/有限责任公司$/, '有限公司').replace(/股份有限公司$/, '股份公司');
  if (i % 3 === 1) return name.replace(/^(.{2})(市)?/, '$1 ');
  return name.normalize('NFKC').replace(/公司$/, ' 公司');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (r: number) => `${r.toFixed(0)}/s`;

export const bench: Bench = {
  name: 'dedup-scale',
  description: `dedup check and registration at ${SCALES.map((s) => s.toLocaleString()).join(' / ')} customers; index build; database size`,
  async run() {
    for (const scale of SCALES) {
      const b = await benchApp(`dedup-${scale}`, 'none');
      const d = b.app.domain;
      const say = (text: string) => process.stdout.write(`${scale.toLocaleString().padStart(9)} | ${text}\n`);
      let t = performance.now();
      const sample = bulkLoadCustomers(b.db, scale, 100 + scale, b.clock.now());
      const loadS = (performance.now() - t) / 1000;
      t = performance.now();
      const built = rebuildDedupIndex(d.deps);
      const buildS = (performance.now() - t) / 1000;
      syncToDisk(b);
      const tables = b.db.$client
        .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name IN ('dedup_keys', 'dedup_profiles') GROUP BY name")
        .all() as { name: string; bytes: number }[];
      say(
        `load ${loadS.toFixed(1)} s; index build ${buildS.toFixed(1)} s (${built.keys.toLocaleString()} keys, ${(built.keys / scale).toFixed(1)}/customer); ` +
          `database ${mb(fs.statSync(b.file).size)} (${tables.map((x) => `${x.name} ${mb(x.bytes)}`).join(', ')})`,
      );

      // 60 % new names (a quarter without a region), 25 % retyped existing ones, 15 % by mobile.
      const gen = companies(7 + scale);
      const lat: number[] = [];
      const tiers: Record<string, number> = {};
      for (let i = 0; i < 3200; i++) {
        let q: { name: string; mobile: string | null };
        if (i % 20 < 12) q = { name: (gen.next().value as RegistrationInput).company, mobile: null };
        else if (i % 20 < 17) q = { name: variant(sample.names[i % sample.names.length]!, i), mobile: null };
        else q = { name: '新公司贸易有限公司', mobile: sample.mobiles[i % sample.mobiles.length]! };
        const s = performance.now();
        const r = d.finder.check(q);
        if (i < 200) continue; // warm-up
        lat.push(performance.now() - s);
        tiers[r.tier] = (tiers[r.tier] ?? 0) + 1;
      }
      const c = summarize(lat);
      say(`check (${c.n.toLocaleString()}): p50 ${fmt(c.p50)}, p99 ${fmt(c.p99)}, max ${fmt(c.max)}; tiers ${JSON.stringify(tiers)}`);

      // Registration: the real service (check, customer, index, registration, approval, card,
      // audit, outbox). Inputs are made first, so the figures are registration alone.
      registerBatched(b, nextInputs(gen, 1000), 100); // warm-up
      const actors = BENCH_SALES.map((id) => d.dir.require(id));
      const one = nextInputs(gen, ONE_BY_ONE);
      t = performance.now();
      one.forEach((input, i) => writeTx(b.db, () => d.register.register(actors[i % actors.length]!, input)));
      const oneRate = ONE_BY_ONE / ((performance.now() - t) / 1000);

      const rounds: number[] = [];
      let bulkSubmitted = 0;
      const bulk = nextInputs(gen, BULK);
      t = performance.now();
      for (let done = 0; done < BULK; done += 5000) {
        const r = registerBatched(b, bulk.slice(done, done + 5000), 1000);
        rounds.push(r.rate);
        bulkSubmitted += r.submitted;
      }
      const bulkRate = BULK / ((performance.now() - t) / 1000);

      const bot = await registerThroughBot(b, nextInputs(gen, BOT), 64, `scale-${scale}`);
      say(
        `registration: ${rate(oneRate)} one per transaction; ${rate(bot.rate)} through the bot, 64 in flight (group commit; ${bot.submitted.toLocaleString()} of ${BOT.toLocaleString()} submitted); ` +
          `${rate(bulkRate)} at 1,000 per transaction (${BULK.toLocaleString()}, rounds of 5,000: ${rounds.map(rate).join(' ')}; ${bulkSubmitted.toLocaleString()} submitted)`,
      );
      b.close();
    }
  },
};
