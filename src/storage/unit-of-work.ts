import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type * as schema from '../../db/schema';

export type Engine = 'sqlite' | 'postgres';

/** The tables, as the domain names them. Each engine brings its own (db/schema, db/schema-pg), column for column alike. */
export type Tables = typeof schema;

/**
 * The query builder the domain writes its queries with. Its types are drizzle's SQLite builder;
 * on PostgreSQL the same calls reach drizzle's pg builder with the pg tables (`Tx.t`), which
 * accept the same chain (select/insert/update/delete, where, joins, orderBy, limit, returning,
 * onConflictDoNothing/DoUpdate). Only awaiting is portable: the SQLite-only synchronous
 * `.get() / .all() / .run() / .values()` are banned outside src/storage (see the convention test).
 */
export type QueryDb = Omit<BaseSQLiteDatabase<'sync', unknown, Tables>, 'run' | 'get' | 'all' | 'values' | 'transaction' | '$client'>;

/** A query prepared once (SQLite: per connection, reused) and run with placeholders. */
export interface PreparedQuery<TRow> {
  /** Every row. */
  all(params?: Record<string, unknown>): Promise<TRow[]>;
  /** The first row, if any. */
  get(params?: Record<string, unknown>): Promise<TRow | undefined>;
  run(params?: Record<string, unknown>): Promise<void>;
}

/** What a `.prepare()` of drizzle's SQLite builder looks like to its types. */
interface SyncPreparable {
  all(params?: Record<string, unknown>): unknown;
}
type RowOf<Q extends SyncPreparable> = ReturnType<Q['all']> extends (infer R)[] ? R : never;

/**
 * One transaction: every read and write of a unit of work goes through it, so that what the
 * change causes (audit rows, outbox notices) commits or rolls back with it.
 */
export interface Tx {
  readonly engine: Engine;
  readonly db: QueryDb;
  readonly t: Tables;
  /**
   * A query built once under `key` (the key names the query; the same key must always build the
   * same query). SQLite keeps the prepared statement; PostgreSQL builds it per call.
   */
  prepared<Q extends SyncPreparable>(key: string, build: (db: QueryDb, t: Tables) => Q): PreparedQuery<RowOf<Q>>;
  /** Inserts one row and returns it as a select would (ids assigned by the database). */
  insertRow<T extends Table>(table: T, values: InferInsertModel<T>): Promise<InferSelectModel<T>>;
  /**
   * Until this transaction ends, waits for and excludes every other unit of work that locks one
   * of the same keys: a duplicate check and the insert it allows must not interleave with
   * another registration of the same company (撞单). SQLite: nothing to do, BEGIN IMMEDIATE
   * already serialises writers. PostgreSQL: transaction-scoped advisory locks.
   */
  lockKeys(keys: readonly string[]): Promise<void>;
  /** Runs fn in a savepoint: a throw undoes fn's writes only, and is rethrown. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * The storage seam. Every unit of work runs in one transaction; the domain never sees a driver.
 */
export interface Store {
  readonly engine: Engine;
  /** A write transaction (SQLite: BEGIN IMMEDIATE, so a check and the write it allows cannot interleave with another writer). */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A chat command or click: like write, but SQLite batches the commands that arrive together
   * into one commit (each in its own savepoint, answered once the batch is durable).
   */
  command<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A read-only unit of work (a consistent snapshot). */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs fn while no other process of this database runs fn under the same name (SQLite: one
   * process owns the file, nothing to wait for; PostgreSQL: a session advisory lock). For work at
   * start that several instances would otherwise repeat at once, e.g. rebuilding the dedup index.
   */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Whether the engine answers (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The first row of a result, if any. */
export function first<T>(rows: T[]): T | undefined {
  return rows[0];
}

/** The one row a write with RETURNING must have produced. */
export function only<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('expected a row back from the database, got none');
  return row;
}
