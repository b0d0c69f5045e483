// npm run bench [-- <name> ...]: runs the benchmarks (all, or the named ones) and prints figures.
// Not part of the test run: they take minutes and measure this machine, not correctness.
import { performance } from 'node:perf_hooks';

export interface Bench {
  name: string;
  description: string;
  run(): Promise<void>;
}

// Loaded lazily (require, not import): each benchmark pulls in a lot, and only the named ones run.
const BENCHES: Record<string, () => Promise<Bench>> = {
  registration: async () => (require('./registration') as typeof import('./registration')).bench,
  'dedup-scale': async () => (require('./dedup-scale') as typeof import('./dedup-scale')).bench,
  wecom: async () => (require('./wecom-latency') as typeof import('./wecom-latency')).bench,
  dingtalk: async () => (require('./dingtalk-latency') as typeof import('./dingtalk-latency')).bench,
  authorizations: async () => (require('./authorizations') as typeof import('./authorizations')).bench,
  storage: async () => (require('./storage') as typeof import('./storage')).bench,
};

export function registerBenchLoader(name: string, load: () => Promise<Bench>): void {
  BENCHES[name] = load;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) {
      process.stderr.write(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}\n`);
      process.exit(2);
    }
    const b = await load();
    process.stdout.write(`\n=== ${b.name}: ${b.description}\n`);
    const t0 = performance.now();
    await b.run();
    process.stdout.write(`=== ${b.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
}
