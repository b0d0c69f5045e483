import type { Store } from '../../src/storage/unit-of-work';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { openTestStore, type TestEngine } from './stores';
import { VirtualClock } from '../../src/clock/clock';
import { DEFAULT_RULES, type Rules } from '../../src/domain/rules';
import { domainEnv } from '../../src/domain/deps';
import { DomainRoot, type Domain } from '../../src/domain/domain';
import { seedDemo } from '../../src/app/seed';
import type { RegistrationInput } from '../../src/domain/registration/types';

export interface DomainHarness {
  root: DomainRoot;
  /** The SQLite store, for tests that read its rows directly (throws on PostgreSQL: use `storage`). */
  store: SqliteStore;
  /** The store, whichever the engine. */
  storage: Store;
  clock: VirtualClock;
  /** Runs fn in one write transaction, as the bot does for a command. */
  tx<T>(fn: (d: Domain) => Promise<T>): Promise<T>;
  /** Runs fn in a read-only transaction. */
  read<T>(fn: (d: Domain) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function startDomain(opts: { now?: string; rules?: Rules; file?: string; engine?: TestEngine; onDedupRebuild?: (customers: number) => void } = {}): Promise<DomainHarness> {
  const opened = await openTestStore(opts.engine ?? 'sqlite', opts.file ? { file: opts.file } : {});
  const store = opened.store;
  const clock = new VirtualClock(new Date(opts.now ?? '2026-11-25T10:00:00+08:00'));
  const root = new DomainRoot(domainEnv(store, clock, opts.rules ?? DEFAULT_RULES));
  await root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  await root.prepare(opts.onDedupRebuild ? { onDedupRebuild: opts.onDedupRebuild } : {});
  return {
    root,
    get store(): SqliteStore {
      if (store instanceof SqliteStore) return store;
      throw new Error('this test reads SQLite rows directly: use h.storage / h.read on PostgreSQL');
    },
    storage: store,
    clock,
    tx: (fn) => root.write(fn), read: (fn) => root.read(fn), close: () => opened.close() };
}

let phone = 13800000000;
export function input(company: string, extra: Partial<RegistrationInput> = {}): RegistrationInput {
  phone += 1;
  return { company, contactName: '张伟', mobile: `+86${phone}`, ...extra };
}
