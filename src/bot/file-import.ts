import fs from 'node:fs';
import path from 'node:path';
import type { DomainRoot } from '../domain/domain';
import type { Staff } from '../domain/org/directory';
import { recordAudit } from '../domain/audit/audit';
import type { IncomingMessage } from '../platforms/types';
import { readWorkbookBuffer } from '../import/read-sheet';
import { detectImporter, nearMiss } from '../import/detect-kind';
import { IMPORTERS } from '../import/importers';
import { errorReportBuffer, formatErrors, formatSkipped } from '../import/row-errors';
import type { Reply } from './context';
import { lines } from './render/format';
import { FileTooLargeError } from '../platforms/download-limit';
import { measureUpload } from '../import/upload-measure';
import { CsvEncodingError } from '../import/csv-encoding';
import type { XlsxMeasure } from '../import/xlsx-measure';
import type { Rules } from '../domain/rules';

const CLI_HINT = '或在服务器上用 npm run import 导入（没有大小限制，会显示进度条）';
const mb = (bytes: number) => `${Number.isInteger(bytes / 1048576) ? bytes / 1048576 : (bytes / 1048576).toFixed(1)} MB`;

function tooLarge(name: string, bytes: number | undefined, max: number): string {
  return `📎 「${name}」太大（${bytes === undefined ? `超过 ${mb(max)}` : mb(bytes)}），聊天中导入最多 ${mb(max)}；请拆分后分批发送，${CLI_HINT}。`;
}

/** Refusals counted before parsing: each says the cap and how to get under it. */
function refusal(name: string, m: Exclude<XlsxMeasure, { ok: true }>, limits: Rules['chatImport']): string {
  if (m.over === 'rows') return `📎 「${name}」超过 ${limits.maxRows} 行，聊天中一次最多导入 ${limits.maxRows} 行；请拆分成每份不超过 ${limits.maxRows} 行分批发送，${CLI_HINT}。`;
  if (m.over === 'unpacked') return `📎 「${name}」解压后超过 ${mb(limits.maxUnpackedBytes)}（表格里可能有大量空白格式或隐藏的内容），聊天中无法导入；请只保留要导入的工作表和行，另存后再发送，${CLI_HINT}。`;
  return `📎 「${name}」无法读取：${m.reason}。请在 Excel 里打开后另存为 .xlsx，再发送一次。`;
}

const ALL_OR_NOTHING = /全部或不导入|全部成功|all-or-nothing/i;

/**
 * An admin sends an xlsx (or csv) in a private chat: the kind is told from its headers, the file is
 * imported like `npm run import`, and the summary comes back with the first errors; the full error
 * report comes back as a file and is also saved on the server (the outbox cannot keep a file that
 * the platform refused, so the saved copy is the one that cannot be lost). The import runs in its
 * own units of work (chunks, or one for all-or-nothing), as `npm run import` does.
 */
export async function importUpload(root: DomainRoot, actor: Staff, msg: IncomingMessage, reportDir: string): Promise<Reply> {
  const env = root.env;
  const file = msg.file!;
  const kinds = Object.values(IMPORTERS).map((i) => i.title).join('、');
  if (msg.chat.kind !== 'private') return { text: '📎 导入表格请在和我的私聊里发送，群里发送的文件不会被导入。' };
  if (actor.role !== 'admin') return { text: '📎 只有管理员可以通过发送表格导入数据。如需导入，请把表格发给管理员。' };
  const ext = path.extname(file.name).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') return { text: `📎 「${file.name}」不是 .xlsx 或 .csv 表格。请另存为 xlsx 后再发送（可导入：${kinds}）。` };
  const limits = env.rules.chatImport;
  if ((file.size ?? 0) > limits.maxBytes) return { text: tooLarge(file.name, file.size!, limits.maxBytes) };
  let bytes: Buffer;
  try {
    bytes = await file.download({ maxBytes: limits.maxBytes });
  } catch (e) {
    if (e instanceof FileTooLargeError) return { text: tooLarge(file.name, e.announcedBytes, limits.maxBytes) };
    return { text: `📎 「${file.name}」没能从聊天里下载下来，请稍后再发送一次。` };
  }
  const size = await measureUpload(bytes, file.name, limits);
  if (!size.ok) return { text: refusal(file.name, size, limits) };
  let sheets;
  try {
    sheets = await readWorkbookBuffer(bytes, file.name);
  } catch (e) {
    if (e instanceof CsvEncodingError) return { text: `📎 「${file.name}」的${e.message}。` };
    return { text: `📎 「${file.name}」无法读取（${(e as Error).message}）。请确认文件没有损坏、没有加密，再发送一次。` };
  }
  const importer = detectImporter(sheets);
  const near = nearMiss(sheets, importer);
  if (near) return { text: `📎 「${file.name}」像是${near.importer.title}表，但缺少${near.missing.map((c) => `「${c.header}」`).join('')}列。表头应为：${near.expected}（* 为必填）；模板可用 npm run template -- ${near.importer.kind} 生成。` };
  if (!importer) return { text: `📎 看不出「${file.name}」是哪种表格：表头要和导入模板一致（可导入：${kinds}）。模板可用 npm run template -- <类型> 生成。` };
  const allOrNothing = ALL_OR_NOTHING.test(msg.text);
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  const result = await importer.run(root, sheets, { allOrNothing, actorId: actor.id });
  let report: string | undefined;
  let attachment: { name: string; content: Buffer } | undefined;
  if (result.errors.length > 0) {
    fs.mkdirSync(reportDir, { recursive: true });
    const stamp = env.time.dateTime(env.clock.now()).replace(/[: ]/g, '-');
    const name = `${path.basename(file.name, ext)}.错误报告.xlsx`;
    report = path.resolve(reportDir, `${stamp}-${name}`);
    const content = await errorReportBuffer(result.errors);
    fs.writeFileSync(report, content);
    attachment = { name, content };
  }
  const counts = Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join('，');
  await root.write((d) =>
    recordAudit(d.deps, { actorId: actor.id, action: 'import.upload', subjectType: 'import', subjectId: importer.kind, after: { file: file.name, rows, ...result.counts, errors: result.errors.length, applied: result.applied } }),
  );
  return {
    text: lines(
      `📥 ${importer.title}导入「${file.name}」：读取 ${rows} 行；${result.applied ? `已导入 ${counts}` : '有错误，按「全部或不导入」未导入任何数据'}${result.unchanged ? `；${result.unchanged} 行与现有数据相同` : ''}；错误 ${result.errors.length} 处。`,
      result.skipped && result.skipped.length > 0 && formatSkipped(result.skipped),
      result.errors.length > 0 && formatErrors(result.errors),
      report && `完整错误报告见随后发送的文件（服务器上也保存了一份：${report}）。`,
      !allOrNothing && result.errors.length > 0 && '改好后可以重新发送整个文件：已导入的行不会重复导入。',
    ),
    ...(attachment ? { file: attachment } : {}),
  };
}
