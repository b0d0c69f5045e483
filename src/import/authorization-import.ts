import type { DomainDeps } from '../domain/deps';
import { Directory } from '../domain/org/directory';
import { AuthorizationStore } from '../domain/authorization/store';
import { AuthorizationWriter, type AuthorizationInput, type UpsertPlan } from '../domain/authorization/writer';
import { normalizeContractNo } from '../domain/authorization/types';
import type { Importer, ImportOptions, ImportResult } from './importer';
import type { Sheet } from './read-sheet';
import { sortErrors, type RowError, type SkippedRow } from './row-errors';
import { AUTHORIZATION_COLUMNS, AUTHORIZATION_SHEET, authorizationRowSchema } from './authorization-columns';
import { applyRows, matchingSheets, parseRows, Progress, rowTotal } from './import-run';
import { ownerLookup } from './owner-lookup';

/** Rows per contract number, over every row that names one (valid or not). */
function duplicateContracts(sheets: Sheet[]): Map<string, { sheet: string; row: number }[]> {
  const seen = new Map<string, { sheet: string; row: number }[]>();
  for (const { sheet, map } of matchingSheets(sheets, AUTHORIZATION_COLUMNS, [])) {
    const header = [...map.entries()].find(([, c]) => c.field === 'contractNo')?.[0];
    for (const row of sheet.rows) {
      const v = header ? row.cells[header] : null;
      if (v === null || v === undefined) continue;
      const no = normalizeContractNo(String(v));
      seen.set(no, [...(seen.get(no) ?? []), { sheet: sheet.name, row: row.rowNumber }]);
    }
  }
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

/**
 * 代理授权 import: every row checked (dates, owner, phone, regions, duplicate 合同编号 — all rows
 * of a repeated number are refused, since nobody can tell which is right), then the valid rows
 * applied by 合同编号, or none with all-or-nothing.
 */
export function importAuthorizations(deps: DomainDeps, sheets: Sheet[], opts: ImportOptions): ImportResult {
  const errors: RowError[] = [];
  const skipped: SkippedRow[] = [];
  const order = sheets.map((s) => s.name);
  const progress = new Progress(rowTotal(sheets), opts.onProgress);
  const parsed = parseRows(sheets, AUTHORIZATION_COLUMNS, authorizationRowSchema, errors, progress, skipped);
  const dups = duplicateContracts(sheets);
  for (const [no, at] of dups) {
    for (const x of at) errors.push({ sheet: x.sheet, row: x.row, column: '合同编号', reason: `合同编号 ${no} 在第 ${at.map((a) => a.row).join('、')} 行重复出现，请只保留一行` });
  }
  const owner = ownerLookup(new Directory(deps), { allowPartner: false });
  const writer = new AuthorizationWriter(deps, new AuthorizationStore(deps));
  const accepted: { input: AuthorizationInput; plan: UpsertPlan }[] = [];
  for (const p of parsed) {
    if (dups.has(p.value.contractNo)) continue;
    const o = owner(p.value.owner);
    if (!o.ok) {
      errors.push({ sheet: p.sheet, row: p.row.rowNumber, column: '负责人', reason: o.reason });
      continue;
    }
    const { owner: _typed, ...rest } = p.value;
    const input: AuthorizationInput = { ...rest, ownerId: o.id };
    const plan = writer.plan(input);
    if (plan.kind === 'refuse') errors.push({ sheet: p.sheet, row: p.row.rowNumber, column: plan.column, reason: plan.reason });
    else accepted.push({ input, plan });
  }
  const counts = { 新增: 0, 更新: 0, 续期: 0 };
  const unchanged = accepted.filter((x) => x.plan.kind === 'unchanged').length;
  if (opts.allOrNothing && errors.length > 0) return { applied: false, counts, errors: sortErrors(errors, order), skipped };
  const todo = accepted.filter((x) => x.plan.kind !== 'unchanged');
  applyRows(deps.db, todo, opts, (x) => writer.apply(x.input, x.plan, opts.actorId), progress);
  for (const x of todo) counts[x.plan.kind === 'create' ? '新增' : x.plan.kind === 'update' ? '更新' : '续期']++;
  progress.finish();
  return { applied: true, counts, unchanged, errors: sortErrors(errors, order), skipped };
}

export const authorizationImporter: Importer = {
  kind: 'authorizations',
  title: '代理授权',
  templateSheets: [{ name: AUTHORIZATION_SHEET, columns: AUTHORIZATION_COLUMNS }],
  run: importAuthorizations,
};
