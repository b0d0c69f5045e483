import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeTx } from '../../db/open';
import type { Bench } from './index';
import { benchApp, BENCH_SALES, companies, prefill } from './fixtures';
import { bulkLoadCustomers } from './bulk-load';
import { fmt, summarize } from './stats';
import { rebuildDedupIndex } from '../../src/domain/registration/rebuild-dedup-index';
import type { RegistrationInput } from '../../src/domain/registration/types';

const SCALES = (process.env.DEDUP_BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);

/** A name as a colleague would retype it: region moved into brackets, or the form shortened. */
function variant(name: string, i: number): string {
  if (i % 3 === 0) return name.replace(/有限责任公司$/, '有限公司').replace(/股份有限公司$/, '股份公司');
  if (i % 3 === 1) return name.replace(/^(.{2})(市)?/, '$1 ');
  return name.normalize('NFKC').replace(/公司$/, ' 公司');
}

export const bench: Bench = {
  name: 'dedup-scale',
  description: `dedup check and registration at ${SCALES.map((s) => s.toLocaleString()).join(' / ')} customers; index build; database size`,
  async run() {
    for (const scale of SCALES) {
      const b = await benchApp(`dedup-${scale}`, 'none');
      const d = b.app.domain;
      let t = performance.now();
      const sample = bulkLoadCustomers(b.db, scale, 100 + scale, b.clock.now());
      const loadS = (performance.now() - t) / 1000;
      t = performance.now();
      const built = rebuildDedupIndex(d.deps);
      const buildS = (performance.now() - t) / 1000;
      b.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      const dbMb = fs.statSync(b.file).size / 1024 / 1024;

      const gen = companies(7 + scale);
      const lat: number[] = [];
      const tiers: Record<string, number> = {};
      for (let i = 0; i < 3000; i++) {
        let q: { name: string; mobile: string | null };
        if (i % 20 < 12) q = { name: (gen.next().value as RegistrationInput).company, mobile: null };
        else if (i % 20 < 17) q = { name: variant(sample.names[i % sample.names.length]!, i), mobile: null };
        else q = { name: '新公司贸易有限公司', mobile: sample.mobiles[i % sample.mobiles.length]! };
        const s = performance.now();
        const r = d.finder.check(q);
        if (i >= 200) lat.push(performance.now() - s);
        tiers[r.tier] = (tiers[r.tier] ?? 0) + 1;
      }
      const c = summarize(lat);

      const actors = BENCH_SALES.map((id) => d.dir.require(id));
      const N = 2000;
      const inputs = Array.from({ length: N }, () => gen.next().value as RegistrationInput);
      t = performance.now();
      inputs.forEach((input, i) => writeTx(b.db, () => d.register.register(actors[i % actors.length]!, input)));
      const regRate = N / ((performance.now() - t) / 1000);

      // The bulk path (an import): 1,000 registrations per transaction.
      const bulkRate = prefill(b, 5000, 11 + scale).rate;

      // Through the bot with 64 commands in flight: they share commits (group commit).
      let next = 0;
      t = performance.now();
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          for (;;) {
            const i = next++;
            if (i >= N) return;
            const c = gen.next().value as RegistrationInput;
            const who = BENCH_SALES[i % BENCH_SALES.length]!;
            await b.app.bot.onMessage({ platform: 'console', messageId: `scale-${i}`, senderPlatformId: who, chat: { platform: 'console', chatId: who, kind: 'private' }, text: `/报备 ${c.company} 张伟 ${c.mobile.replace('+86', '')} 确认=是`, mentions: [] });
          }
        }),
      );
      const groupRate = N / ((performance.now() - t) / 1000);

      process.stdout.write(
        `${scale.toLocaleString().padStart(9)} customers: load ${loadS.toFixed(1)} s; index build ${buildS.toFixed(1)} s (${built.keys.toLocaleString()} keys, ${(built.keys / scale).toFixed(1)}/customer); ` +
          `db ${dbMb.toFixed(0)} MB; check p50 ${fmt(c.p50)} p99 ${fmt(c.p99)} max ${fmt(c.max)} (${JSON.stringify(tiers)}); registration ${regRate.toFixed(0)}/s one per transaction, ${groupRate.toFixed(0)}/s through the bot with group commit, ${bulkRate.toFixed(0)}/s 1,000 per transaction\n`,
      );
      b.close();
    }
  },
};
