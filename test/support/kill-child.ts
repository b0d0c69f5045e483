// Runs the scheduler and dispatcher over a database file from the time saved in a progress file to
// an end time, an hour at a time, sending to a FileSinkPlatform. The crash test SIGKILLs it at
// random moments and starts it again. argv = dbFile sinkFile progressFile startIso endIso
import fs from 'node:fs';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { VirtualClock } from '../../src/clock/clock';
import { silentLogger } from '../../src/log/logger';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { createApp } from '../../src/app/create-app';
import { FileSinkPlatform } from './file-sink-platform';

const [dbFile, sinkFile, progressFile, startIso, endIso] = process.argv.slice(2) as [string, string, string, string, string];

async function main(): Promise<void> {
  const saved = fs.existsSync(progressFile) ? fs.readFileSync(progressFile, 'utf8').trim() : '';
  const clock = new VirtualClock(new Date(saved || startIso));
  const end = new Date(endIso);
  const store = SqliteStore.open({ file: dbFile, migrate: false });
  const app = createApp({ store, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: [new FileSinkPlatform(sinkFile)], dispatchOnChange: false });
  await app.start();
  process.stdout.write('ready\n');
  while (clock.now().getTime() < end.getTime()) {
    const target = new Date(Math.min(clock.now().getTime() + 3_600_000, end.getTime()));
    await app.scheduler.advanceTo(clock, target);
    fs.writeFileSync(`${progressFile}.tmp`, clock.now().toISOString());
    fs.renameSync(`${progressFile}.tmp`, progressFile);
  }
  await app.dispatcher.runOnce();
  process.stdout.write('done\n');
  await store.close();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
