// One bot instance of the storage benchmark on PostgreSQL: waits for "go" on stdin, registers its
// share through the bot, prints {"n":…,"startedAt":…,"endedAt":…} (epoch ms) and exits.
// argv: url n inFlight seed
import readline from 'node:readline';
import { companies, nextInputs, registerThroughBot } from '../fixtures';
import { pgBenchApp } from './pg-app';

async function main(): Promise<void> {
  const [url, n, inFlight, seed] = process.argv.slice(2) as [string, string, string, string];
  const b = await pgBenchApp(url, `bench-${seed}`, Number(inFlight) + 2);
  const inputs = nextInputs(companies(Number(seed)), Number(n));
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => readline.createInterface({ input: process.stdin }).once('line', () => resolve()));
  const startedAt = Date.now();
  const r = await registerThroughBot(b as never, inputs, Number(inFlight), `inst${seed}`);
  process.stdout.write(`${JSON.stringify({ n: inputs.length, submitted: r.submitted, startedAt, endedAt: Date.now() })}\n`);
  await b.close();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
