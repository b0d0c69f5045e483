import { expectedHeaders, headerIndex, type Column } from './columns';
import type { Importer } from './importer';
import { IMPORTERS } from './importers';
import type { Sheet } from './read-sheet';

/** How many required columns of the importer's template sheets the workbook's sheets satisfy in full. */
function fitScore(imp: Importer, sheets: Sheet[]): number {
  let score = 0;
  for (const s of sheets) {
    const fits = imp.templateSheets
      .filter((t) => headerIndex(t.columns, s.headers).missing.length === 0)
      .map((t) => t.columns.filter((c) => c.required).length);
    score += Math.max(0, ...fits);
  }
  return score;
}

/**
 * Which importer a workbook is for, from its headers: each sheet counts for the importers whose
 * template sheet it satisfies, weighted by how many required columns that takes (an authorization
 * sheet also satisfies the dealer sheet's one required column, but far less specifically).
 */
export function detectImporter(sheets: Sheet[]): Importer | undefined {
  let best: { imp: Importer; score: number } | undefined;
  for (const imp of Object.values(IMPORTERS)) {
    const score = fitScore(imp, sheets);
    const better = !best || score > best.score || (score === best.score && imp.templateSheets.length < best.imp.templateSheets.length);
    if (score > 0 && better) best = { imp, score };
  }
  return best?.imp;
}

export interface NearMiss {
  importer: Importer;
  missing: Column[];
  /** The template's headers, required ones marked *. */
  expected: string;
}

const MAX_MISSING = 2;

/**
 * A sheet one or two required columns short of a template, when that says more about the file
 * than the importer it does fit (a 代理授权 sheet without 授权产品线 still fits the 代理商 sheet's
 * one required column): the user is told which columns are missing instead.
 */
export function nearMiss(sheets: Sheet[], detected: Importer | undefined): NearMiss | undefined {
  const fit = detected ? fitScore(detected, sheets) : 0;
  let best: (NearMiss & { present: number }) | undefined;
  for (const importer of Object.values(IMPORTERS)) {
    for (const t of importer.templateSheets) {
      const required = t.columns.filter((c) => c.required).length;
      for (const s of sheets) {
        const { missing } = headerIndex(t.columns, s.headers);
        const present = required - missing.length;
        if (missing.length === 0 || missing.length > MAX_MISSING || present < 2 || present <= fit) continue;
        if (!best || present > best.present) best = { importer, missing, present, expected: expectedHeaders(t.columns) };
      }
    }
  }
  return best && { importer: best.importer, missing: best.missing, expected: best.expected };
}
