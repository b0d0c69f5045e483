import { openDb } from '../../db/open';
import { startCheckpointer, type Checkpointer } from '../../db/checkpointer';
import { checkIntegrity, integrityFailureText, type IntegrityResult } from '../../db/integrity';
import type { Logger } from '../log/logger';
import os from 'node:os';
import type { Store } from '../storage/unit-of-work';
import { SqliteStore } from '../storage/sqlite/sqlite-store';
import { PgStore } from '../storage/pg/pg-store';
import { SoleInstance, type Leadership } from '../storage/leadership';
import { AdvisoryLeadership } from '../storage/pg/advisory-leadership';
import { collectDisclosuresAcrossConcurrentUnitsOfWork } from '../bot/render/disclosures';

export interface StoreOptions {
  /** DEALGUARD_DB / --db: the SQLite file (":memory:" for none). */
  db: string;
  /** DATABASE_URL (or --db postgres://…): PostgreSQL instead of the file. */
  url?: string;
  poolSize?: number;
  /** This process among several on one PostgreSQL database (default: host name and process id). */
  instanceId?: string;
  /** How long a statement waits for another process's write lock (default: db/open's, for batch work). */
  busyTimeoutMs?: number;
  /** A long-running process: a worker thread checkpoints the WAL (db/checkpointer.ts). */
  backgroundCheckpoint?: boolean;
  /** Check the file before opening it (default true: every process that writes does). */
  checkIntegrity?: boolean;
  logger?: Logger;
}

export interface OpenedStore {
  store: Store;
  /** Who runs the sweeps, the dispatcher and the WeCom connection: always this process on SQLite. */
  leadership: Leadership;
  /** The check made before opening (shown by /healthz). */
  integrity?: IntegrityResult;
  /** Closes the store and stops what runs beside it. */
  close(): Promise<void>;
}

/** The storage may not be used (a damaged file): the message says what to do; exit with `exitCode`. */
export class StoreRefused extends Error {
  readonly exitCode = 3;
}

/**
 * The one place a process chooses its storage: PostgreSQL when DATABASE_URL is set, else the
 * SQLite file named by DEALGUARD_DB / --db. A damaged file is refused before anything is written
 * to it (StoreRefused).
 */
export async function openStore(opts: StoreOptions): Promise<OpenedStore> {
  const instanceId = opts.instanceId ?? `${os.hostname()}-${process.pid}`;
  if (opts.url) return openPostgres(opts.url, instanceId, opts);
  let integrity: IntegrityResult | undefined;
  if (opts.checkIntegrity !== false) {
    integrity = checkIntegrity(opts.db);
    opts.logger?.info({ event: 'db.integrity', ok: integrity.ok, ms: integrity.ms, problems: integrity.problems }, 'database integrity checked');
    if (!integrity.ok) throw new StoreRefused(integrityFailureText(integrity));
  }
  const store = new SqliteStore(
    openDb({
      file: opts.db,
      ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}),
      ...(opts.backgroundCheckpoint ? { backgroundCheckpoint: true } : {}),
    }),
  );
  let checkpointer: Checkpointer | undefined;
  if (opts.backgroundCheckpoint && opts.db !== ':memory:') {
    checkpointer = startCheckpointer(opts.db, { onError: (message) => opts.logger?.warn({ event: 'checkpoint.failed', message }, 'background checkpoint failed') });
  }
  return {
    store,
    leadership: new SoleInstance(instanceId),
    ...(integrity ? { integrity } : {}),
    async close() {
      await checkpointer?.stop();
      await store.close();
    },
  };
}

async function openPostgres(url: string, instanceId: string, opts: StoreOptions): Promise<OpenedStore> {
  const t0 = performance.now();
  const store = await PgStore.open({ url, applicationName: `dealguard:${instanceId}`.slice(0, 63), ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) });
  opts.logger?.info({ event: 'db.open', engine: 'postgres', instance: instanceId, ms: Math.round(performance.now() - t0) }, 'PostgreSQL connected, migrations applied');
  // Units of work of this process now run concurrently: renders must not share a collection.
  collectDisclosuresAcrossConcurrentUnitsOfWork();
  const leadership = new AdvisoryLeadership({
    url,
    instanceId,
    onError: (e) => opts.logger?.warn({ event: 'leadership.connection_lost', instance: instanceId, message: (e as Error).message }, 'leadership connection lost: not leading until it is back'),
  });
  return {
    store,
    leadership,
    async close() {
      await leadership.stop();
      await store.close();
    },
  };
}
