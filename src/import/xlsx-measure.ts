// How big an xlsx really is, before exceljs parses it: exceljs holds the whole workbook in memory
// (~0.5 GB for 100,000 rows), and an xlsx is a zip, so a small file may unpack to gigabytes.
// The zip's central directory locates the entries; each is inflated as a stream (nothing kept) to
// count the real bytes, which a crafted file could under-declare, and the rows, stopping at a cap
// (so no more than maxUnpackedBytes is ever inflated: ~0.5 s for 40 MB here).
import zlib from 'node:zlib';

export interface MeasureLimits {
  maxUnpackedBytes: number;
  maxRows: number;
}

export type XlsxMeasure =
  | { ok: true; unpackedBytes: number; rows: number }
  | { ok: false; over: 'unpacked'; unpackedBytes: number }
  | { ok: false; over: 'rows'; rows: number }
  | { ok: false; over: 'not_xlsx'; reason: string };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
// A row element, with or without a namespace prefix; <rowBreaks> and <rows…> are not rows.
const ROW_TAG = /<(?:[A-Za-z_][\w.-]{0,15}:)?row[\s>/]/g;
const ROW_TAG_MAX = 24;

/** Stops as soon as a cap is passed: the figure returned is then "more than the cap". */
export async function measureXlsx(buf: Buffer, limits: MeasureLimits): Promise<XlsxMeasure> {
  const entries = centralDirectory(buf);
  if (typeof entries === 'string') return { ok: false, over: 'not_xlsx', reason: entries };
  let unpacked = 0;
  let rows = 0;
  for (const e of entries) {
    const data = entryData(buf, e);
    if (typeof data === 'string') return { ok: false, over: 'not_xlsx', reason: data };
    const sheet = SHEET.test(e.name);
    let carry = '';
    let over: 'unpacked' | 'rows' | undefined;
    // Rows are counted before the size is judged: a big but honest table is told its row count.
    const inflated = inflate(data, e.method, (chunk) => {
      unpacked += chunk.length;
      if (sheet) {
        const text = carry + chunk.toString('latin1');
        for (const m of text.matchAll(ROW_TAG)) if (m.index + m[0].length > carry.length) rows++;
        carry = text.slice(-ROW_TAG_MAX);
        if (rows > limits.maxRows) {
          over = 'rows';
          return false;
        }
      }
      if (unpacked > limits.maxUnpackedBytes) {
        over = 'unpacked';
        return false;
      }
      return true;
    });
    if (!(await inflated.then(() => true, () => false))) return { ok: false, over: 'not_xlsx', reason: '不是有效的 xlsx 文件（压缩数据已损坏）' };
    if (over === 'unpacked') return { ok: false, over, unpackedBytes: unpacked };
    if (over === 'rows') return { ok: false, over, rows };
  }
  return { ok: true, unpackedBytes: unpacked, rows };
}

function centralDirectory(buf: Buffer): Entry[] | string {
  const notZip = '不是有效的 xlsx 文件（可能已损坏，或是旧版 .xls）';
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notZip;
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset === ZIP64_MARK || count === 0xffff) return '是 ZIP64 格式的压缩包，不是 Excel 保存的 xlsx';
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return notZip;
    const nameLen = buf.readUInt16LE(p + 28);
    const entry: Entry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    entries.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function entryData(buf: Buffer, e: Entry): Buffer | string {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) return '不是有效的 xlsx 文件（压缩包已损坏）';
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) return '不是有效的 xlsx 文件（压缩包不完整）';
  if (e.method !== 0 && e.method !== 8) return `不是 Excel 保存的 xlsx（压缩方式 ${e.method}）`;
  return buf.subarray(start, start + e.compressedSize);
}

/** Feeds the unpacked bytes to onChunk; stops inflating when it returns false. */
function inflate(data: Buffer, method: number, onChunk: (chunk: Buffer) => boolean): Promise<void> {
  if (method === 0) {
    onChunk(data);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const stream = zlib.createInflateRaw();
    stream.on('data', (chunk: Buffer) => {
      if (!onChunk(chunk)) {
        stream.destroy();
        resolve();
      }
    });
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.end(data);
  });
}
