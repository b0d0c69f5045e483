import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface OpenOptions {
  /** File path, or ":memory:". */
  file: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /**
   * How long a statement waits for another connection's write lock (SQLITE_BUSY after that).
   * Batch jobs (import, backup) wait long (default 10 s); the bot passes a short one, since the
   * wait blocks its whole process, and retries or answers 系统繁忙 itself (see db/busy.ts).
   */
  busyTimeoutMs?: number;
  /**
   * A background thread checkpoints the WAL (see checkpointer.ts); the connection itself then
   * only checkpoints as a fallback, when the WAL has grown past ~400 MB (see below).
   */
  backgroundCheckpoint?: boolean;
}

/** Opens the database the way every process must: WAL, foreign keys, a busy timeout, migrations applied. */
export function openDb(opts: OpenOptions): Db {
  if (opts.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
  const sqlite = new Database(opts.file);
  cachePreparedStatements(sqlite);
  sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // Hot index pages stay in memory (64 MB); the WAL is folded back in bigger, rarer batches.
  sqlite.pragma('cache_size = -65536');
  // Under a steady stream of writes the background checkpoints never see the WAL fully folded
  // in between two transactions, so only this connection can start it over; each time it does,
  // it pays for the fsync. Past 100,000 pages it does so every ~15,000 registrations; at 20,000
  // it did every few hundred, which cost ~15 % of the throughput at a million customers.
  sqlite.pragma(`wal_autocheckpoint = ${opts.backgroundCheckpoint ? 100_000 : 4000}`);
  sqlite.pragma('foreign_keys = ON');
  // Each command runs in a savepoint (see src/storage/sqlite/sqlite-tx.ts), whose journal holds a copy of every page the
  // command changes: in memory, not in a temporary file once it passes 64 KB (a registration
  // changes ~25 pages). Bulk work with big temporary tables switches to files (rebuildDedupIndex).
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema }) as Db;
  if (opts.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/**
 * Drizzle prepares a statement for every query it runs; preparing costs more than running a
 * simple indexed query. Cache statements by their SQL (the same builder always yields the same
 * text), resetting the row modes drizzle may have set on them.
 */
function cachePreparedStatements(sqlite: Database.Database, max = 2000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
      return stmt;
    }
    stmt = prepare(source);
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}
