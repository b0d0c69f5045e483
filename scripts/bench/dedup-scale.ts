// npm run bench -- dedup-scale: the dedup check and registration at 10k / 100k / 1M customers.
// Each database is filled in one process (load, index build from scratch, size) and measured in
// another that opens it afresh, as the bot does at start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench } from './index';
import { fmt } from './stats';

const SCALES = (process.env.DEDUP_BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
const CHECK_P99_TARGET_MS = 5;
const REGISTRATION_TARGET = 2000;

interface Built { load: number; index: number; keys: number; bytes: number; tables: Record<string, number> }
interface Measured {
  check: { n: number; p50: number; p99: number; max: number; tiers: Record<string, number> };
  oneByOne: number;
  bot: { rate: number; submitted: number; of: number };
  batched: { rate: number; rounds: number[]; submitted: number; of: number };
}

function step<T>(...args: string[]): T {
  const child = path.join(__dirname, 'dedup-scale', 'child.ts');
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench step ${args[0]} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'UNDER TARGET');

export const bench: Bench = {
  name: 'dedup-scale',
  description: `dedup check and registration at ${SCALES.map((s) => s.toLocaleString()).join(' / ')} customers; index build; database size`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-bench-dedup-'));
    try {
      for (const scale of SCALES) {
        const file = path.join(dir, `dedup-${scale}.db`);
        const say = (text: string) => process.stdout.write(`${scale.toLocaleString().padStart(9)} | ${text}\n`);
        const b = step<Built>('build', file, String(scale));
        say(
          `load ${b.load} s; index build ${b.index} s (${b.keys.toLocaleString()} keys, ${(b.keys / scale).toFixed(1)}/customer); database ${mb(b.bytes)} ` +
            `(${Object.entries(b.tables).map(([t, x]) => `${t} ${mb(x)}`).join(', ')})`,
        );
        const m = step<Measured>('measure', file, String(scale));
        const c = m.check;
        say(`check (${c.n.toLocaleString()}): p50 ${fmt(c.p50)}, p99 ${fmt(c.p99)}, max ${fmt(c.max)}; tiers ${JSON.stringify(c.tiers)} — p99 ≤ ${CHECK_P99_TARGET_MS} ms: ${verdict(c.p99 <= CHECK_P99_TARGET_MS)}`);
        say(
          `registration: ${m.oneByOne}/s one per transaction; ${m.bot.rate}/s through the bot, 64 in flight (group commit; ${m.bot.submitted.toLocaleString()} of ${m.bot.of.toLocaleString()} submitted); ` +
            `${m.batched.rate}/s at 1,000 per transaction (${m.batched.of.toLocaleString()} in rounds of 5,000: ${m.batched.rounds.map((r) => `${r}/s`).join(' ')}; ` +
            `${m.batched.submitted.toLocaleString()} submitted) — ≥ ${REGISTRATION_TARGET}/s: ${verdict(m.batched.rate >= REGISTRATION_TARGET)}`,
        );
        fs.rmSync(file, { force: true });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
