import path from 'node:path';
import { measureXlsx, type MeasureLimits, type XlsxMeasure } from './xlsx-measure';

/**
 * Rows and unpacked size of an uploaded file, counted without parsing it (csv: its line breaks,
 * an upper bound when quoted cells hold line breaks; the header line is not a row).
 */
export async function measureUpload(buf: Buffer, name: string, limits: MeasureLimits): Promise<XlsxMeasure> {
  if (path.extname(name).toLowerCase() !== '.csv') return measureXlsx(buf, limits);
  let lines = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
  if (buf.length > 0 && buf[buf.length - 1] !== 10) lines++;
  const rows = Math.max(0, lines - 1);
  return rows > limits.maxRows ? { ok: false, over: 'rows', rows } : { ok: true, unpackedBytes: buf.length, rows };
}
