// CSV files arrive in whatever Excel saved: "CSV UTF-8" (with a BOM), or plain "CSV" on Chinese
// Windows, which is GBK/GB18030. Anything else is refused with the encoding named.
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

const GB = new Set(['GB18030', 'GB2312', 'GBK', 'HZ-GB-2312']);
const SAVE_AS = '请在 Excel 里「另存为 → CSV UTF-8（逗号分隔）」后再导入';

export class CsvEncodingError extends Error {}

/** The text of a CSV file, decoded from UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030. */
export function decodeCsv(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: utf8(buf.subarray(3)) ?? invalidUtf8(), encoding: 'UTF-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf, 'utf-16le'), encoding: 'UTF-16LE' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf, 'utf-16be'), encoding: 'UTF-16BE' };
  const text = utf8(buf);
  if (text !== undefined) return { text, encoding: 'UTF-8' };
  const guess = jschardet.detect(buf);
  const name = guess.encoding ? guess.encoding.toUpperCase() : undefined;
  if (name && GB.has(name)) return { text: iconv.decode(buf, 'gb18030'), encoding: 'GB18030' };
  throw new CsvEncodingError(`文件编码${name ? `看起来是 ${guess.encoding}` : '无法识别'}，不是 UTF-8 或 GBK（GB18030）：${SAVE_AS}`);
}

function utf8(buf: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

function invalidUtf8(): never {
  throw new CsvEncodingError(`文件开头标着 UTF-8，但内容不是有效的 UTF-8：${SAVE_AS}`);
}
