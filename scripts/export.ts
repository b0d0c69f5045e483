// npm run export -- <authorizations|customers> <out.xlsx> --as <staffId> [--db data/dealguard.db]
// Exports what that person may see (their scope), in the import template's layout.
import { Command } from 'commander';
import { openStore } from '../src/app/open-store';
import { systemClock } from '../src/clock/clock';
import { domainEnv } from '../src/domain/deps';
import { DomainRoot } from '../src/domain/domain';
import { loadRules } from '../src/domain/rules';
import { exportAuthorizations } from '../src/export/authorizations-export';
import { exportCustomers } from '../src/export/customers-export';

const KINDS = { authorizations: { title: '代理授权', run: exportAuthorizations }, customers: { title: '客户', run: exportCustomers } } as const;

async function main(): Promise<void> {
  const program = new Command()
    .name('export')
    .argument('<kind>', `导出类型：${Object.keys(KINDS).join('、')}`)
    .argument('<out>', '输出的 xlsx 文件')
    .requiredOption('--as <staffId>', '按此人的可见范围导出（账号 ID）')
    .option('--db <path>', 'SQLite 文件', process.env.DEALGUARD_DB ?? 'data/dealguard.db')
    .parse();
  const [kind, out] = program.args as [string, string];
  const o = program.opts<{ as: string; db: string }>();
  const k = KINDS[kind as keyof typeof KINDS];
  if (!k) {
    process.stderr.write(`不认识的导出类型「${kind}」。可用：${Object.keys(KINDS).join('、')}\n`);
    process.exit(2);
  }
  if (!out.toLowerCase().endsWith('.xlsx')) {
    process.stderr.write(`输出文件应以 .xlsx 结尾，例如 ${kind}.xlsx\n`);
    process.exit(2);
  }
  // Reads only: a damaged file is for the bot and the imports to refuse.
  const { store, close } = await openStore({ db: o.db, checkIntegrity: false });
  const root = new DomainRoot(domainEnv(store, systemClock, loadRules(process.env.DEALGUARD_RULES_FILE)));
  const viewer = await root.read((d) => d.dir.get(o.as));
  if (!viewer?.active) {
    process.stderr.write(`找不到在职人员「${o.as}」，请用 --as <账号ID>，例如 --as admin\n`);
    process.exit(2);
  }
  const n = await k.run(root, viewer, out);
  await close();
  process.stdout.write(`${k.title}：已按 ${viewer.name}（${viewer.id}）的可见范围导出 ${n} 条到 ${out}\n`);
}

main().catch((e) => {
  process.stderr.write(`导出失败：${(e as Error).message}\n`);
  process.exit(1);
});
