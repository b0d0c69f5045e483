import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { decodeCsv } from './csv-encoding';

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as the user sees it in Excel. */
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export interface Sheet {
  name: string;
  headers: string[];
  rows: SheetRow[];
}

/**
 * Reads xlsx or csv into rows keyed by header. Formulas give their computed result; a merged
 * cell gives its value to every cell it covers; rich text becomes plain text; empty rows go.
 * CSV cells stay text (a contract number 001 keeps its zeros; dates are read by the importer).
 *
 * xlsx goes through exceljs' full reader, not its faster streaming one: the streaming reader
 * decodes each inflated chunk on its own and turns a Chinese character split across two chunks
 * into "��" (exceljs issues #2063, #2084), and it skips merged cells.
 */
export async function readWorkbook(file: string): Promise<Sheet[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return readCsv(fs.readFileSync(file), path.basename(file, ext));
  if (ext !== '.xlsx') throw new Error(`不支持的文件类型 ${ext || '（无扩展名）'}：请使用 .xlsx 或 .csv`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map(toSheet);
}

/** A file that arrived as bytes (a chat upload); its name tells xlsx from csv. */
export async function readWorkbookBuffer(buf: Buffer, name = 'upload.xlsx'): Promise<Sheet[]> {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.csv') return readCsv(buf, path.basename(name, ext));
  if (ext !== '.xlsx' && ext !== '') throw new Error(`不支持的文件类型 ${ext}：请使用 .xlsx 或 .csv`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets.map(toSheet);
}

/** UTF-8 or GBK (what Excel on Chinese Windows saves), told apart by csv-encoding.ts. */
async function readCsv(buf: Buffer, name: string): Promise<Sheet[]> {
  const { text } = decodeCsv(buf);
  const wb = new ExcelJS.Workbook();
  // Keep every cell as typed: exceljs would otherwise turn 001 into 1 and dates into local-time Dates.
  const ws = await wb.csv.read(Readable.from([text]), { sheetName: name, map: (v: string) => (v === '' ? null : v) } as never);
  return [toSheet(ws)];
}

function toSheet(ws: ExcelJS.Worksheet): Sheet {
  const headerRow = ws.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(plain(cell.value) ?? '').trim();
  });
  const rows: SheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, CellValue> = {};
    let any = false;
    headers.forEach((h, i) => {
      if (!h) return;
      const v = plain(row.getCell(i + 1).value);
      const value = typeof v === 'string' ? v.trim() || null : v;
      if (value !== null) any = true;
      cells[h] = value;
    });
    if (any) rows.push({ rowNumber: r, cells });
  }
  return { name: ws.name, headers: headers.filter(Boolean), rows };
}

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('result' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    // A formula saved without its result (written by a program, never opened in Excel).
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return null;
  }
  return String(v);
}
