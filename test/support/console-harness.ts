import { Readable } from 'node:stream';
import { asc, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import type { Store, Tables, Tx } from '../../src/storage/unit-of-work';
import { SoleInstance } from '../../src/storage/leadership';
import { collectDisclosuresAcrossConcurrentUnitsOfWork } from '../../src/bot/render/disclosures';
import { openTestStore, type TestEngine } from './stores';
import { VirtualClock } from '../../src/clock/clock';
import { silentLogger } from '../../src/log/logger';
import { DEFAULT_RULES, type Rules } from '../../src/domain/rules';
import { domainEnv } from '../../src/domain/deps';
import { DomainRoot } from '../../src/domain/domain';
import { BusinessTime } from '../../src/domain/time';
import { seedDemo } from '../../src/app/seed';
import { createApp, type App } from '../../src/app/create-app';
import { ConsolePlatform } from '../../src/platforms/console/console-platform';
import { runRepl } from '../../src/platforms/console/repl';
import { consolePersonName, consoleSession } from '../../src/app/console-session';

export const DEMO_NOW = '2026-11-25T10:00:00+08:00';

export interface ConsoleHarness {
  app: App;
  engine: TestEngine;
  /** The SQLite store (throws on PostgreSQL: use `storage`, `rows` or `tx`). */
  store: SqliteStore;
  /** The SQLite connection under the store, for direct assertions (throws on PostgreSQL: use `rows` or `tx`). */
  db: Db;
  /** The store, whichever the engine. */
  storage: Store;
  /** Every row of the table `pick` names (optionally filtered), in id order (the order SQLite's `.all()` gave), on either engine. */
  rows<T extends SQLiteTable>(pick: (t: Tables) => T, where?: (t: Tables) => SQL | undefined): Promise<T['$inferSelect'][]>;
  /** Runs fn in one write transaction (direct inserts a test needs), on either engine. */
  tx<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  clock: VirtualClock;
  /** Everything printed so far. */
  output: string[];
  /** Runs a script (one line per chat line or :control) from a fresh prompt as alice in 华东销售群. */
  run(script: string, opts?: { as?: string; in?: string }): Promise<string>;
  close(): Promise<void>;
}

export interface ConsoleOptions {
  now?: string;
  rules?: Rules;
  /** SQLite: the file (default: in memory). */
  file?: string;
  seed?: boolean;
  reportDir?: string;
  busyTimeoutMs?: number;
  /** The storage engine (default SQLite). PostgreSQL: a fresh database on the test server, dropped on close. */
  engine?: TestEngine;
}

/** The real console platform and app over a database (SQLite in memory unless a file is given; PostgreSQL with `engine: 'postgres'`). */
export async function startConsole(opts: ConsoleOptions = {}): Promise<ConsoleHarness> {
  const engine = opts.engine ?? 'sqlite';
  if (engine !== 'sqlite' && opts.file) throw new Error('startConsole: `file` is a SQLite file; PostgreSQL opens a fresh database');
  const opened = await openTestStore(engine, { ...(opts.file ? { file: opts.file } : {}), ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}) });
  const store = opened.store;
  // As src/app/open-store.ts: on PostgreSQL the units of work of one process run concurrently. This
  // one process is the only instance, so it leads (createApp's default on SQLite).
  if (engine === 'postgres') collectDisclosuresAcrossConcurrentUnitsOfWork();
  const clock = new VirtualClock(new Date(opts.now ?? DEMO_NOW));
  const rules = opts.rules ?? DEFAULT_RULES;
  const output: string[] = [];
  const out = (t: string) => output.push(t);
  const time = new BusinessTime(rules.schedule.timezone);
  const names = new DomainRoot(domainEnv(store, clock, rules));
  const platform = new ConsolePlatform(out, { personName: consolePersonName(names), now: () => clock.now(), formatTime: (at) => time.dateTime(at) });
  const app = createApp({ store, ...(engine === 'postgres' ? { leadership: new SoleInstance('test') } : {}), clock, rules, logger: silentLogger(), platforms: [platform], dispatchOnChange: false, ...(opts.reportDir ? { reportDir: opts.reportDir } : {}) });
  if (opts.seed !== false) await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  await app.start();
  const session = consoleSession(app, platform, clock);
  const sqlite = (): SqliteStore => {
    if (store instanceof SqliteStore) return store;
    throw new Error('this test reads SQLite rows directly: use h.rows / h.tx / h.storage on PostgreSQL');
  };
  return {
    app,
    engine,
    get store() {
      return sqlite();
    },
    get db() {
      return sqlite().db;
    },
    storage: store,
    rows: (pick, where) => readRows(store, pick, where),
    tx: (fn) => store.write(fn),
    clock,
    output,
    async run(script, o = {}) {
      const before = output.length;
      const lines = script.split('\n').map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '');
      await runRepl(session, { input: Readable.from(lines.map((l) => `${l}\n`)), out, interactive: false, ...o });
      return output.slice(before).join('\n');
    },
    async close() {
      await app.stop();
      await opened.close();
    },
  };
}

/** Every row of the table `pick` names (optionally filtered), in id order (the order SQLite's `.all()` gave), on either engine. */
export function readRows<T extends SQLiteTable>(store: Store, pick: (t: Tables) => T, where?: (t: Tables) => SQL | undefined): Promise<T['$inferSelect'][]> {
  return store.read(async (tx) => {
    const table = pick(tx.t) as SQLiteTable & { id?: Parameters<typeof asc>[0] };
    const cond = where?.(tx.t);
    const q = tx.db.select().from(table).$dynamic();
    const filtered = cond ? q.where(cond) : q;
    return (await (table.id ? filtered.orderBy(asc(table.id)) : filtered)) as never;
  });
}
