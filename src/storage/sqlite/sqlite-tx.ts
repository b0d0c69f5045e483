import type Database from 'better-sqlite3';
import type { InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../../db/schema';
import type { Db } from '../../../db/open';
import { insertRow } from '../../../db/insert-row';
import type { PreparedQuery, QueryDb, Tables, Tx } from '../unit-of-work';

interface SyncPrepared {
  all(params?: Record<string, unknown>): unknown;
  get(params?: Record<string, unknown>): unknown;
  run(params?: Record<string, unknown>): unknown;
}

/**
 * The SQLite side of a unit of work. There is one connection, so one Tx serves every unit of work
 * in turn (the store's mutex decides whose turn it is); prepared statements live as long as it.
 */
export class SqliteTx implements Tx {
  readonly engine = 'sqlite' as const;
  readonly db: QueryDb;
  readonly t: Tables = schema;
  private readonly preparedQueries = new Map<string, PreparedQuery<unknown>>();
  private depth = 0;

  constructor(readonly drizzleDb: Db) {
    this.db = drizzleDb as unknown as QueryDb;
  }

  get client(): Database.Database {
    return this.drizzleDb.$client;
  }

  prepared<Q>(key: string, build: (db: QueryDb, t: Tables) => Q): PreparedQuery<never> {
    let q = this.preparedQueries.get(key);
    if (!q) {
      const stmt = build(this.db, this.t) as unknown as SyncPrepared;
      q = {
        all: (p) => Promise.resolve(stmt.all(p) as unknown[]),
        get: (p) => Promise.resolve(stmt.get(p)),
        run: (p) => {
          stmt.run(p);
          return Promise.resolve();
        },
      };
      this.preparedQueries.set(key, q);
    }
    return q as PreparedQuery<never>;
  }

  insertRow<T extends Table>(table: T, values: InferInsertModel<T>): Promise<InferSelectModel<T>> {
    return Promise.resolve(insertRow(this.drizzleDb, table as unknown as SQLiteTable, values as never) as InferSelectModel<T>);
  }

  lockKeys(): Promise<void> {
    return Promise.resolve();
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.depth}`;
    this.client.exec(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      this.client.exec(`RELEASE ${name}`);
      return value;
    } catch (e) {
      if (this.client.inTransaction) {
        this.client.exec(`ROLLBACK TO ${name}`);
        this.client.exec(`RELEASE ${name}`);
      }
      throw e;
    } finally {
      this.depth--;
    }
  }
}
