// npm run migrate-to-postgres -- <sqlite file> <postgres url> [--replace]: moves a company from its
// SQLite file up to PostgreSQL: every table, ids kept (dedup index included), checked by row count
// and a checksum per table. Safe while the bot runs on the file (one read snapshot is copied).
import { Command } from 'commander';
import Database from 'better-sqlite3';
import { openDb } from '../db/open';
import { PgStore } from '../src/storage/pg/pg-store';
import { copySqliteToPostgres, TargetNotEmptyError } from '../src/storage/move-up/copy-to-postgres';

async function main(): Promise<void> {
  const program = new Command()
    .argument('<sqlite>', 'SQLite 文件（例如 data/dealguard.db）')
    .argument('<postgres>', 'PostgreSQL 地址（postgres://用户:密码@主机:5432/库名）')
    .option('--replace', '目标库已有其他数据时清空后重新复制')
    .parse();
  const [file, url] = program.args as [string, string];
  const o = program.opts<{ replace?: boolean }>();
  // Brings an older file up to the current schema first (what the bot would do at start).
  openDb({ file }).$client.close();
  const client = new Database(file, { fileMustExist: true });
  client.pragma('busy_timeout = 10000');
  const store = await PgStore.open({ url, applicationName: 'dealguard-migrate' });
  const t0 = performance.now();
  try {
    const report = await copySqliteToPostgres(client, store, {
      ...(o.replace ? { replace: true } : {}),
      onTable: (table, rows) => process.stdout.write(`  ${table}: ${rows} 行\n`),
    });
    const total = report.tables.reduce((n, t) => n + t.rows, 0);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(
      report.outcome === 'unchanged'
        ? `目标库已经是这份数据（${report.tables.length} 张表、${total} 行，校验和一致），没有改动。\n`
        : `已复制并校验 ${report.tables.length} 张表、${total} 行（每张表行数和校验和一致），用时 ${secs} 秒。\n然后用 DATABASE_URL=${redact(url)} 启动机器人。\n`,
    );
  } catch (e) {
    if (e instanceof TargetNotEmptyError) {
      process.stderr.write(`目标库里已经有别的数据（${e.differing.join('、')}），没有复制。确认要覆盖请加 --replace。\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  } finally {
    client.close();
    await store.close();
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((e) => {
  process.stderr.write(`迁移失败（目标库没有改动）：${(e as Error).message}\n`);
  process.exit(1);
});
