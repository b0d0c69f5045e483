import type { Importer } from './importer';
import { importOrg } from './org-import';
import { ORG_SHEETS, type OrgSheetKind } from './org-columns';

function orgImporter(kind: OrgSheetKind | 'org'): Importer {
  const kinds: OrgSheetKind[] = kind === 'org' ? ['staff', 'groups', 'dealers'] : [kind];
  return {
    kind,
    title: { org: '组织架构', staff: '人员', groups: '群', dealers: '代理商' }[kind],
    templateSheets: kinds.map((k) => ({ name: ORG_SHEETS[k].names[0], columns: [...ORG_SHEETS[k].columns] })),
    run: async (root, sheets, opts) => {
      const r = await importOrg(root, sheets, { ...opts, ...(kind === 'org' ? {} : { defaultKind: kind }) });
      return { applied: r.applied, counts: r.counts, errors: r.errors, skipped: r.skipped };
    },
  };
}

export const IMPORTERS: Record<string, Importer> = {
  org: orgImporter('org'),
  staff: orgImporter('staff'),
  groups: orgImporter('groups'),
  dealers: orgImporter('dealers'),
};

export function registerImporter(i: Importer): void {
  IMPORTERS[i.kind] = i;
}
