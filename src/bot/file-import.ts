import fs from 'node:fs';
import path from 'node:path';
import type { Domain } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { recordAudit } from '../domain/audit/audit';
import { writeTx } from '../../db/open';
import type { IncomingMessage } from '../platforms/types';
import { readWorkbookBuffer } from '../import/read-sheet';
import { detectImporter } from '../import/detect-kind';
import { IMPORTERS } from '../import/importers';
import { errorReportBuffer, formatErrors } from '../import/row-errors';
import type { Reply } from './context';
import { lines } from './render/format';

// The full xlsx reader holds the whole sheet in memory (about 800 MB for 100,000 rows, ~5 MB of xlsx): bigger files go through the CLI.
const MAX_BYTES = 5 * 1024 * 1024;
const ALL_OR_NOTHING = /全部或不导入|全部成功|all-or-nothing/i;

/**
 * An admin sends an xlsx (or csv) in a private chat: the kind is told from its headers, the file is
 * imported like `npm run import`, and the summary comes back with the first errors; the full error
 * report comes back as a file and is also saved on the server (the outbox cannot keep a file that
 * the platform refused, so the saved copy is the one that cannot be lost).
 */
export async function importUpload(d: Domain, actor: Staff, msg: IncomingMessage, reportDir: string): Promise<Reply> {
  const file = msg.file!;
  const kinds = Object.values(IMPORTERS).map((i) => i.title).join('、');
  if (msg.chat.kind !== 'private') return { text: '📎 导入表格请在和我的私聊里发送，群里发送的文件不会被导入。' };
  if (actor.role !== 'admin') return { text: '📎 只有管理员可以通过发送表格导入数据。如需导入，请把表格发给管理员。' };
  const ext = path.extname(file.name).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') return { text: `📎 「${file.name}」不是 .xlsx 或 .csv 表格。请另存为 xlsx 后再发送（可导入：${kinds}）。` };
  if ((file.size ?? 0) > MAX_BYTES) return { text: `📎 「${file.name}」超过 5 MB，请在服务器上用 npm run import 导入（会显示进度条）。` };
  let sheets;
  try {
    sheets = await readWorkbookBuffer(await file.download(), file.name);
  } catch (e) {
    return { text: `📎 「${file.name}」无法读取（${(e as Error).message}）。请确认文件没有损坏、没有加密，再发送一次。` };
  }
  const importer = detectImporter(sheets);
  if (!importer) return { text: `📎 看不出「${file.name}」是哪种表格：表头要和导入模板一致（可导入：${kinds}）。模板可用 npm run template -- <类型> 生成。` };
  const allOrNothing = ALL_OR_NOTHING.test(msg.text);
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  const result = importer.run(d.deps, sheets, { allOrNothing, actorId: actor.id });
  let report: string | undefined;
  let attachment: { name: string; content: Buffer } | undefined;
  if (result.errors.length > 0) {
    fs.mkdirSync(reportDir, { recursive: true });
    const stamp = d.deps.time.dateTime(d.deps.clock.now()).replace(/[: ]/g, '-');
    const name = `${path.basename(file.name, ext)}.错误报告.xlsx`;
    report = path.resolve(reportDir, `${stamp}-${name}`);
    const content = await errorReportBuffer(result.errors);
    fs.writeFileSync(report, content);
    attachment = { name, content };
  }
  const counts = Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join('，');
  writeTx(d.deps.db, () =>
    recordAudit(d.deps, { actorId: actor.id, action: 'import.upload', subjectType: 'import', subjectId: importer.kind, after: { file: file.name, rows, ...result.counts, errors: result.errors.length, applied: result.applied } }),
  );
  return {
    text: lines(
      `📥 ${importer.title}导入「${file.name}」：读取 ${rows} 行；${result.applied ? `已导入 ${counts}` : '有错误，按「全部或不导入」未导入任何数据'}${result.unchanged ? `；${result.unchanged} 行与现有数据相同` : ''}；错误 ${result.errors.length} 处。`,
      result.errors.length > 0 && formatErrors(result.errors),
      report && `完整错误报告见随后发送的文件（服务器上也保存了一份：${report}）。`,
      !allOrNothing && result.errors.length > 0 && '改好后可以重新发送整个文件：已导入的行不会重复导入。',
    ),
    ...(attachment ? { file: attachment } : {}),
  };
}
