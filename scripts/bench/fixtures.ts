import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, writeTx, type Db } from '../../db/open';
import { startCheckpointer } from '../../db/checkpointer';
import { VirtualClock } from '../../src/clock/clock';
import { silentLogger } from '../../src/log/logger';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { domainDeps } from '../../src/domain/deps';
import { seedDemo } from '../../src/app/seed';
import { applyOrg } from '../../src/domain/org/apply-org';
import { createApp, type App } from '../../src/app/create-app';
import { ConsolePlatform } from '../../src/platforms/console/console-platform';
import { Random } from '../dedup/gen/random';
import { randomEntity } from '../dedup/gen/entities';
import { companyName } from '../dedup/gen/render';
import type { RegistrationInput } from '../../src/domain/registration/types';

export const BENCH_SALES = Array.from({ length: 50 }, (_, i) => `bench${i + 1}`);

export interface BenchApp {
  app: App;
  db: Db;
  clock: VirtualClock;
  file: string;
  close(): void;
}

/** A real app on a SQLite file, the demo org plus 50 salespeople under 陈经理. */
export async function benchApp(label: string, platforms: 'console' | 'none' = 'console'): Promise<BenchApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dg-bench-${label}-`));
  const file = path.join(dir, 'bench.db');
  // As the bot runs: WAL checkpoints in a background thread (see db/checkpointer.ts).
  const db = openDb({ file, backgroundCheckpoint: true });
  const checkpointer = startCheckpointer(file);
  const clock = new VirtualClock(new Date('2026-11-25T10:00:00+08:00'));
  const deps = domainDeps(db, clock, DEFAULT_RULES);
  seedDemo(deps, { onlyIfEmpty: true });
  writeTx(db, () =>
    applyOrg(deps, { staff: BENCH_SALES.map((id, i) => ({ id, name: `压测${i + 1}`, role: 'sales', managerId: 'carol', team: '华东', region: '华东', active: true })), groups: [], dealers: [] }, 'bench'),
  );
  const console = new ConsolePlatform(() => undefined, { personName: (id) => id, now: () => clock.now(), formatTime: (at) => at.toISOString() });
  const app = createApp({ db, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: platforms === 'console' ? [console] : [], dispatchOnChange: false });
  await app.start();
  return {
    app,
    db,
    clock,
    file,
    close() {
      void checkpointer.stop();
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Realistic synthetic companies (region, 字号, industry, form, valid USCC and mobile), seeded. */
export function* companies(seed: number): Generator<RegistrationInput> {
  const rnd = new Random(seed);
  const used = new Set<string>();
  for (;;) {
    if (used.size > 400_000) used.clear();
    const e = randomEntity(rnd, used);
    yield {
      company: companyName(e),
      contactName: '张伟',
      mobile: `+86${e.mobile}`,
      ...(rnd.chance(0.5) ? { uscc: e.uscc, usccChecksumOk: true } : {}),
      confirmed: true,
    };
  }
}

/** Registers `n` customers through the real service, `perTx` to a transaction; returns registrations/s. */
export function prefill(b: BenchApp, n: number, seed: number, perTx = 1000): { rate: number; submitted: number } {
  const d = b.app.domain;
  const gen = companies(seed);
  const actors = BENCH_SALES.map((id) => d.dir.require(id));
  let submitted = 0;
  const t0 = performance.now();
  for (let done = 0; done < n; ) {
    const batch = Math.min(perTx, n - done);
    writeTx(b.db, () => {
      for (let i = 0; i < batch; i++) {
        const r = d.register.register(actors[(done + i) % actors.length]!, gen.next().value as RegistrationInput);
        if (r.kind === 'submitted') submitted++;
      }
    });
    done += batch;
  }
  return { rate: n / ((performance.now() - t0) / 1000), submitted };
}
