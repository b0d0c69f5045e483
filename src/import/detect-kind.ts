import { expectedHeaders, headerIndex, type Column } from './columns';
import type { Importer } from './importer';
import { IMPORTERS } from './importers';
import type { Sheet } from './read-sheet';

/**
 * Which importer a workbook is for, from its headers: each sheet counts for the importers whose
 * template sheet it satisfies, weighted by how many required columns that takes (an authorization
 * sheet also satisfies the dealer sheet's one required column, but far less specifically).
 */
export function detectImporter(sheets: Sheet[]): Importer | undefined {
  let best: { imp: Importer; score: number } | undefined;
  for (const imp of Object.values(IMPORTERS)) {
    let score = 0;
    for (const s of sheets) {
      const fits = imp.templateSheets
        .filter((t) => headerIndex(t.columns, s.headers).missing.length === 0)
        .map((t) => t.columns.filter((c) => c.required).length);
      score += Math.max(0, ...fits);
    }
    const better = !best || score > best.score || (score === best.score && imp.templateSheets.length < best.imp.templateSheets.length);
    if (score > 0 && better) best = { imp, score };
  }
  return best?.imp;
}

/**
 * When no importer fits: the one whose template sheet a sheet comes closest to (most of its
 * required columns present, at least two), with the required columns that are missing.
 */
export function closestImporter(sheets: Sheet[]): { importer: Importer; missing: Column[]; expected: string } | undefined {
  let best: { importer: Importer; missing: Column[]; expected: string; present: number } | undefined;
  for (const importer of Object.values(IMPORTERS)) {
    for (const t of importer.templateSheets) {
      for (const s of sheets) {
        const { missing } = headerIndex(t.columns, s.headers);
        const present = t.columns.filter((c) => c.required).length - missing.length;
        if (present >= 2 && missing.length > 0 && (!best || present > best.present || (present === best.present && missing.length < best.missing.length))) {
          best = { importer, missing, present, expected: expectedHeaders(t.columns) };
        }
      }
    }
  }
  return best && { importer: best.importer, missing: best.missing, expected: best.expected };
}
