import { dropLoneSurrogates } from '../bot/parse/well-formed';
import type { CellValue } from './read-sheet';

/** Cell converters for the authorization and customer sheets (dates are read by the row schema). */

/** A list in one cell: 浙江省、江苏省 / CRM,ERP / one per line; spaces stay inside names (Office 365). */
export const asItems = (v: CellValue): unknown =>
  v === null ? [] : dropLoneSurrogates(String(v)).split(/[,，、;；/\n]+/).map((s) => s.trim()).filter(Boolean);

/** Text as typed; a number keeps all its digits (a phone typed as a number). */
export const asString = (v: CellValue): unknown => {
  if (v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return dropLoneSurrogates(String(v)).trim();
};

/** Dates go to the schema as they are: a Date cell, an Excel serial, or text. */
export const asDate = (v: CellValue): unknown => (typeof v === 'string' ? v.trim() : v ?? undefined);
