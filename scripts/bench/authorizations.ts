// npm run bench -- authorizations: importing a 10k / 100k-row authorization file, and the daily
// sweep over 10k / 100k authorizations plus 1,000,000 customers. Each step runs in its own process
// so that the peak resident memory reported is that step's alone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench } from './index';

const SIZES = [10_000, 100_000];
const CUSTOMERS = 1_000_000;
const IMPORT_TARGET_S = 30;
const SWEEP_TARGET_S = 3;
const SWEEP_TARGET_MB = 300;

interface DayFigures {
  total: number;
  core: number;
  authorizations: number;
  released: number;
  expiring: number;
  noFollowUp: number;
  renewalNotices: number;
}
interface ImportFigures {
  read: number;
  import: number;
  total: number;
  created: number;
  errors: number;
  maxRssMb: number;
}
interface SweepFigures {
  firstDay: DayFigures;
  nextDay: DayFigures;
  maxRssMb: number;
}

function step<T>(...args: string[]): T {
  const child = path.join(__dirname, 'authorizations', 'child.ts');
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), child, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench step ${args[0]} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER TARGET');

export const bench: Bench = {
  name: 'authorizations',
  description: `authorization import (${SIZES.map((n) => n / 1000 + 'k').join(' / ')} rows) and the daily sweep over as many authorizations plus ${CUSTOMERS.toLocaleString()} customers`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-bench-authz-'));
    try {
      for (const n of SIZES) {
        const file = path.join(dir, `authorizations-${n}.xlsx`);
        const gen = step<{ s: number }>('gen', file, String(n));
        const r = step<ImportFigures>('import', file, path.join(dir, `import-${n}.db`));
        process.stdout.write(
          `import ${n.toLocaleString()} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB xlsx, written in ${gen.s} s): read ${r.read} s + validate/apply ${r.import} s = ${r.total} s, ` +
            `${r.created} created, ${r.errors} errors, peak RSS ${r.maxRssMb} MB — target ≤ ${IMPORT_TARGET_S} s: ${verdict(r.total <= IMPORT_TARGET_S)}\n`,
        );
      }
      for (const n of SIZES) {
        const db = path.join(dir, `sweep-${n}.db`);
        const setup = step<{ s: number }>('setup', db, String(n), String(CUSTOMERS));
        const r = step<SweepFigures>('sweep', db);
        const line = (label: string, x: DayFigures) =>
          `  ${label}: ${x.total} s (core protection rules ${x.core} s: ${x.released} released, ${x.expiring} protections in the expiry-reminder window, ${x.noFollowUp} without follow-up; ` +
          `renewal rules ${x.authorizations} s: ${x.renewalNotices} notices queued)`;
        process.stdout.write(
          `daily sweep, ${n.toLocaleString()} authorizations + ${CUSTOMERS.toLocaleString()} customers (setup ${setup.s} s), peak RSS ${r.maxRssMb} MB:\n` +
            `${line('first day after the import (every due milestone at once)', r.firstDay)}\n${line('next day', r.nextDay)}\n` +
            `  target ≤ ${SWEEP_TARGET_S} s and < ${SWEEP_TARGET_MB} MB — whole sweep: ${verdict(Math.max(r.firstDay.total, r.nextDay.total) <= SWEEP_TARGET_S && r.maxRssMb < SWEEP_TARGET_MB)}; ` +
            `renewal rules alone: ${verdict(Math.max(r.firstDay.authorizations, r.nextDay.authorizations) <= SWEEP_TARGET_S)}\n`,
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
