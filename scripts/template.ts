// npm run template -- <kind> [out.xlsx]: writes an import template with headers and an example row.
import { Command } from 'commander';
import { IMPORTERS } from '../src/import/importers';
import { writeTemplate } from '../src/import/template';
import '../src/features';

async function main(): Promise<void> {
  const program = new Command().name('template').argument('<kind>', `类型：${Object.keys(IMPORTERS).join('、')}`).argument('[out]', '输出文件').parse();
  const [kind, out] = program.args as [string, string | undefined];
  const importer = IMPORTERS[kind];
  if (!importer) {
    process.stderr.write(`不认识的类型「${kind}」。可用：${Object.keys(IMPORTERS).join('、')}\n`);
    process.exit(2);
  }
  const file = out ?? `${importer.title}导入模板.xlsx`;
  await writeTemplate(file, importer.templateSheets);
  process.stdout.write(`已生成模板：${file}\n`);
}

main().catch((e) => {
  process.stderr.write(`生成模板失败：${(e as Error).message}\n`);
  process.exit(1);
});
