import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import * as pgSchema from '../../../db/schema-pg';
import type { Store, Tx } from '../unit-of-work';
import { PgTx, type PgDb } from './pg-tx';

export const PG_MIGRATIONS_DIR = path.join(__dirname, '..', '..', '..', 'db', 'migrations-pg');

/** The advisory lock every instance takes around migrations: one migrates, the others wait and find nothing left to do. */
const MIGRATION_LOCK = 0x64670001;

/**
 * The transaction did nothing and may simply run again: serialization failures, deadlocks, and a
 * unique violation — two instances racing for one row (two claims of one pool customer hit
 * registrations_one_active): run again, the loser's own checks now see the winner and answer
 * as they would have, had it come second.
 */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

export interface PgStoreOptions {
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Apply pending migrations at open (default true). */
  migrate?: boolean;
  /** Transactions retried after a serialization failure or deadlock (default 5). */
  retries?: number;
  /** Names this process's connections in pg_stat_activity. */
  applicationName?: string;
}

/**
 * PostgreSQL: a pool of connections, each unit of work one transaction on one of them, several
 * instances on one database. What SQLite got from its single writer is explicit here: exact-match
 * keys are locked (Tx.lockKeys), the outbox is claimed with SKIP LOCKED, sweeps run on a leader.
 */
export class PgStore implements Store {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly db: PgDb;
  private readonly retries: number;

  private constructor(opts: PgStoreOptions) {
    this.pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? 'dealguard',
    });
    // An idle connection that the server dropped must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => undefined);
    this.db = drizzle(this.pool, { schema: pgSchema });
    this.retries = opts.retries ?? 5;
  }

  static async open(opts: PgStoreOptions): Promise<PgStore> {
    const store = new PgStore(opts);
    try {
      if (opts.migrate !== false) await store.migrate();
    } catch (e) {
      await store.pool.end();
      throw e;
    }
    return store;
  }

  /** Applies pending migrations under an advisory lock (held on one connection for the whole run). */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client, { schema: pgSchema }), { migrationsFolder: PG_MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withRetry(() => this.db.transaction((t) => fn(new PgTx(t as never))));
  }

  command<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.write(fn);
  }

  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withRetry(() => this.db.transaction((t) => fn(new PgTx(t as never)), { isolationLevel: 'repeatable read', accessMode: 'read only' }));
  }

  async exclusively<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`dealguard:${name}`]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`dealguard:${name}`]);
      }
    } finally {
      client.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async withRetry<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (e) {
        if (attempt > this.retries || !RETRYABLE.has(pgCode(e) ?? '')) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }
}

/** The SQLSTATE of a driver error (drizzle wraps them: the cause chain is followed). */
export function pgCode(e: unknown): string | undefined {
  for (let err = e, depth = 0; err && depth < 5; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    err = (err as { cause?: unknown }).cause;
  }
  return undefined;
}
