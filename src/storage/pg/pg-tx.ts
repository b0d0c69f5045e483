import { sql, type InferInsertModel, InferSelectModel, Table } from 'drizzle-orm';
import type { NodePgDatabase, NodePgTransaction } from 'drizzle-orm/node-postgres';
import * as pgSchema from '../../../db/schema-pg';
import type { PreparedQuery, QueryDb, Tables, Tx } from '../unit-of-work';

export type PgSchema = typeof pgSchema;
export type PgDb = NodePgDatabase<PgSchema>;
export type PgTransactionDb = NodePgTransaction<PgSchema, never>;

/** Seeds the key hash, so that these locks do not collide with other users of advisory locks on the same database. */
const ADVISORY_KEY_SEED = 0x6465616c; // 'deal'

interface PgPrepared {
  execute(params?: Record<string, unknown>): Promise<unknown>;
}

/**
 * The PostgreSQL side of a unit of work: one transaction on one pooled connection. The domain's
 * queries reach drizzle's pg builder with the pg tables; a query "prepared" here is built per call
 * (a prepared statement lives on one connection, and each unit of work may get another one).
 */
export class PgTx implements Tx {
  readonly engine = 'postgres' as const;
  readonly db: QueryDb;
  readonly t: Tables = pgSchema as unknown as Tables;

  constructor(readonly pg: PgTransactionDb) {
    this.db = pg as unknown as QueryDb;
  }

  prepared<Q>(_key: string, build: (db: QueryDb, t: Tables) => Q): PreparedQuery<never> {
    const q = build(this.db, this.t) as unknown as PgPrepared;
    return {
      all: async (p) => (await q.execute(p)) as never[],
      get: async (p) => ((await q.execute(p)) as never[])[0],
      run: async (p) => {
        await q.execute(p);
      },
    };
  }

  async insertRow<T extends Table>(table: T, values: InferInsertModel<T>): Promise<InferSelectModel<T>> {
    const rows = (await this.pg.insert(table as never).values(values as never).returning()) as InferSelectModel<T>[];
    return rows[0]!;
  }

  async lockKeys(keys: readonly string[]): Promise<void> {
    // Sorted, so that two units of work locking overlapping sets cannot deadlock each other.
    const unique = [...new Set(keys)].sort();
    if (unique.length === 0) return;
    const list = sql.join(unique.map((k) => sql`${k}`), sql`, `);
    await this.pg.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(k, ${ADVISORY_KEY_SEED})) FROM unnest(ARRAY[${list}]::text[]) AS u(k)`);
  }

  savepoint<T>(fn: () => Promise<T>): Promise<T> {
    // drizzle's nested transaction is a SAVEPOINT on this connection; fn keeps using this Tx,
    // whose statements run on the same connection, hence inside the savepoint.
    return this.pg.transaction(() => fn());
  }
}
