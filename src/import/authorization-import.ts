import type { Domain, DomainRoot } from '../domain/domain';
import { AuthorizationStore } from '../domain/authorization/store';
import { AuthorizationWriter, type AuthorizationInput, type UpsertPlan } from '../domain/authorization/writer';
import { normalizeContractNo } from '../domain/authorization/types';
import type { Importer, ImportOptions, ImportResult } from './importer';
import type { Sheet } from './read-sheet';
import { sortErrors, type RowError, type SkippedRow } from './row-errors';
import { AUTHORIZATION_COLUMNS, AUTHORIZATION_SHEET, authorizationRowSchema, type AuthorizationRowInput } from './authorization-columns';
import { checkAndApply, matchingSheets, parseRows, Progress, rowTotal, type ParsedRow } from './import-run';
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
export async function importAuthorizations(root: DomainRoot, sheets: Sheet[], opts: ImportOptions): Promise<ImportResult> {
  const errors: RowError[] = [];
  const skipped: SkippedRow[] = [];
  const order = sheets.map((s) => s.name);
  const progress = new Progress(rowTotal(sheets), opts.onProgress);
  const parsed = parseRows(sheets, AUTHORIZATION_COLUMNS, authorizationRowSchema, errors, progress, skipped);
  const dups = duplicateContracts(sheets);
  for (const [no, at] of dups) {
    for (const x of at) errors.push({ sheet: x.sheet, row: x.row, column: '合同编号', reason: `合同编号 ${no} 在第 ${at.map((a) => a.row).join('、')} 行重复出现，请只保留一行` });
  }
  const owner = ownerLookup({ allowPartner: false });
  const writers = new WeakMap<Domain, AuthorizationWriter>();
  const writerOf = (d: Domain) => {
    let w = writers.get(d);
    if (!w) writers.set(d, (w = new AuthorizationWriter(d.deps, new AuthorizationStore(d.deps))));
    return w;
  };
  const counts = { 新增: 0, 更新: 0, 续期: 0 };
  let unchanged = 0;
  const check = async (d: Domain, p: ParsedRow<AuthorizationRowInput>): Promise<{ input: AuthorizationInput; plan: UpsertPlan } | undefined> => {
    if (dups.has(p.value.contractNo)) return undefined;
    const o = await owner(d.dir, p.value.owner);
    if (!o.ok) {
      errors.push({ sheet: p.sheet, row: p.row.rowNumber, column: '负责人', reason: o.reason });
      return undefined;
    }
    const { owner: _typed, ...rest } = p.value;
    const input: AuthorizationInput = { ...rest, ownerId: o.id };
    const plan = await writerOf(d).plan(input);
    if (plan.kind === 'refuse') {
      errors.push({ sheet: p.sheet, row: p.row.rowNumber, column: plan.column, reason: plan.reason });
      return undefined;
    }
    if (plan.kind === 'unchanged') {
      unchanged++;
      return undefined;
    }
    return { input, plan };
  };
  const apply = async (d: Domain, x: { input: AuthorizationInput; plan: UpsertPlan }) => {
    await writerOf(d).apply(x.input, x.plan, opts.actorId);
    counts[x.plan.kind === 'create' ? '新增' : x.plan.kind === 'update' ? '更新' : '续期']++;
  };
  if (!(await checkAndApply(root, parsed, opts, errors, { check, apply }, progress))) {
    return { applied: false, counts: { 新增: 0, 更新: 0, 续期: 0 }, errors: sortErrors(errors, order), skipped };
  }
  progress.finish();
  return { applied: true, counts, unchanged, errors: sortErrors(errors, order), skipped };
}

export const authorizationImporter: Importer = {
  kind: 'authorizations',
  title: '代理授权',
  templateSheets: [{ name: AUTHORIZATION_SHEET, columns: AUTHORIZATION_COLUMNS }],
  run: importAuthorizations,
};
