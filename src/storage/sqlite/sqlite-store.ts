import { openDb, type OpenOptions, type Db } from '../../../db/open';
import type { Store, Tx } from '../unit-of-work';
import { GroupCommit } from './group-commit';
import { Mutex } from './mutex';
import { SqliteTx } from './sqlite-tx';

/**
 * The embedded default: one better-sqlite3 connection to a file under data/ (WAL). Units of work
 * take turns on it (Mutex); commands share commits (GroupCommit). Statements are prepared once
 * per connection (SqliteTx.prepared, and db/open's statement cache).
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  readonly tx: SqliteTx;
  private readonly mutex = new Mutex();
  private readonly commit: GroupCommit;

  constructor(readonly db: Db, opts: { budgetMs?: number; maxBatch?: number; busyRetryMs?: number } = {}) {
    this.tx = new SqliteTx(db);
    this.commit = new GroupCommit((fn) => this.write(() => fn()), (fn) => this.tx.savepoint(fn), opts);
  }

  static open(opts: OpenOptions): SqliteStore {
    return new SqliteStore(openDb(opts));
  }

  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.mutex.lock(() => this.inTransaction('BEGIN IMMEDIATE', fn));
  }

  command<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.commit.run(() => fn(this.tx));
  }

  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.mutex.lock(() => this.inTransaction('BEGIN', fn));
  }

  exclusively<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  ping(): Promise<boolean> {
    try {
      this.db.$client.prepare('SELECT 1').get();
      return Promise.resolve(true);
    } catch {
      return Promise.resolve(false);
    }
  }

  close(): Promise<void> {
    return this.mutex.lock(async () => {
      if (this.db.$client.open) this.db.$client.close();
    });
  }

  private async inTransaction<T>(begin: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = this.db.$client;
    this.tx.run(begin);
    try {
      const value = await fn(this.tx);
      this.tx.run('COMMIT');
      return value;
    } catch (e) {
      if (client.inTransaction) this.tx.run('ROLLBACK');
      throw e;
    }
  }
}
