import { getTableColumns, getTableName, is, SQL, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

interface Plan {
  name: string;
  columns: [prop: string, column: SQLiteColumn][];
  /** The INTEGER PRIMARY KEY (rowid) column, assigned by the insert when not given. */
  idProp?: string;
}

const plans = new WeakMap<SQLiteTable, Plan>();
/** Per connection: the INSERT of each table, with or without its id (preparing costs more than running it). */
const inserts = new WeakMap<Db, Map<string, Statement>>();

function planOf(table: SQLiteTable): Plan {
  let plan = plans.get(table);
  if (!plan) {
    const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
    const id = columns.find(([, c]) => c.primary && c.columnType === 'SQLiteInteger');
    plan = { name: getTableName(table), columns, ...(id ? { idProp: id[0] } : {}) };
    plans.set(table, plan);
  }
  return plan;
}

/**
 * Inserts a row and returns it as a select would, without RETURNING. The row is built here, from
 * the values given and the columns' declared defaults, and inserted whole, so what is returned is
 * exactly what was written; the integer primary key comes from the insert. On the registration
 * path this replaces five `insert … returning` (SQLite materialises RETURNING rows in a scratch
 * table, and drizzle maps every column back).
 */
export function insertRow<T extends SQLiteTable>(db: Db, table: T, values: InferInsertModel<T>): InferSelectModel<T> {
  const plan = planOf(table);
  const given = values as Record<string, unknown>;
  const assignId = plan.idProp !== undefined && given[plan.idProp] === undefined;
  const row: Record<string, unknown> = {};
  const params: unknown[] = [];
  for (const [prop, col] of plan.columns) {
    if (assignId && prop === plan.idProp) continue;
    let v = given[prop];
    if (v === undefined) {
      v = col.defaultFn ? col.defaultFn() : col.hasDefault ? col.default : null;
      if (is(v, SQL)) throw new Error(`insertRow: ${plan.name}.${prop} has an SQL default; insert it with drizzle's returning() instead`);
    }
    row[prop] = v;
    // drizzle's own encoders; its placeholders cannot take a null for a timestamp column.
    params.push(v === null ? null : col.mapToDriverValue(v));
  }
  const result = insertStatement(db, plan, assignId).run(...params);
  if (assignId) row[plan.idProp!] = Number(result.lastInsertRowid);
  return row as InferSelectModel<T>;
}

function insertStatement(db: Db, plan: Plan, assignId: boolean): Statement {
  let byKey = inserts.get(db);
  if (!byKey) {
    byKey = new Map();
    inserts.set(db, byKey);
  }
  const key = `${plan.name}:${assignId ? 'new' : 'given'}`;
  let stmt = byKey.get(key);
  if (!stmt) {
    const cols = plan.columns.filter(([prop]) => !(assignId && prop === plan.idProp));
    stmt = db.$client.prepare(`INSERT INTO "${plan.name}" (${cols.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    byKey.set(key, stmt);
  }
  return stmt;
}
