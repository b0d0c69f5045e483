import type { DomainRoot } from '../../../src/domain/domain';
import type { Sheet } from '../../../src/import/read-sheet';
import type { ImportResult } from '../../../src/import/importer';
import { importAuthorizations } from '../../../src/import/authorization-import';

export const AUTH_HEADERS = ['代理商名称', '合同编号', '授权产品线', '授权区域', '合作等级', '起始日期', '到期日期', '负责人', '关键联系人', '联系电话'] as const;

export type AuthRow = Partial<Record<(typeof AUTH_HEADERS)[number], string | number | Date | null>>;

/** An authorization sheet as read-sheet would give it (row numbers from 2). */
export function authSheet(rows: AuthRow[]): Sheet[] {
  return [{ name: '代理授权', headers: [...AUTH_HEADERS], rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells: cells as Record<string, string | number | Date | null> })) }];
}

export function authRow(contract: string, dealer: string, owner: string, startsOn: string, endsOn: string, extra: AuthRow = {}): AuthRow {
  return { 代理商名称: dealer, 合同编号: contract, 授权产品线: 'CRM、ERP', 授权区域: '浙江省', 合作等级: '金牌', 起始日期: startsOn, 到期日期: endsOn, 负责人: owner, 关键联系人: '张伟', 联系电话: '13812345678', ...extra };
}

/** Imports the rows as an admin would (the importer runs its own units of work: call it outside one). */
export async function importRows(root: DomainRoot, rows: AuthRow[], opts: { allOrNothing?: boolean; actorId?: string } = {}): Promise<ImportResult> {
  return await importAuthorizations(root, authSheet(rows), { allOrNothing: opts.allOrNothing ?? false, actorId: opts.actorId ?? 'admin' });
}
