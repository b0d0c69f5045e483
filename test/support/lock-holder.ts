import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundle } from './bundle';

let built: string | undefined;

/** A second process on the database file that takes its write lock on demand (see lock-holder-child.ts). */
export interface LockHolder {
  /** Takes the lock for `ms`; resolves once it is held. */
  hold(ms: number): Promise<void>;
  /** Holds it in bursts; resolves when they are over with how many and how long in all. */
  bursts(opts: { seed: number; count: number; minHoldMs: number; maxHoldMs: number; maxGapMs: number; longEvery: number; longMs: number }): Promise<{ bursts: number; heldMs: number }>;
  /** Resolves when the lock is free again. */
  released(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLockHolder(file: string): Promise<LockHolder> {
  built ??= bundle(path.join(__dirname, 'lock-holder-child.ts'));
  const p = spawn(process.execPath, [built, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = '';
  const waiters: { word: string; resolve: (line: string) => void }[] = [];
  p.stdout.on('data', (b: Buffer) => {
    buf += b.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const i = waiters.findIndex((w) => line.startsWith(w.word));
      if (i >= 0) waiters.splice(i, 1)[0]!.resolve(line);
    }
  });
  const next = (word: string) => new Promise<string>((resolve) => waiters.push({ word, resolve }));
  await next('ready');
  return {
    async hold(ms) {
      const held = next('held');
      p.stdin.write(`hold ${ms}\n`);
      await held;
    },
    async bursts(o) {
      const done = next('done');
      p.stdin.write(`bursts ${o.seed} ${o.count} ${o.minHoldMs} ${o.maxHoldMs} ${o.maxGapMs} ${o.longEvery} ${o.longMs}\n`);
      const [, n, held] = (await done).split(' ');
      return { bursts: Number(n), heldMs: Number(held) };
    },
    async released() {
      await next('released');
    },
    async stop() {
      const exited = new Promise((r) => p.on('exit', r));
      p.stdin.write('exit\n');
      await exited;
    },
  };
}
