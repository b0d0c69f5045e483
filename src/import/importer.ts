import type { DomainRoot } from '../domain/domain';
import type { Column } from './columns';
import type { Sheet } from './read-sheet';
import type { RowError, SkippedRow } from './row-errors';

export interface ImportOptions {
  allOrNothing: boolean;
  actorId: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  applied: boolean;
  /** Rows applied per kind (0 when nothing was applied). */
  counts: Record<string, number>;
  /** Rows that were valid but changed nothing (a re-import of the same file). */
  unchanged?: number;
  errors: RowError[];
  /** Rows left out on purpose (the template's example row). */
  skipped?: SkippedRow[];
}

/**
 * One kind of file the import understands: its template sheets and how it applies rows. `run`
 * opens its own units of work (see checkAndApply): call it outside any.
 */
export interface Importer {
  kind: string;
  title: string;
  templateSheets: { name: string; columns: Column[] }[];
  run(root: DomainRoot, sheets: Sheet[], opts: ImportOptions): Promise<ImportResult>;
}
