import type { DomainDeps } from '../domain/deps';
import type { Domain, DomainRoot } from '../domain/domain';
import { importHistoricCustomer, type HistoricCustomer } from '../domain/registration/import-history';
import { REGISTRATION_STATUS_ZH } from '../bot/render/format';
import type { Importer, ImportOptions, ImportResult } from './importer';
import type { Sheet } from './read-sheet';
import { sortErrors, type RowError, type SkippedRow } from './row-errors';
import { CUSTOMER_COLUMNS, CUSTOMER_SHEET, customerRowSchema, type CustomerRowInput } from './customer-columns';
import { FileDedup } from './file-dedup';
import { usccCheckChar } from '../domain/dedup/uscc';
import { checkAndApply, parseRows, Progress, rowTotal, type ParsedRow } from './import-run';
import { ownerLookup } from './owner-lookup';

/**
 * In chat a credit code whose check character fails is shown to the registrant to correct or
 * confirm (a few real codes fail it); an import cannot ask, so the row waits for a correction.
 */
function usccChecksumReason(code: string): string {
  return `统一社会信用代码「${code}」校验位不符（按前 17 位，最后一位应为 ${usccCheckChar(code.slice(0, 17))}）：请核对营业执照后改正再导入；个别真实代码也会校验失败，确认无误的请删去本行，在群里用 /报备 登记并确认`;
}

function historic(deps: DomainDeps, r: CustomerRowInput, ownerId: string | undefined): HistoricCustomer {
  const t = deps.time;
  const registeredAt = r.registeredOn ? t.parseLocal(r.registeredOn)! : deps.clock.now();
  const protectedUntil =
    r.status === 'pool' ? undefined : r.protectedUntil ? t.parseLocal(`${r.protectedUntil} 23:59`)! : t.addDays(registeredAt, deps.rules.registration.protectionDays);
  const h: HistoricCustomer = {
    company: r.company,
    contactName: r.contact,
    mobile: r.mobile.normalized,
    mobileAsTyped: r.mobile.typed,
    keyAccount: r.keyAccount === true || (r.budget ?? 0) >= deps.rules.registration.keyAccountBudgetWan,
    status: r.status,
    registeredAt,
  };
  if (r.uscc) Object.assign(h, { uscc: r.uscc.code, usccChecksumOk: r.uscc.checksumOk });
  if (r.landline) Object.assign(h, { landline: r.landline.normalized, landlineAsTyped: r.landline.typed });
  for (const k of ['province', 'city', 'source', 'product', 'note'] as const) if (r[k]) h[k] = r[k];
  if (r.budget !== undefined) h.budgetWan = r.budget;
  if (ownerId) h.ownerId = ownerId;
  if (protectedUntil) h.protectedUntil = protectedUntil;
  if (r.wonOn) h.wonAt = t.parseLocal(r.wonOn)!;
  return h;
}

/**
 * 客户 import (migrating history): each row checked like a /报备, then against the rows above it
 * and the database with the dedup engine. A customer already held by the same owner is left as it
 * is (a re-import changes nothing); one held by someone else, or in the pool, is reported, never
 * overwritten.
 */
export async function importCustomers(root: DomainRoot, sheets: Sheet[], opts: ImportOptions): Promise<ImportResult> {
  const errors: RowError[] = [];
  const skipped: SkippedRow[] = [];
  const order = sheets.map((s) => s.name);
  const progress = new Progress(rowTotal(sheets), opts.onProgress);
  const parsed = parseRows(sheets, CUSTOMER_COLUMNS, customerRowSchema, errors, progress, skipped);
  const owner = ownerLookup({ allowPartner: true });
  const inFile = new FileDedup();
  let accepted = 0;
  let unchanged = 0;
  const check = async (d: Domain, p: ParsedRow<CustomerRowInput>): Promise<HistoricCustomer | undefined> => {
    const r = p.value;
    const fail = (column: string, reason: string) => void errors.push({ sheet: p.sheet, row: p.row.rowNumber, column, reason });
    const o = r.owner ? await owner(d.dir, r.owner) : undefined;
    if (o && !o.ok) return fail('负责人', o.reason);
    if (r.uscc && !r.uscc.checksumOk) return fail('统一社会信用代码', usccChecksumReason(r.uscc.code));
    const ownerId = o?.ok ? o.id : undefined;
    const me = inFile.identity({ name: r.company, ...(r.uscc ? { uscc: r.uscc.code } : {}), mobile: r.mobile.normalized, ...(r.landline ? { landline: r.landline.normalized } : {}) });
    const twin = inFile.find(me);
    if (twin) return fail('公司全称', `与第 ${twin.row} 行是同一客户（${twin.reasons.join('；')}）`);
    // Only rows that stand are remembered: a later row is not blamed on one that was refused.
    const dup = (await d.finder.check({ name: r.company, uscc: r.uscc?.code ?? null, mobile: r.mobile.normalized, landline: r.landline?.normalized ?? null }, { forWrite: true })).matches.find((m) => m.tier === 'duplicate');
    if (!dup) {
      inFile.add(p.row.rowNumber, me);
      accepted++;
      return historic(d.deps, r, ownerId);
    }
    const active = await d.records.activeRegistrationOf(dup.customer.id);
    const holder = active ? (await d.dir.get(active.ownerId))?.name ?? active.ownerId : undefined;
    if (r.status === 'pool' ? !active : active?.ownerId === ownerId) {
      inFile.add(p.row.rowNumber, me);
      unchanged++;
    } else if (active) fail('公司全称', `系统中已有「${dup.customer.name}」，由 ${holder} 负责（${REGISTRATION_STATUS_ZH[active.status]}；${dup.reasons.join('；')}），不能重复导入`);
    else fail('公司全称', `系统中已有「${dup.customer.name}」（${dup.customer.status === 'pool' ? '在公海池' : '未被报备'}；${dup.reasons.join('；')}），请在群里认领或报备`);
    return undefined;
  };
  const applied = await checkAndApply(root, parsed, opts, errors, { check, apply: async (d, h) => void (await importHistoricCustomer(d.deps, d.finder, d.records, h, opts.actorId)) }, progress);
  if (!applied) return { applied: false, counts: { 新增客户: 0 }, errors: sortErrors(errors, order), skipped };
  progress.finish();
  return { applied: true, counts: { 新增客户: accepted }, unchanged, errors: sortErrors(errors, order), skipped };
}

export const customerImporter: Importer = {
  kind: 'customers',
  title: '客户',
  templateSheets: [{ name: CUSTOMER_SHEET, columns: CUSTOMER_COLUMNS }],
  run: importCustomers,
};
