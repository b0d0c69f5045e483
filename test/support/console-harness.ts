import { Readable } from 'node:stream';
import { openDb, type Db } from '../../db/open';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
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
  store: SqliteStore;
  /** The SQLite connection under the store, for direct assertions (sync drizzle is fine in tests). */
  db: Db;
  clock: VirtualClock;
  /** Everything printed so far. */
  output: string[];
  /** Runs a script (one line per chat line or :control) from a fresh prompt as alice in 华东销售群. */
  run(script: string, opts?: { as?: string; in?: string }): Promise<string>;
  close(): Promise<void>;
}

/** The real console platform and app over a database (in memory unless a file is given). */
export async function startConsole(opts: { now?: string; rules?: Rules; file?: string; seed?: boolean; reportDir?: string; busyTimeoutMs?: number } = {}): Promise<ConsoleHarness> {
  const store = new SqliteStore(openDb({ file: opts.file ?? ':memory:', ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}) }));
  const clock = new VirtualClock(new Date(opts.now ?? DEMO_NOW));
  const rules = opts.rules ?? DEFAULT_RULES;
  const output: string[] = [];
  const out = (t: string) => output.push(t);
  const time = new BusinessTime(rules.schedule.timezone);
  const names = new DomainRoot(domainEnv(store, clock, rules));
  const platform = new ConsolePlatform(out, { personName: consolePersonName(names), now: () => clock.now(), formatTime: (at) => time.dateTime(at) });
  const app = createApp({ store, clock, rules, logger: silentLogger(), platforms: [platform], dispatchOnChange: false, ...(opts.reportDir ? { reportDir: opts.reportDir } : {}) });
  if (opts.seed !== false) await app.root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
  await app.start();
  const session = consoleSession(app, platform, clock);
  return {
    app,
    store,
    db: store.db,
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
      await store.close();
    },
  };
}
