import type { Store } from '../../src/storage/unit-of-work';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { PgStore } from '../../src/storage/pg/pg-store';
import { createTestDatabase } from './pg';

export type TestEngine = 'sqlite' | 'postgres';

/** The storage suites run on both: the embedded default and a real PostgreSQL server. */
export const ENGINES: readonly TestEngine[] = ['sqlite', 'postgres'];

export interface TestStore<S extends Store = Store> {
  store: S;
  /** Closes the store and, on PostgreSQL, drops its database. */
  close(): Promise<void>;
  /** Where another process finds the same data (a file, or a postgres:// URL). */
  location: string;
}

/** A fresh, migrated store: SQLite in memory (or in `file`), PostgreSQL in a new database on the test server. */
export async function openTestStore(engine: TestEngine, opts: { file?: string; busyTimeoutMs?: number } = {}): Promise<TestStore> {
  if (engine === 'sqlite') {
    const file = opts.file ?? ':memory:';
    const store = SqliteStore.open({ file, ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}) });
    return { store, location: file, close: () => store.close() };
  }
  const db = await createTestDatabase();
  const store = await PgStore.open({ url: db.url });
  return {
    store,
    location: db.url,
    async close() {
      await store.close();
      await db.drop();
    },
  };
}
