import { getTableColumns, getTableName, is, Table, type Column } from 'drizzle-orm';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as sqliteSchema from '../../../db/schema';
import * as pgSchema from '../../../db/schema-pg';

/** One table on both engines, with its primary-key columns (by property name) in key order. */
export interface TablePair {
  name: string;
  lite: SQLiteTable;
  pg: PgTable;
  props: string[];
  key: string[];
  /** The identity column whose sequence must follow the copied ids. */
  identity?: string;
}

export function tablePairs(): TablePair[] {
  const pairs: TablePair[] = [];
  for (const [prop, lite] of Object.entries(sqliteSchema)) {
    if (!is(lite, Table)) continue;
    const pg = (pgSchema as Record<string, unknown>)[prop] as PgTable;
    const columns = getTableColumns(lite as SQLiteTable) as Record<string, Column>;
    const props = Object.keys(columns);
    const byName = new Map(props.map((p) => [columns[p]!.name, p]));
    const config = sqliteConfig(lite as SQLiteTable);
    const composite = config.primaryKeys[0];
    // A table without a primary key is ordered by its unique index (collaborators).
    const unique = config.indexes.find((i) => i.config.unique);
    const key = composite
      ? composite.columns.map((c) => byName.get(c.name)!)
      : props.some((p) => columns[p]!.primary)
        ? props.filter((p) => columns[p]!.primary)
        : unique
          ? unique.config.columns.map((c) => byName.get((c as Column).name)!)
          : props;
    const pgColumns = getTableColumns(pg) as Record<string, Column & { generatedIdentity?: unknown }>;
    const identity = props.find((p) => pgColumns[p]!.generatedIdentity !== undefined);
    pairs.push({ name: getTableName(lite as SQLiteTable), lite: lite as SQLiteTable, pg, props, key, ...(identity ? { identity } : {}) });
  }
  return pairs;
}
