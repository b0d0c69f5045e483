// One of several instances on one PostgreSQL database (test/integration/outbox/kill-restart-pg.test.ts).
// Every instance opens the store, competes for the lead (AdvisoryLeadership) and runs createApp
// over a sink file of its own. Virtual time is shared through a progress file: only the leader
// moves it. On taking the lead an instance sets its clock to the saved progress, lets the app
// catch up and deliver (createApp's own leadership path), then runs the scheduler and the
// dispatcher an hour at a time, saving the progress after each hour, to the end time. Then it
// writes the done file; the followers see it and exit.
// The database is migrated beforehand (the test bundles this file: no migrations folder beside it).
// argv = url dir startIso endIso instanceId
import fs from 'node:fs';
import path from 'node:path';
import { PgStore } from '../../src/storage/pg/pg-store';
import { AdvisoryLeadership } from '../../src/storage/pg/advisory-leadership';
import { collectDisclosuresAcrossConcurrentUnitsOfWork } from '../../src/bot/render/disclosures';
import { VirtualClock } from '../../src/clock/clock';
import { silentLogger } from '../../src/log/logger';
import { DEFAULT_RULES } from '../../src/domain/rules';
import { createApp } from '../../src/app/create-app';
import { FileSinkPlatform } from './file-sink-platform';

const [url, dir, startIso, endIso, instanceId] = process.argv.slice(2) as [string, string, string, string, string];
const progressFile = path.join(dir, 'progress');
const doneFile = path.join(dir, 'done');

const readProgress = (): Date | undefined => {
  const saved = fs.existsSync(progressFile) ? fs.readFileSync(progressFile, 'utf8').trim() : '';
  return saved ? new Date(saved) : undefined;
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const store = await PgStore.open({ url, migrate: false, poolSize: 4, applicationName: `dealguard:${instanceId}` });
  collectDisclosuresAcrossConcurrentUnitsOfWork();
  const leadership = new AdvisoryLeadership({ url, instanceId, pollMs: 50 });
  const clock = new VirtualClock(readProgress() ?? new Date(startIso));
  // Before createApp's own listener (which catches up with this clock): the shared time first.
  leadership.onChange((leading) => {
    if (!leading) return;
    const saved = readProgress();
    if (saved && saved.getTime() > clock.now().getTime()) clock.set(saved);
    say('leading');
  });
  const app = createApp({ store, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: [new FileSinkPlatform(path.join(dir, `sink-${instanceId}.log`), () => ({ pid: process.pid, at: Date.now() }))], dispatchOnChange: false, leadership });
  await app.start();
  say('ready');
  // A kill near the end may leave a claim whose lease runs past the end: go on until it expired.
  const end = new Date(new Date(endIso).getTime() + DEFAULT_RULES.delivery.claimLeaseSeconds * 1000 + 1000);
  while (!fs.existsSync(doneFile)) {
    if (!leadership.isLeader()) {
      await sleep(20);
      continue;
    }
    await app.leadershipSettled();
    say('caught-up');
    while (clock.now().getTime() < end.getTime()) {
      const target = new Date(Math.min(clock.now().getTime() + 3_600_000, end.getTime()));
      await app.scheduler.advanceTo(clock, target);
      fs.writeFileSync(`${progressFile}.${instanceId}.tmp`, clock.now().toISOString());
      fs.renameSync(`${progressFile}.${instanceId}.tmp`, progressFile);
    }
    await app.dispatcher.runOnce();
    fs.writeFileSync(doneFile, instanceId);
    say('done');
  }
  await app.stop();
  await store.close();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
