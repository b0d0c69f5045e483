import ExcelJS from 'exceljs';

export interface RowError {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

/** A row left out on purpose (the template's example row), said so in the summary. */
export interface SkippedRow {
  sheet: string;
  row: number;
  reason: string;
}

/** Errors in the order of the file: sheet by sheet as in the workbook, then row; within a row, as found (column order). */
export function sortErrors(errors: RowError[], sheetOrder: string[] = []): RowError[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i === -1 ? sheetOrder.length : i;
  };
  return errors.sort((a, b) => rank(a.sheet) - rank(b.sheet) || a.row - b.row);
}

export function formatSkipped(skipped: SkippedRow[]): string {
  return skipped.map((s) => `  ${s.sheet} 第 ${s.row} 行${s.reason}`).join('\n');
}

/** The error report: one line per problem, in the order of the file (xlsx: 工作表, 行号, 列, 原因). */
export async function writeErrorReport(file: string, errors: RowError[]): Promise<void> {
  await errorReportWorkbook(errors).xlsx.writeFile(file);
}

/** The same report as bytes, to send back in the chat. */
export async function errorReportBuffer(errors: RowError[]): Promise<Buffer> {
  return Buffer.from(await errorReportWorkbook(errors).xlsx.writeBuffer());
}

function errorReportWorkbook(errors: RowError[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入错误');
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 14 },
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '原因', key: 'reason', width: 60 },
  ];
  // Already in the order of the file (sortErrors); a sheet-name sort would put 群 before 人员.
  for (const e of errors) ws.addRow(e);
  ws.getRow(1).font = { bold: true };
  return wb;
}

export function formatErrors(errors: RowError[], limit = 20): string {
  const lines = errors.slice(0, limit).map((e) => `  ${e.sheet} 第 ${e.row} 行「${e.column}」：${e.reason}`);
  if (errors.length > limit) lines.push(`  …另有 ${errors.length - limit} 处错误，见错误报告`);
  return lines.join('\n');
}
