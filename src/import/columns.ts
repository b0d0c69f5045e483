import type { z } from 'zod';
import type { CellValue, SheetRow } from './read-sheet';
import type { RowError } from './row-errors';

/** One column of an import: the header users see (and its accepted aliases) and the field it fills. */
export interface Column {
  field: string;
  header: string;
  aliases?: string[];
  required?: boolean;
  example: string;
  /** Converts a cell before validation (e.g. split a list, map 销售 → sales). */
  convert?: (v: CellValue) => unknown;
}

export function headerIndex(columns: Column[], headers: string[]): { map: Map<string, Column>; missing: Column[] } {
  const map = new Map<string, Column>();
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/[*＊]/g, '').toLowerCase();
  for (const h of headers) {
    const c = columns.find((col) => [col.header, col.field, ...(col.aliases ?? [])].some((a) => norm(a) === norm(h)));
    if (c) map.set(h, c);
  }
  const present = new Set(map.values());
  return { map, missing: columns.filter((c) => c.required && !present.has(c)) };
}

/** Validates one row; errors name the column the user sees. */
export function parseRow<T>(
  sheet: string,
  row: SheetRow,
  index: Map<string, Column>,
  columns: Column[],
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; errors: RowError[] } {
  const raw: Record<string, unknown> = {};
  for (const [header, col] of index) {
    const v = row.cells[header] ?? null;
    if (v === null) continue;
    raw[col.field] = col.convert ? col.convert(v) : v;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      const col = columns.find((c) => c.field === field);
      return { sheet, row: row.rowNumber, column: col?.header ?? (field || '整行'), reason: i.message };
    }),
  };
}

export const asText = (v: CellValue): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? undefined : String(v).trim());
export const asList = (v: CellValue): unknown =>
  v === null ? [] : String(v).split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);
