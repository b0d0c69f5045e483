import ExcelJS from 'exceljs';
import type { Column } from './columns';

/** A template: each sheet with its headers (required ones marked *) and one example row. */
export async function writeTemplate(file: string, sheets: { name: string; columns: Column[] }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.columns.map((c) => (c.required ? `${c.header}*` : c.header)));
    ws.addRow(s.columns.map((c) => c.example));
    ws.getRow(1).font = { bold: true };
    s.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = Math.max(10, c.header.length * 2 + 4, c.example.length + 4);
    });
  }
  await wb.xlsx.writeFile(file);
}
