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

  /** Prepared once per depth: parsing `SAVEPOINT spN` on every command cost more than running it. */
  private readonly savepoints: { begin: Database.Statement; release: Database.Statement; rollback: Database.Statement }[] = [];

  /** A statement without results, prepared once (BEGIN IMMEDIATE, COMMIT, ROLLBACK). */
  run(sqlText: string): void {
    this.client.prepare(sqlText).run();
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const depth = this.depth++;
    const sp = (this.savepoints[depth] ??= {
      begin: this.client.prepare(`SAVEPOINT sp${depth + 1}`),
      release: this.client.prepare(`RELEASE sp${depth + 1}`),
      rollback: this.client.prepare(`ROLLBACK TO sp${depth + 1}`),
    });
    sp.begin.run();
    try {
      const value = await fn();
      sp.release.run();
      return value;
    } catch (e) {
      if (this.client.inTransaction) {
        sp.rollback.run();
        sp.release.run();
      }
      throw e;
    } finally {
      this.depth--;
    }
  }
}
