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
      const column = col?.header ?? (field || '整行');
      // An empty cell the schema has no wording for: name the column, not zod's "Invalid input: expected string".
      const reason = i.code === 'invalid_type' && raw[field] === undefined && i.message.startsWith('Invalid input') ? `缺少「${column}」，请填写（示例：${col?.example || '见模板'}）` : i.message;
      return { sheet, row: row.rowNumber, column, reason };
    }),
  };
}

/** The template's headers, required ones marked *. */
export const expectedHeaders = (columns: Column[]): string => columns.map((c) => (c.required ? `${c.header}*` : c.header)).join('、');

/** The error for a sheet without some required columns: which ones, and the headers expected. */
export function missingColumnsError(sheet: string, missing: Column[], columns: Column[]): RowError {
  const expected = expectedHeaders(columns);
  return {
    sheet,
    row: 1,
    column: missing.map((m) => m.header).join('、'),
    reason: `缺少${missing.map((m) => `「${m.header}」`).join('')}列。表头应为：${expected}（* 为必填）；可用 npm run template 生成模板`,
  };
}

/** A cell as text for comparing with what a template wrote (Excel may turn 50 into a number). */
const asTyped = (v: CellValue): string => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/**
 * The example row of an untouched template (template.ts writes one under the headers): the sheet
 * has every column of the template, and each holds exactly its example. Anything typed over it
 * makes it a real row.
 */
export function isTemplateExample(row: SheetRow, index: Map<string, Column>, columns: Column[]): boolean {
  const present = new Set(index.values());
  if (!columns.every((c) => present.has(c))) return false;
  for (const [header, col] of index) if (asTyped(row.cells[header] ?? null) !== col.example) return false;
  return true;
}

export const asText = (v: CellValue): unknown => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? undefined : String(v).trim());
export const asList = (v: CellValue): unknown =>
  v === null ? [] : String(v).split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);
