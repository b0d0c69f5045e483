import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../db/open';
import { startCheckpointer } from '../../db/checkpointer';
import { VirtualClock } from '../../src/clock/clock';
import { silentLogger } from '../../src/log/logger';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { seedDemo } from '../../src/app/seed';
import { applyOrg } from '../../src/domain/org/apply-org';
import { createApp, type App } from '../../src/app/create-app';
import { ConsolePlatform } from '../../src/platforms/console/console-platform';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { Random } from '../dedup/gen/random';
import { randomEntity } from '../dedup/gen/entities';
import { companyName } from '../dedup/gen/render';
import type { RegistrationInput } from '../../src/domain/registration/types';
import type { Staff } from '../../src/domain/org/directory';

export const BENCH_SALES = Array.from({ length: 50 }, (_, i) => `bench${i + 1}`);

export interface BenchApp {
  app: App;
  store: SqliteStore;
  /** The connection under the store (pragmas, direct SQL of a benchmark's setup). */
  db: Db;
  clock: VirtualClock;
  file: string;
  close(): Promise<void>;
}

/**
 * A real app on a SQLite file, the demo org plus 50 salespeople under 陈经理: a new file in a
 * temporary folder (removed on close), or `file`, kept, e.g. one an earlier step filled.
 */
export async function benchApp(label: string, platforms: 'console' | 'none' = 'console', file?: string): Promise<BenchApp> {
  const dir = file ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), `dg-bench-${label}-`));
  if (!file) file = path.join(dir!, 'bench.db');
  // As the bot runs: WAL checkpoints in a background thread (see db/checkpointer.ts).
  const store = new SqliteStore(openDb({ file, backgroundCheckpoint: true }));
  const checkpointer = startCheckpointer(file);
  const clock = new VirtualClock(new Date('2026-11-25T10:00:00+08:00'));
  const console = new ConsolePlatform(() => undefined, { personName: async (id) => id, now: () => clock.now(), formatTime: (at) => at.toISOString() });
  const app = createApp({ store, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: platforms === 'console' ? [console] : [], dispatchOnChange: false });
  await app.root.write(async (d) => {
    await seedDemo(d.deps, { onlyIfEmpty: true });
    await applyOrg(d.deps, { staff: BENCH_SALES.map((id, i) => ({ id, name: `压测${i + 1}`, role: 'sales', managerId: 'carol', team: '华东', region: '华东', active: true })), groups: [], dealers: [] }, 'bench');
  });
  await app.start();
  return {
    app,
    store,
    db: store.db,
    clock,
    file,
    async close() {
      await checkpointer.stop();
      await store.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Realistic synthetic companies (region or none, 字号, industry, form, valid USCC and mobile), seeded. */
export function* companies(seed: number): Generator<RegistrationInput> {
  const rnd = new Random(seed);
  const used = new Set<string>();
  for (;;) {
    if (used.size > 400_000) used.clear();
    const e = randomEntity(rnd, used);
    // As salespeople type them: mostly with the place first, often with none, sometimes in brackets.
    const position = rnd.weighted([['lead', 70], ['none', 20], ['bracket', 10]] as const);
    yield {
      company: companyName(e, { position }),
      contactName: '张伟',
      mobile: `+86${e.mobile}`,
      ...(rnd.chance(0.5) ? { uscc: e.uscc, usccChecksumOk: true } : {}),
      confirmed: true,
    };
  }
}

export function nextInputs(gen: Generator<RegistrationInput>, n: number): RegistrationInput[] {
  return Array.from({ length: n }, () => gen.next().value as RegistrationInput);
}

/** The bench salespeople, as the register service takes its actor. */
export function benchActors(b: BenchApp): Promise<Staff[]> {
  return b.app.root.read(async (d) => {
    const found: Staff[] = [];
    for (const id of BENCH_SALES) found.push(await d.dir.require(id));
    return found;
  });
}

/** Registers `inputs` through the real service, `perTx` to a transaction; returns registrations/s. */
export async function registerBatched(b: BenchApp, inputs: RegistrationInput[], perTx: number): Promise<{ rate: number; submitted: number }> {
  const root = b.app.root;
  const actors = await benchActors(b);
  let submitted = 0;
  const t0 = performance.now();
  for (let done = 0; done < inputs.length; done += perTx) {
    await root.write(async (d) => {
      for (let i = done; i < Math.min(done + perTx, inputs.length); i++) {
        if ((await d.register.register(actors[i % actors.length]!, inputs[i]!)).kind === 'submitted') submitted++;
      }
    });
  }
  return { rate: inputs.length / ((performance.now() - t0) / 1000), submitted };
}

/** Registers `n` customers through the real service, 1,000 to a transaction (inputs made first). */
export function prefill(b: BenchApp, n: number, seed: number, perTx = 1000): Promise<{ rate: number; submitted: number }> {
  return registerBatched(b, nextInputs(companies(seed), n), perTx);
}

/**
 * /报备 through the bot from many salespeople at once (`inFlight` messages waiting at any time),
 * as a platform delivers them: commands that arrive together share a commit (group commit).
 */
export async function registerThroughBot(b: BenchApp, inputs: RegistrationInput[], inFlight: number, idPrefix: string): Promise<{ rate: number; submitted: number }> {
  let next = 0;
  let submitted = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (;;) {
        const i = next++;
        if (i >= inputs.length) return;
        const c = inputs[i]!;
        const who = BENCH_SALES[i % BENCH_SALES.length]!;
        const res = await b.app.bot.onMessage({
          platform: 'console',
          messageId: `${idPrefix}-${i}`,
          senderPlatformId: who,
          chat: { platform: 'console', chatId: who, kind: 'private' },
          text: `/报备 ${c.company} 张伟 ${c.mobile.replace('+86', '')} 确认=是`,
          mentions: [],
        });
        if (res.replies[0]?.text?.startsWith('✅')) submitted++;
      }
    }),
  );
  return { rate: inputs.length / ((performance.now() - t0) / 1000), submitted };
}

/**
 * Writes the database file out to disk: a bulk load leaves hundreds of MB of dirty pages that
 * the kernel would otherwise flush during the measurement that follows.
 */
export function syncToDisk(b: BenchApp): void {
  b.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const fd = fs.openSync(b.file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}
