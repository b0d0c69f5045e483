import ExcelJS from 'exceljs';

export interface OutColumn {
  header: string;
  width?: number;
  /** Cells of this column are calendar dates (YYYY-MM-DD strings written as Excel dates). */
  date?: boolean;
}

export type OutCell = string | number | null | undefined;

/**
 * Writes sheets row by row with the streaming writer, so an export of a million customers never
 * holds the whole workbook in memory. Dates become real Excel dates a re-import reads back.
 */
export class XlsxOut {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(file: string) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  }

  sheet(name: string, columns: OutColumn[]): (cells: OutCell[]) => void {
    const ws = this.wb.addWorksheet(name);
    ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 4), ...(c.date ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
    ws.getRow(1).font = { bold: true };
    return (cells) => {
      const values = cells.map((v, i) => (columns[i]?.date && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v ?? null));
      ws.addRow(values).commit();
    };
  }

  async close(): Promise<void> {
    await this.wb.commit();
  }
}
