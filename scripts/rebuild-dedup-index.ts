// npm run rebuild-dedup-index [-- --db data/dealguard.db]: recomputes the dedup index from scratch
// (after a change to the dedup rules). Safe to run while the bot is up; prefer quiet hours.
import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { openDb } from '../db/open';
import { checkIntegrity, integrityFailureText } from '../db/integrity';
import { systemClock } from '../src/clock/clock';
import { domainDeps } from '../src/domain/deps';
import { loadRules } from '../src/domain/rules';
import { rebuildDedupIndex } from '../src/domain/registration/rebuild-dedup-index';

const o = new Command().option('--db <path>', 'SQLite 文件', process.env.DEALGUARD_DB ?? 'data/dealguard.db').parse().opts<{ db: string }>();
const integrity = checkIntegrity(o.db);
if (!integrity.ok) {
  process.stderr.write(`${integrityFailureText(integrity)}\n`);
  process.exit(3);
}
const db = openDb({ file: o.db });
const bar = process.stderr.isTTY ? new SingleBar({ format: '重建查重索引 [{bar}] {percentage}% {value}/{total}' }, Presets.shades_classic) : undefined;
let started = false;
const t0 = performance.now();
const r = rebuildDedupIndex(domainDeps(db, systemClock, loadRules(process.env.DEALGUARD_RULES_FILE)), (done, total) => {
  if (!started) {
    bar?.start(total, 0);
    started = true;
  }
  bar?.update(done);
});
bar?.stop();
process.stdout.write(`已重建：${r.customers} 个客户，${r.keys} 个索引键，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒\n`);
db.$client.close();
