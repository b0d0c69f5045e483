// npm run rebuild-dedup-index [-- --db data/dealguard.db]: recomputes the dedup index from scratch
// (after a change to the dedup rules). Safe to run while the bot is up; prefer quiet hours.
import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { openStore, StoreRefused } from '../src/app/open-store';
import { systemClock } from '../src/clock/clock';
import { domainEnv } from '../src/domain/deps';
import { loadRules } from '../src/domain/rules';
import { rebuildDedupIndex } from '../src/domain/registration/rebuild-dedup-index';

async function main(): Promise<void> {
  const o = new Command().option('--db <path>', 'SQLite 文件', process.env.DEALGUARD_DB ?? 'data/dealguard.db').parse().opts<{ db: string }>();
  const { store, close } = await openStore({ db: o.db });
  const bar = process.stderr.isTTY ? new SingleBar({ format: '重建查重索引 [{bar}] {percentage}% {value}/{total}' }, Presets.shades_classic) : undefined;
  let started = false;
  const t0 = performance.now();
  const r = await rebuildDedupIndex(domainEnv(store, systemClock, loadRules(process.env.DEALGUARD_RULES_FILE)), (done, total) => {
    if (!started) {
      bar?.start(total, 0);
      started = true;
    }
    bar?.update(done);
  });
  bar?.stop();
  process.stdout.write(`已重建：${r.customers} 个客户，${r.keys} 个索引键，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒\n`);
  await close();
}

main().catch((e) => {
  process.stderr.write(`${e instanceof StoreRefused ? e.message : `重建失败：${(e as Error).message}`}\n`);
  process.exit(e instanceof StoreRefused ? e.exitCode : 1);
});
