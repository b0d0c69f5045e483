import ExcelJS from 'exceljs';

export interface RowError {
  sheet: string;
  row: number;
  column: string;
  reason: string;
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
  for (const e of [...errors].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row)) ws.addRow(e);
  ws.getRow(1).font = { bold: true };
  return wb;
}

export function formatErrors(errors: RowError[], limit = 20): string {
  const lines = errors.slice(0, limit).map((e) => `  ${e.sheet} 第 ${e.row} 行「${e.column}」：${e.reason}`);
  if (errors.length > limit) lines.push(`  …另有 ${errors.length - limit} 处错误，见错误报告`);
  return lines.join('\n');
}
