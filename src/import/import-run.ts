import type { Domain, DomainRoot } from '../domain/domain';
import { headerIndex, isTemplateExample, missingColumnsError, parseRow, type Column } from './columns';
import type { ImportOptions } from './importer';
import type { Sheet, SheetRow } from './read-sheet';
import type { RowError, SkippedRow } from './row-errors';
import type { z } from 'zod';

/** A row that passed its own checks, with where it came from. */
export interface ParsedRow<T> {
  sheet: string;
  row: SheetRow;
  value: T;
}

/**
 * The sheets that carry these columns (a workbook may hold others, e.g. an export's history sheet),
 * without the template's example row (recorded in skipped when given).
 */
export function matchingSheets(sheets: Sheet[], columns: Column[], errors: RowError[], skipped?: SkippedRow[]): { sheet: Sheet; map: Map<string, Column> }[] {
  const out: { sheet: Sheet; map: Map<string, Column> }[] = [];
  let firstMissing: { sheet: Sheet; missing: Column[] } | undefined;
  for (const sheet of sheets) {
    const { map, missing } = headerIndex(columns, sheet.headers);
    if (missing.length === 0) out.push({ sheet: withoutTemplateExample(sheet, map, columns, skipped), map });
    else firstMissing ??= { sheet, missing };
  }
  if (out.length === 0 && firstMissing) errors.push(missingColumnsError(firstMissing.sheet.name, firstMissing.missing, columns));
  return out;
}

/** The sheet without the example row an untouched template carries under its headers. */
export function withoutTemplateExample(sheet: Sheet, map: Map<string, Column>, columns: Column[], skipped?: SkippedRow[]): Sheet {
  const first = sheet.rows[0];
  if (!first || first.rowNumber !== 2 || !isTemplateExample(first, map, columns)) return sheet;
  skipped?.push({ sheet: sheet.name, row: first.rowNumber, reason: '是模板里的示例行，没有导入' });
  return { ...sheet, rows: sheet.rows.slice(1) };
}

/** Validates every row of the matching sheets with the row schema, reporting progress. */
export function parseRows<T>(
  sheets: Sheet[],
  columns: Column[],
  schema: z.ZodType<T>,
  errors: RowError[],
  progress: Progress,
  skipped?: SkippedRow[],
): ParsedRow<T>[] {
  const ok: ParsedRow<T>[] = [];
  for (const { sheet, map } of matchingSheets(sheets, columns, errors, skipped)) {
    for (const row of sheet.rows) {
      const r = parseRow(sheet.name, row, map, columns, schema);
      if (r.ok) ok.push({ sheet: sheet.name, row, value: r.value });
      else errors.push(...r.errors);
      progress.tick();
    }
  }
  return ok;
}

/** Progress over two passes (check, then apply), so the bar moves once from 0 to the row count. */
export class Progress {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly report?: (done: number, total: number) => void,
  ) {}

  tick(): void {
    this.done++;
    if (this.report && (this.done % 500 === 0 || this.done === this.total * 2)) this.report(Math.floor(this.done / 2), this.total);
  }

  finish(): void {
    this.report?.(this.total, this.total);
  }
}

export function rowTotal(sheets: Sheet[]): number {
  return sheets.reduce((n, s) => n + s.rows.length, 0);
}

/** How an importer checks one parsed row against the database and writes it. */
export interface RowStep<P, A> {
  /** Reports the row's problems (in the caller's error list) and returns what to write, if anything. */
  check(d: Domain, row: P): Promise<A | undefined>;
  apply(d: Domain, accepted: A): Promise<void>;
}

/**
 * Checks and applies the parsed rows. With all-or-nothing the whole file is one unit of work, and
 * nothing is written when any row of it failed (`errors`, parse errors included). Otherwise each
 * chunk of rows is one unit of work, its rows checked and then the valid ones written, so a large
 * file does not hold the database for long and no command can come between a row's check and its
 * write (a re-run after a crash repeats nothing). Returns whether the rows were applied.
 */
export async function checkAndApply<P, A>(root: DomainRoot, rows: P[], opts: ImportOptions, errors: RowError[], step: RowStep<P, A>, progress: Progress, chunk = 2000): Promise<boolean> {
  const run = async (d: Domain, part: P[], allOrNothing: boolean): Promise<boolean> => {
    const accepted: A[] = [];
    for (const r of part) {
      const a = await step.check(d, r);
      if (a !== undefined) accepted.push(a);
    }
    if (allOrNothing && errors.length > 0) return false;
    for (const a of accepted) {
      await step.apply(d, a);
      progress.tick();
    }
    return true;
  };
  if (opts.allOrNothing) return root.write((d) => run(d, rows, true));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await root.write((d) => run(d, part, false));
  }
  return true;
}
