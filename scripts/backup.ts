// npm run backup -- [out.db] [--db data/dealguard.db]: an online, consistent copy of the database
// (SQLite's backup API), safe while the bot is running. Default name: data/backup-<time>.db
import path from 'node:path';
import { Command } from 'commander';
import Database from 'better-sqlite3';

async function main(): Promise<void> {
  const program = new Command()
    .argument('[out]', '备份文件')
    .option('--db <path>', 'SQLite 文件', process.env.DEALGUARD_DB ?? 'data/dealguard.db')
    .parse();
  const o = program.opts<{ db: string }>();
  const out = program.args[0] ?? path.join(path.dirname(o.db), `backup-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
  const db = new Database(o.db, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  const t0 = performance.now();
  // All pages in one step, under one read transaction: a copy in steps starts over whenever the
  // bot commits between two of them, and a busy bot would keep it from ever finishing.
  await db.backup(out, { progress: () => 0x7fffffff });
  db.close();
  process.stdout.write(`已备份到 ${out}（${((performance.now() - t0) / 1000).toFixed(1)} 秒）\n`);
}

main().catch((e) => {
  process.stderr.write(`备份失败：${(e as Error).message}\n`);
  process.exit(1);
});
