// npm run import -- <kind> <file> [--all-or-nothing] [--report errors.xlsx] [--db data/dealguard.db] [--now 2026-11-25T10:00:00+08:00]
// Imports an xlsx/csv file (org, staff, groups, dealers, and the kinds later features register).
import path from 'node:path';
import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { openStore, StoreRefused } from '../src/app/open-store';
import { systemClock, VirtualClock } from '../src/clock/clock';
import { NOW_EXAMPLE, parseNow } from '../src/clock/parse-now';
import { domainEnv } from '../src/domain/deps';
import { DomainRoot } from '../src/domain/domain';
import { loadRules } from '../src/domain/rules';
import { readWorkbook } from '../src/import/read-sheet';
import { formatErrors, formatSkipped, writeErrorReport } from '../src/import/row-errors';
import { IMPORTERS } from '../src/import/importers';
import '../src/features';

async function main(): Promise<void> {
  const program = new Command()
    .name('import')
    .argument('<kind>', `导入类型：${Object.keys(IMPORTERS).join('、')}`)
    .argument('<file>', 'xlsx 或 csv 文件')
    .option('--all-or-nothing', '任何一行有错就什么都不导入')
    .option('--report <file>', '错误报告（xlsx）的位置，默认与文件同目录')
    .option('--db <path>', 'SQLite 文件', process.env.DEALGUARD_DB ?? 'data/dealguard.db')
    .option('--as <staffId>', '记在审计日志里的操作人', 'admin')
    .option('--now <iso>', `导入时的时间（报备日期的默认值、保护期的起点），例如 ${NOW_EXAMPLE}；默认为现在`)
    .parse();
  const [kind, file] = program.args as [string, string];
  const o = program.opts<{ allOrNothing?: boolean; report?: string; db: string; as: string; now?: string }>();
  const importer = IMPORTERS[kind];
  if (!importer) {
    process.stderr.write(`不认识的导入类型「${kind}」。可用：${Object.keys(IMPORTERS).join('、')}\n`);
    process.exit(2);
  }
  const now = o.now === undefined ? undefined : parseNow(o.now);
  if (o.now !== undefined && !now) {
    process.stderr.write(`--now 看不懂：${o.now}（例如 ${NOW_EXAMPLE}）\n`);
    process.exit(2);
  }
  const sheets = await readWorkbook(file);
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  const { store, close } = await openStore({ db: o.db });
  const root = new DomainRoot(domainEnv(store, now ? new VirtualClock(now) : systemClock, loadRules(process.env.DEALGUARD_RULES_FILE)));
  await root.prepare({ onDedupRebuild: (n) => process.stdout.write(`查重索引版本已更新，正在为 ${n} 个客户重建…\n`) });
  const bar = total >= 1000 && process.stderr.isTTY ? new SingleBar({ format: '导入 [{bar}] {percentage}% {value}/{total} 行' }, Presets.shades_classic) : undefined;
  bar?.start(total, 0);
  const result = await importer.run(root, sheets, { allOrNothing: o.allOrNothing === true, actorId: o.as, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  const counts = Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join('，');
  process.stdout.write(`${importer.title}：读取 ${total} 行；${result.applied ? `已导入 ${counts}` : '未导入任何数据'}${result.unchanged ? `（其中 ${result.unchanged} 行与现有数据相同）` : ''}；错误 ${result.errors.length} 处。\n`);
  if (result.skipped && result.skipped.length > 0) process.stdout.write(`${formatSkipped(result.skipped)}\n`);
  if (result.errors.length > 0) {
    const report = o.report ?? path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.错误报告.xlsx`);
    await writeErrorReport(report, result.errors);
    process.stdout.write(`${formatErrors(result.errors)}\n错误报告：${report}\n`);
  }
  await close();
  // Errors and nothing imported (all-or-nothing, or no row could be read) is a failure for a script.
  const imported = Object.values(result.counts).reduce((n, v) => n + v, 0);
  process.exit(result.errors.length > 0 && (o.allOrNothing || !result.applied || imported === 0) ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof StoreRefused ? e.message : `导入失败：${(e as Error).message}`}\n`);
  process.exit(e instanceof StoreRefused ? e.exitCode : 1);
});
