import { VirtualClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { createApp, type App } from '../../../src/app/create-app';
import { openStore } from '../../../src/app/open-store';
import { SoleInstance } from '../../../src/storage/leadership';

/** A bot instance on PostgreSQL without platforms: messages go straight to app.bot. */
export async function pgBenchApp(url: string, instanceId: string, poolSize = 16): Promise<{ app: App; close(): Promise<void> }> {
  const opened = await openStore({ db: ':memory:', url, instanceId, poolSize });
  // Benchmarks drive the bot only: no sweeps or dispatcher to lead.
  await opened.leadership.stop();
  const clock = new VirtualClock(new Date('2026-11-25T10:00:00+08:00'));
  const app = createApp({ store: opened.store, clock, rules: DEFAULT_RULES, logger: silentLogger(), platforms: [], dispatchOnChange: false, leadership: new SoleInstance(instanceId) });
  await app.start();
  return {
    app,
    async close() {
      await app.stop();
      await opened.close();
    },
  };
}
