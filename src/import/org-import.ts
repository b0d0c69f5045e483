import type { DomainRoot } from '../domain/domain';
import { applyOrg, checkOrg } from '../domain/org/apply-org';
import { dealerRowSchema, groupRowSchema, staffRowSchema, type OrgData } from '../domain/org/org-data';
import { headerIndex, missingColumnsError, parseRow } from './columns';
import { withoutTemplateExample } from './import-run';
import { ORG_SHEETS, type OrgSheetKind } from './org-columns';
import type { Sheet } from './read-sheet';
import { sortErrors, type RowError, type SkippedRow } from './row-errors';

export interface OrgImportResult {
  applied: boolean;
  counts: { staff: number; groups: number; dealers: number };
  errors: RowError[];
  skipped: SkippedRow[];
}

const SCHEMAS = { staff: staffRowSchema, groups: groupRowSchema, dealers: dealerRowSchema } as const;

/** Which org sheet a sheet is: by its name, else (a single CSV) by the kind the caller names. */
function kindOf(sheet: Sheet, fallback?: OrgSheetKind): OrgSheetKind | undefined {
  for (const [kind, def] of Object.entries(ORG_SHEETS) as [OrgSheetKind, (typeof ORG_SHEETS)[OrgSheetKind]][]) {
    if ((def.names as readonly string[]).includes(sheet.name.trim())) return kind;
  }
  return fallback;
}

/**
 * Validates every row, then applies the valid ones, all in one unit of work (or nothing, with
 * allOrNothing, when any row fails). Importing the same file again changes nothing.
 */
export async function importOrg(root: DomainRoot, sheets: Sheet[], opts: { allOrNothing: boolean; defaultKind?: OrgSheetKind; actorId: string }): Promise<OrgImportResult> {
  const errors: RowError[] = [];
  const skipped: SkippedRow[] = [];
  const org: OrgData = { staff: [], groups: [], dealers: [] };
  const rowsOf: Record<OrgSheetKind, { sheet: string; row: number }[]> = { staff: [], groups: [], dealers: [] };
  for (const sheet of sheets) {
    const kind = kindOf(sheet, sheets.length === 1 ? opts.defaultKind ?? 'staff' : undefined);
    if (!kind) continue;
    const def = ORG_SHEETS[kind];
    const { map, missing } = headerIndex([...def.columns], sheet.headers);
    if (missing.length > 0) {
      errors.push(missingColumnsError(sheet.name, missing, [...def.columns]));
      continue;
    }
    for (const row of withoutTemplateExample(sheet, map, [...def.columns], skipped).rows) {
      const r = parseRow(sheet.name, row, map, [...def.columns], SCHEMAS[kind] as never);
      if (!r.ok) {
        errors.push(...r.errors);
        continue;
      }
      (org[kind] as unknown[]).push(r.value);
      rowsOf[kind].push({ sheet: sheet.name, row: row.rowNumber });
    }
  }
  return root.write(async (d) => {
    // Cross-row checks; dropping a bad row can break rows that point at it, so repeat until stable.
    for (let round = 0; round < 10; round++) {
      const problems = await checkOrg(d.deps, org);
      if (problems.length === 0) break;
      const drop: Record<OrgSheetKind, Set<number>> = { staff: new Set(), groups: new Set(), dealers: new Set() };
      for (const p of problems) {
        const at = rowsOf[p.sheet][p.row]!;
        const column = ORG_SHEETS[p.sheet].columns.find((c) => c.field === p.column)?.header ?? p.column;
        errors.push({ sheet: at.sheet, row: at.row, column, reason: p.reason });
        drop[p.sheet].add(p.row);
      }
      for (const kind of Object.keys(drop) as OrgSheetKind[]) {
        (org[kind] as unknown[]) = (org[kind] as unknown[]).filter((_, i) => !drop[kind].has(i));
        rowsOf[kind] = rowsOf[kind].filter((_, i) => !drop[kind].has(i));
      }
    }
    const counts = { staff: org.staff.length, groups: org.groups.length, dealers: org.dealers.length };
    sortErrors(errors, sheets.map((s) => s.name));
    if (opts.allOrNothing && errors.length > 0) return { applied: false, counts: { staff: 0, groups: 0, dealers: 0 }, errors, skipped };
    await applyOrg(d.deps, org, opts.actorId);
    return { applied: true, counts, errors, skipped };
  });
}
