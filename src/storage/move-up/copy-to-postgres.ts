import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import type { PgStore } from '../pg/pg-store';
import type { PgTransactionDb } from '../pg/pg-tx';
import { tablePairs, type TablePair } from './table-pairs';
import { TableChecksum } from './row-checksum';

export interface TableReport {
  table: string;
  rows: number;
  checksum: string;
}

export interface CopyReport {
  /** copied: the target was empty (or replaced) and now holds the data; unchanged: it already held exactly this data. */
  outcome: 'copied' | 'unchanged';
  tables: TableReport[];
}

export class TargetNotEmptyError extends Error {
  constructor(readonly differing: string[]) {
    super(`the PostgreSQL database already holds other data (tables ${differing.join(', ')}): pass --replace to overwrite it`);
  }
}

export class VerificationError extends Error {}

const PAGE = 5000;

/** SQLite rows of one table in primary-key order, as drizzle maps them (Dates, booleans, JSON). */
function* sqliteRows(client: Database.Database, pair: TablePair): Generator<Record<string, unknown>> {
  const columns = getTableColumns(pair.lite) as Record<string, Column>;
  const order = pair.key.map((p) => `"${columns[p]!.name}"`).join(', ');
  const stmt = client.prepare(`SELECT * FROM "${pair.name}" ORDER BY ${order}`);
  for (const raw of stmt.iterate() as Iterable<Record<string, unknown>>) {
    const row: Record<string, unknown> = {};
    for (const p of pair.props) {
      const v = raw[columns[p]!.name];
      row[p] = v === null || v === undefined ? null : columns[p]!.mapFromDriverValue(v);
    }
    yield row;
  }
}

/** PostgreSQL rows in the same order: text keys compared bytewise (COLLATE "C"), as SQLite's BINARY does. */
async function* pgRows(db: PgTransactionDb, pair: TablePair): AsyncGenerator<Record<string, unknown>> {
  const columns = getTableColumns(pair.pg) as Record<string, Column>;
  const keyExpr = (p: string): SQL => (columns[p]!.dataType === 'string' ? sql`${columns[p]!} COLLATE "C"` : sql`${columns[p]!}`);
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const where = after
      ? sql`(${sql.join(pair.key.map(keyExpr), sql`, `)}) > (${sql.join(pair.key.map((p) => sql`${columns[p]!.mapToDriverValue(after![p])}`), sql`, `)})`
      : undefined;
    const page = (await db
      .select()
      .from(pair.pg)
      .where(where)
      .orderBy(...pair.key.map(keyExpr))
      .limit(PAGE)) as Record<string, unknown>[];
    for (const row of page) yield row;
    if (page.length < PAGE) return;
    after = page[page.length - 1];
  }
}

async function copyTable(client: Database.Database, pg: PoolClient, pair: TablePair): Promise<number> {
  const columns = getTableColumns(pair.pg) as Record<string, Column>;
  const names = pair.props.map((p) => `"${columns[p]!.name}"`).join(', ');
  const perBatch = Math.max(1, Math.floor(20_000 / pair.props.length));
  let params: unknown[] = [];
  let tuples: string[] = [];
  let rows = 0;
  const flush = async () => {
    if (tuples.length === 0) return;
    await pg.query(`INSERT INTO "${pair.name}" (${names}) OVERRIDING SYSTEM VALUE VALUES ${tuples.join(', ')}`, params);
    rows += tuples.length;
    params = [];
    tuples = [];
  };
  for (const row of sqliteRows(client, pair)) {
    const base = params.length;
    tuples.push(`(${pair.props.map((_, i) => `$${base + i + 1}`).join(', ')})`);
    for (const p of pair.props) params.push(row[p] === null ? null : columns[p]!.mapToDriverValue(row[p]));
    if (tuples.length >= perBatch) await flush();
  }
  await flush();
  if (pair.identity) {
    const col = columns[pair.identity]!.name;
    await pg.query(`SELECT setval(pg_get_serial_sequence('"${pair.name}"', '${col}'), GREATEST((SELECT max("${col}") FROM "${pair.name}"), 1), (SELECT max("${col}") FROM "${pair.name}") IS NOT NULL)`);
  }
  return rows;
}

function sqliteChecksums(client: Database.Database, pairs: TablePair[]): TableReport[] {
  return pairs.map((pair) => {
    const sum = new TableChecksum(pair.props);
    for (const row of sqliteRows(client, pair)) sum.add(row);
    return { table: pair.name, rows: sum.rows, checksum: sum.digest() };
  });
}

export async function pgChecksums(store: PgStore, pairs = tablePairs()): Promise<TableReport[]> {
  return store.db.transaction(
    async (tx) => {
      const out: TableReport[] = [];
      for (const pair of pairs) {
        const sum = new TableChecksum(pair.props);
        for await (const row of pgRows(tx as PgTransactionDb, pair)) sum.add(row);
        out.push({ table: pair.name, rows: sum.rows, checksum: sum.digest() });
      }
      return out;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Copies every table of a SQLite database into a PostgreSQL one, ids kept, in one PostgreSQL
 * transaction (all or nothing), from one SQLite read snapshot (the bot may keep running on the
 * file: what it writes meanwhile is not copied), and verifies row counts and a checksum per table.
 * Re-running against a target that already holds exactly this data changes nothing; a target
 * holding anything else is refused unless `replace` is set.
 */
export async function copySqliteToPostgres(
  client: Database.Database,
  store: PgStore,
  opts: { replace?: boolean; onTable?: (table: string, rows: number) => void } = {},
): Promise<CopyReport> {
  const pairs = tablePairs();
  client.exec('BEGIN');
  try {
    const source = sqliteChecksums(client, pairs);
    const counts: number[] = [];
    for (const p of pairs) counts.push(Number((await store.db.execute(sql`SELECT count(*) AS n FROM ${p.pg}`)).rows[0]!.n));
    if (counts.some((n) => n > 0)) {
      const target = await pgChecksums(store, pairs);
      const differing = source.filter((s, i) => s.checksum !== target[i]!.checksum || s.rows !== target[i]!.rows).map((s) => s.table);
      if (differing.length === 0) return { outcome: 'unchanged', tables: source };
      if (!opts.replace) throw new TargetNotEmptyError(differing);
    }
    // Bulk rows go straight to the driver (drizzle's builder spends seconds on a thousand-row
    // insert), encoded by the pg columns' own encoders; one transaction on one connection.
    const pgClient = await store.pool.connect();
    try {
      await pgClient.query('BEGIN');
      if (counts.some((n) => n > 0)) await pgClient.query(`TRUNCATE ${pairs.map((p) => `"${p.name}"`).join(', ')} RESTART IDENTITY`);
      for (const pair of pairs) {
        const rows = await copyTable(client, pgClient, pair);
        opts.onTable?.(pair.name, rows);
      }
      await pgClient.query('COMMIT');
    } catch (e) {
      await pgClient.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      pgClient.release();
    }
    const copied = await pgChecksums(store, pairs);
    const wrong = source.filter((s, i) => s.checksum !== copied[i]!.checksum || s.rows !== copied[i]!.rows);
    if (wrong.length > 0) {
      throw new VerificationError(`copied data differs from the source in ${wrong.map((w) => `${w.table} (${w.rows} rows, copied ${copied.find((c) => c.table === w.table)?.rows})`).join(', ')}`);
    }
    return { outcome: 'copied', tables: source };
  } finally {
    client.exec('COMMIT');
  }
}
